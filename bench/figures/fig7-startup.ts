/**
 * Figure 7 — start-up and size. Activation time as the extension-host suite measures it in real VS Code
 * (test/e2e/extension.test.ts logs "activation took N ms": from activate() entry to every provider
 * registered), and the packaged .vsix (`npm run package`, @vscode/vsce): its size and whether everything
 * in it is something the extension loads.
 *
 * Goals (issue 4): activation < 50 ms; .vsix < 1 MB with nothing in it the extension does not load.
 * No baseline exists for these two: they are absolute goals (the table shows "—").
 *
 * Full mode packages (which leaves a production build in dist/), runs the extension-host suite on that
 * bundle, then rebuilds the development bundle. Tiny mode (npm test) spawns nothing: it checks the parsers.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fmtBytes, fmtMs, median, verdict, type BenchContext, type Figure, type Row } from '../framework';

const FIG = '7 startup';
const ACTIVATION_GOAL_MS = 50;
const VSIX_GOAL_BYTES = 1_000_000;

/** The activation times the extension-host suite printed ("activation took 12.34 ms"). */
export function parseActivation(output: string): number[] {
  return [...output.matchAll(/activation took ([\d.]+) ms/g)].map((m) => Number(m[1]));
}

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  readonly compressed: number;
}

/** The entries of a zip file (a .vsix), from its central directory. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const compressed = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    out.push({ name: bytes.toString('utf8', p + 46, p + 46 + nameLength), size, compressed });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

interface Manifest {
  main?: string;
  contributes?: { grammars?: { path: string }[]; languages?: { configuration?: string }[]; yamlValidation?: { url: string }[] };
}

/**
 * Entries of the .vsix that the extension does not load: everything except the package's own metadata
 * (manifest, readme, changelog, licence), the bundle named by "main", the files package.json contributes
 * (grammars, language configurations, JSON schemas) and the knowledge pack (annotations/), read at run time.
 */
export function unusedEntries(entries: readonly ZipEntry[], manifest: Manifest): string[] {
  const rel = (p: string): string => `extension/${path.posix.normalize(p.replace(/^\.\//, ''))}`;
  const used = new Set<string>(['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/LICENSE']);
  if (manifest.main) used.add(rel(manifest.main.endsWith('.js') ? manifest.main : `${manifest.main}.js`));
  for (const g of manifest.contributes?.grammars ?? []) used.add(rel(g.path));
  for (const l of manifest.contributes?.languages ?? []) if (l.configuration) used.add(rel(l.configuration));
  for (const y of manifest.contributes?.yamlValidation ?? []) if (!/^https?:/.test(y.url)) used.add(rel(y.url));
  return entries.map((e) => e.name).filter((n) => !used.has(n) && !n.startsWith('extension/annotations/'));
}

function run(ctx: BenchContext, command: string, args: string[], timeoutMs: number): { ok: boolean; output: string; ms: number } {
  ctx.log(`  startup: ${command} ${args.join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: ctx.repo, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}`, ms: performance.now() - t0 };
}

const lastLines = (output: string, n: number): string =>
  output
    .trim()
    .split('\n')
    .slice(-n)
    .join(' / ')
    // colour codes
    .replace(/\u001b\[[0-9;]*m/g, '');

function vsixRows(ctx: BenchContext, vsix: string, note?: string): Row[] {
  if (!existsSync(vsix)) return [{ figure: FIG, measure: '.vsix size', ours: '—', baseline: '—', ratio: '—', goal: '< 1 MB', verdict: ctx.tiny ? 'info' : 'fail', note: `no ${path.basename(vsix)}` }];
  const bytes = readFileSync(vsix);
  const entries = zipEntries(bytes);
  const manifest = JSON.parse(readFileSync(path.join(ctx.repo, 'package.json'), 'utf8')) as Manifest;
  const unused = unusedEntries(entries, manifest);
  const size = statSync(vsix).size;
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  return [
    {
      figure: FIG,
      measure: `.vsix size (${entries.length} files, ${fmtBytes(unpacked)} unpacked)`,
      ours: fmtBytes(size),
      baseline: '—',
      ratio: '—',
      goal: '< 1 MB',
      verdict: ctx.tiny ? 'info' : verdict(size < VSIX_GOAL_BYTES),
      values: { bytes: size, unpackedBytes: unpacked, files: entries.length },
      note,
    },
    {
      figure: FIG,
      measure: '.vsix files the extension does not load',
      ours: unused.length ? unused.join(', ') : 'none',
      baseline: '—',
      ratio: '—',
      goal: 'none',
      verdict: ctx.tiny ? 'info' : verdict(unused.length === 0),
    },
  ];
}

export const startupFigure: Figure = {
  number: 7,
  id: 'startup',
  title: 'Activation time and package size',
  aliases: ['activation', 'size', 'vsix', 'fig7'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const vsix = path.join(ctx.repo, 'policy-lens.vsix');
    if (ctx.tiny) {
      const parsed = parseActivation('  ✔ x\n    activation took 12.50 ms\n');
      return [
        { figure: FIG, measure: 'activation (not run in tiny mode)', ours: parsed.length === 1 ? 'parser ok' : 'parser BROKEN', baseline: '—', ratio: '—', goal: `< ${ACTIVATION_GOAL_MS} ms`, verdict: parsed[0] === 12.5 ? 'info' : 'error' },
        ...vsixRows(ctx, vsix, 'existing file, not rebuilt in tiny mode'),
      ];
    }
    const rows: Row[] = [];
    const pkg = run(ctx, 'npm', ['run', '--silent', 'package'], 300_000);
    rows.push({
      figure: FIG,
      measure: 'npm run package succeeds',
      ours: pkg.ok ? 'yes' : 'no',
      baseline: '—',
      ratio: '—',
      goal: 'yes',
      verdict: verdict(pkg.ok),
      note: pkg.ok ? undefined : `npm run package failed: ${lastLines(pkg.output, 3)}`,
    });
    if (pkg.ok) rows.push(...vsixRows(ctx, vsix, 'npm run package, this run'));
    else {
      // Still measure the package: vsce directly, into a temporary file, without the step that failed last
      // time (rewriting README links needs a repository URL in package.json).
      const out = path.join(os.tmpdir(), `policy-lens-bench-${process.pid}.vsix`);
      const vsce = run(ctx, process.execPath, [path.join(ctx.repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', out], 300_000);
      if (vsce.ok) rows.push(...vsixRows(ctx, out, 'vsce package --no-rewrite-relative-links (npm run package failed)'));
      else rows.push({ figure: FIG, measure: '.vsix size', ours: '—', baseline: '—', ratio: '—', goal: '< 1 MB', verdict: 'error', note: `vsce failed: ${lastLines(vsce.output, 3)}` });
      rmSync(out, { force: true });
    }

    const e2e = run(ctx, process.execPath, [path.join('scripts', 'e2e', 'run.js')], 600_000);
    const times = parseActivation(e2e.output);
    // Back to the development bundle (npm run package left the production one in dist/).
    run(ctx, process.execPath, [path.join('scripts', 'build.js')], 120_000);
    if (times.length === 0) {
      rows.unshift({ figure: FIG, measure: 'activation in real VS Code', ours: '—', baseline: '—', ratio: '—', goal: `< ${ACTIVATION_GOAL_MS} ms`, verdict: 'error', note: `no "activation took" line; extension-host suite ${e2e.ok ? 'passed' : 'failed'}: ${lastLines(e2e.output, 2)}` });
    } else {
      const ms = median(times);
      rows.unshift({
        figure: FIG,
        measure: 'activation in real VS Code (extension-host suite, production bundle)',
        ours: fmtMs(ms),
        baseline: '—',
        ratio: '—',
        goal: `< ${ACTIVATION_GOAL_MS} ms`,
        verdict: verdict(ms < ACTIVATION_GOAL_MS),
        values: { activationMs: ms, suitePassed: e2e.ok, suiteSeconds: e2e.ms / 1000 },
        note: e2e.ok ? undefined : 'the extension-host suite failed (see npm run test:e2e)',
      });
    }
    return rows;
  },
};
