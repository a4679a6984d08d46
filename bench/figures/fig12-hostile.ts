/**
 * Figure 9 — hostile and huge inputs (issue 13). Two parts:
 *
 * - The theme matcher (the regex the grammar and the matcher share) on single lines of 10 KB to 10 MB, in
 *   prose and in the adversarial case of a phrase's first word followed by a run of blanks: time per MB
 *   must stay flat (ratio of the longest line's ms/MB to the shortest's ≤ 1.25).
 * - The CLI on documents of 1 MB and BIG MB (5 by default; POLICY_LENS_BENCH_BIG_MB=50 for the issue's
 *   50 MB) and on one line of LINE MB (BIG by default; the is 20 MB): `identify`, `themes`,
 *   `report`, `annotations` must be linear (exponent b ≤ 1.1 between the sizes; the one line no slower
 *   per MB than ordinary text of its size, within 1.25) and peak memory (maxRSS of the child) under 4 × input + 100 MB.
 *   Each command runs in a child process (dist/cli.js, as a user runs it); tiny mode runs none of that,
 *   only the same command functions in-process on tiny inputs.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { annotationsCommand } from '../../src/cli/annotationCommands';
import { identifyCommand, themesCommand } from '../../src/cli/commands';
import { reportCommand } from '../../src/cli/reportCommand';
import { createAnnotation } from '../../src/core/annotations/annotationFactory';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { fmtBytes, fmtMs, median, timeOnce, verdict, type BenchContext, type Figure, type Row } from '../framework';
import { longLineDocument } from '../inputs';
import { bundledPack } from '../pack';

const FIG = '12 hostile';
const MB = 1_000_000;
const FLAT = 1.25;
const COMMANDS = ['identify', 'themes', 'report', 'annotations'] as const;
type Command = (typeof COMMANDS)[number];

const envMb = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * Prints the child's peak memory and CPU time on exit (preloaded with -r): maxRSS in KB, CPU in µs. The
 * exponents are taken from CPU time: on a shared machine the wall time of a big run includes waiting for a core.
 */
const RSS_PRELOAD = "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, `\\npolicy-lens-bench maxRSS ${u.maxRSS} cpu ${u.userCPUTime + u.systemCPUTime}\\n`); });\n";

interface Run {
  /** CPU time of the child (user + system); wall time when the child did not report it. */
  readonly ms: number;
  readonly wallMs: number;
  readonly rssBytes: number;
  readonly error?: string;
}

/** A document of `size` characters at `dir/name` (and its sidecar: one annotation per 10 KB), for the command. */
function writeDocument(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const annotations = [];
  const step = 10_000;
  for (let i = 0, at = 100; at + 40 < text.length; i++, at += step) annotations.push(createAnnotation({ text, start: at, end: at + 40, codes: ['open-source'], id: `a-${i}`, now: new Date(0) }));
  writeFileSync(`${file}.annotations.yaml`, serializeSidecar({ version: 1, document: name, annotations }));
  return file;
}

function spawnCommand(ctx: BenchContext, preload: string, command: Command, file: string): Run {
  const target = command === 'report' ? path.dirname(file) : file;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', preload, path.join(ctx.repo, 'dist', 'cli.js'), command, target], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000, maxBuffer: 64 * MB });
  const ms = performance.now() - t0;
  const stderr = r.stderr?.toString() ?? '';
  const rss = /policy-lens-bench maxRSS (\d+) cpu (\d+)/.exec(stderr);
  const error = r.error ? r.error.message : r.status !== 0 && r.status !== 1 ? `exit ${r.status}: ${stderr.slice(0, 200)}` : undefined;
  return { ms: rss ? Number(rss[2]) / 1000 : ms, wallMs: ms, rssBytes: rss ? Number(rss[1]) * 1024 : NaN, error };
}

const exponent = (a: { bytes: number; ms: number }, b: { bytes: number; ms: number }): number => Math.log(b.ms / a.ms) / Math.log(b.bytes / a.bytes);
const perMb = (ms: number, bytes: number): number => ms / (bytes / MB);

export async function matcherRows(ctx: BenchContext): Promise<Row[]> {
  const pack = await bundledPack();
  const matcher = new ThemeMatcher(pack.themes);
  const sizes = ctx.tiny ? [1_000, 4_000] : [10_000, 100_000, MB, 10 * MB];
  const rows: Row[] = [];
  const block = `${longLineDocument(ctx.inputs.pool, 10_000, 10_000, 0x9e11).split('\n')[0]!.slice(0, 10_000).replace(/\S*$/, '')} `;
  const cases: [string, (n: number) => string][] = [
    // The same 10 KB of prose tiled: only the line's length changes from point to point, not its text.
    ['prose lines', (n) => block.repeat(Math.ceil(n / block.length)).slice(0, n)],
    ["'open' + blanks lines", (n) => `open${' '.repeat(n - 5)}x`],
  ];
  for (const [name, make] of cases) {
    for (const [mode, run] of [['inline', (t: string) => matcher.matchLine(t)], ['wrapped', (t: string) => matcher.matchText(t)]] as const) {
      run(make(sizes[1]!)); // the regex compiled and tiered up before the first point
      const lines = sizes.map(make);
      const times = sizes.map((n) => Math.max(1, Math.round((ctx.tiny ? 4_000 : 2 * MB) / n))); // about 2 MB per sample
      // The sizes interleaved, rep by rep, so that the machine's drift hits them alike.
      const samples: number[][] = sizes.map(() => []);
      for (let r = 0; r < (ctx.tiny ? 1 : Math.max(7, ctx.reps)); r++) {
        lines.forEach((line, i) => samples[i]!.push(timeOnce(() => { for (let k = 0; k < times[i]!; k++) run(line); }) / times[i]!));
      }
      const points = lines.map((line, i) => ({ bytes: line.length, ms: median(samples[i]!) }));
      const flat = perMb(points[points.length - 1]!.ms, points[points.length - 1]!.bytes) / perMb(points[0]!.ms, points[0]!.bytes);
      rows.push({
        figure: FIG,
        measure: `matcher (${mode}), ${name}: ms per MB at ${points.map((p) => fmtBytes(p.bytes)).join(' / ')}`,
        ours: points.map((p) => perMb(p.ms, p.bytes).toFixed(1)).join(' / '),
        baseline: '—',
        ratio: `${flat.toFixed(2)}× (longest / shortest)`,
        goal: `flat (≤ ${FLAT}×)`,
        verdict: verdict(flat <= FLAT),
        values: Object.fromEntries(points.map((p) => [`${p.bytes} ms`, p.ms])),
      });
    }
  }
  return rows;
}

async function tinyCommandRows(ctx: BenchContext): Promise<Row[]> {
  const pack = await bundledPack();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-bench9-'));
  try {
    const file = writeDocument(path.join(dir, 'doc'), 'doc.policy.md', ctx.inputs.prose(4_000).text);
    const run: Record<Command, () => Promise<unknown>> = {
      identify: () => identifyCommand(pack, file),
      // Its output is made as it is printed: drain it, or nothing is timed.
      themes: async () => [...(await themesCommand(pack, file)).stream(false)].length,
      report: () => reportCommand(pack, path.dirname(file)),
      annotations: () => annotationsCommand(file),
    };
    const rows: Row[] = [];
    for (const c of COMMANDS) {
      const t0 = performance.now();
      await run[c]();
      rows.push({ figure: FIG, measure: `${c} (tiny, in-process; nothing spawned)`, ours: fmtMs(performance.now() - t0), baseline: '—', ratio: '—', goal: 'b ≤ 1.1', verdict: 'info' });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function commandRows(ctx: BenchContext): Row[] {
  const big = envMb('POLICY_LENS_BENCH_BIG_MB', 5) * MB;
  const lineSize = envMb('POLICY_LENS_BENCH_LINE_MB', big / MB) * MB;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-bench9-'));
  const preload = path.join(dir, 'rss.js');
  writeFileSync(preload, RSS_PRELOAD);
  const rows: Row[] = [];
  try {
    const small = writeDocument(path.join(dir, 'small'), 'plan.policy.md', ctx.inputs.prose(MB).text);
    const large = writeDocument(path.join(dir, 'large'), 'plan.policy.md', ctx.inputs.prose(big).text);
    // One line: the prose of the large document with its line breaks made spaces.
    const oneLine = writeDocument(path.join(dir, 'line'), 'plan.policy.md', ctx.inputs.prose(lineSize).text.replace(/\n+/g, ' '));
    // The line is compared with ordinary text of its own size: a process's start-up weighs less on a larger input.
    const sameSize = lineSize === big ? large : writeDocument(path.join(dir, 'same'), 'plan.policy.md', ctx.inputs.prose(lineSize).text);
    for (const c of COMMANDS) {
      ctx.log(`  ${c}: 1 MB, ${fmtBytes(big)}, one ${fmtBytes(lineSize)} line`);
      const a = spawnCommand(ctx, preload, c, small);
      const b = spawnCommand(ctx, preload, c, large);
      const l = spawnCommand(ctx, preload, c, oneLine);
      const s = sameSize === large ? b : spawnCommand(ctx, preload, c, sameSize);
      const error = a.error ?? b.error ?? l.error ?? s.error;
      const exp = exponent({ bytes: MB, ms: a.ms }, { bytes: big, ms: b.ms });
      const lineRatio = perMb(l.ms, lineSize) / perMb(s.ms, lineSize);
      const memOk = [[a, MB], [b, big], [l, lineSize]].every(([r, n]) => (r as Run).rssBytes <= 4 * (n as number) + 100 * MB);
      rows.push({
        figure: FIG,
        measure: `${c}: 1 MB → ${fmtBytes(big)} (CPU ms per MB), one ${fmtBytes(lineSize)} line`,
        ours: `${perMb(a.ms, MB).toFixed(0)} → ${perMb(b.ms, big).toFixed(0)}; line ${perMb(l.ms, lineSize).toFixed(0)} (${fmtBytes(lineSize)} in lines ${perMb(s.ms, lineSize).toFixed(0)})`,
        baseline: '—',
        ratio: `b = ${exp.toFixed(2)}; line ${lineRatio.toFixed(2)}×`,
        goal: `b ≤ 1.1; line ≤ ${FLAT}×`,
        verdict: error ? 'error' : verdict(exp <= 1.1 && lineRatio <= FLAT),
        values: { ms1MB: a.ms, msBig: b.ms, msLine: l.ms, msSameSize: s.ms, wallMs1MB: a.wallMs, wallMsBig: b.wallMs, wallMsLine: l.wallMs, bigBytes: big, lineBytes: lineSize },
        note: error,
      });
      rows.push({
        figure: FIG,
        measure: `${c}: peak memory at 1 MB / ${fmtBytes(big)} / ${fmtBytes(lineSize)} line`,
        ours: [a, b, l].map((r) => fmtBytes(r.rssBytes)).join(' / '),
        baseline: `limit ${fmtBytes(4 * MB + 100 * MB)} / ${fmtBytes(4 * big + 100 * MB)} / ${fmtBytes(4 * lineSize + 100 * MB)}`,
        ratio: '—',
        goal: '< 4 × input + 100 MB',
        verdict: error ? 'error' : verdict(memOk),
        values: { rss1MB: a.rssBytes, rssBig: b.rssBytes, rssLine: l.rssBytes },
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export const hostileFigure: Figure = {
  number: 12,
  id: 'hostile',
  title: 'Hostile and huge inputs: matcher per MB, CLI commands linear in time and memory',
  aliases: ['fig9', 'huge'],
  async run(ctx: BenchContext): Promise<Row[]> {
    const rows = await matcherRows(ctx);
    rows.push(...(ctx.tiny ? await tinyCommandRows(ctx) : commandRows(ctx)));
    return rows;
  },
};
