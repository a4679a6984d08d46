/**
 * Figure 15 — the annotations explorer (issue 10): a generated workspace of 1,000 documents (50 MB) with
 * 100,000 annotations, on disk. Goal: the explorer ready (< 1 s) after the view opens — every sidecar found,
 * read through the port with the one bounded reader and light-scanned for what the first level shows (ids,
 * codes, authors, start offsets: lightScan.ts; the full read of a sidecar waits for its first use), and the
 * first tree level by code built as the tree builds it (FirstLevel: each sidecar counted, the counts added
 * up; a group's annotations are collected only when it is expanded). Baseline in the same run: the naive
 * way, each sidecar found the same way, read, and parsed in full by the `yaml` package, codes counted. Also:
 * the orphan check of every annotation against its document (after the first level is shown; it reads
 * every sidecar in full), one sidecar changed (a file event: that sidecar re-read and counted again, the
 * first level added up again), and linear growth (250, 500 and 1,000 documents: CPU time per annotation).
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { createSelectors } from '../../src/core/anchoring';
import type { Code } from '../../src/core/codebook/codebook';
import { readBytes } from '../../src/core/fs/readBytes';
import type { Annotation } from '../../src/core/sidecar/model';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { besideLayout, findSidecars, FirstLevel, WorkspaceIndex } from '../../src/core/workspaceIndex';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { fmtMs, fmtRatio, median, now, verdict, type BenchContext, type Figure, type Row } from '../framework';
import { markdownDocument, Rng } from '../inputs';

const FIG = '15 explorer';
const CODES = ['sovereignty', 'open-source', 'safety-security', 'climate-energy', 'export-controls-allies', 'data', 'standards', 'team:capacity', 'team:follow-up'];
const AUTHORS = ['ana', 'bo', 'chen', 'dana'];
const MAX = 10 * 1024 * 1024;
const nodeFs = new NodeFileSystem();

/** `docs` documents of `docSize` characters with `perDoc` annotations each, in nested folders, and their sidecars. */
export async function generate(ctx: BenchContext, root: string, docs: number, docSize: number, perDoc: number): Promise<{ bytes: number; sidecarBytes: number }> {
  let bytes = 0;
  let sidecarBytes = 0;
  for (let d = 0; d < docs; d++) {
    const rng = new Rng(0xe8 + d);
    const text = markdownDocument(ctx.inputs.pool, docSize, 0x14000 + d);
    const dir = path.join(root, `region-${d % 10}`, `country-${Math.floor(d / 10) % 10}`);
    const name = `plan-${d}.policy.md`;
    const step = Math.max(1, Math.floor((text.length - 300) / perDoc));
    const annotations: Annotation[] = [];
    for (let i = 0; i < perDoc; i++) {
      const start = Math.min(text.length - 2, i * step + rng.int(0, Math.max(0, step - 200)));
      const end = Math.min(text.length, start + rng.int(20, 160));
      const { quote, position } = createSelectors(text, start, end);
      const a: Annotation = { id: `a-${d.toString(32).padStart(4, '0')}${i.toString(32).padStart(6, '0')}`, target: { quote, position }, codes: [...new Set([rng.pick(CODES), rng.pick(CODES)])].slice(0, rng.int(1, 2)), author: rng.pick(AUTHORS), created: '2026-07-01T10:00:00.000Z' };
      if (rng.chance(0.4)) a.note = rng.pick(ctx.inputs.pool.sentences).slice(0, 90);
      annotations.push(a);
    }
    const sidecar = serializeSidecar({ version: 1, document: name, annotations });
    await fsp.mkdir(dir, { recursive: true });
    await fsp.writeFile(path.join(dir, name), text);
    await fsp.writeFile(path.join(dir, `${name}.annotations.yaml`), sidecar);
    bytes += text.length;
    sidecarBytes += Buffer.byteLength(sidecar);
  }
  return { bytes, sidecarBytes };
}

const codes: Code[] = CODES.map((id) => ({ id, label: id, source: id.startsWith('team:') ? 'codebook' : 'theme', parent: id === 'team:follow-up' ? 'team:capacity' : undefined }));

/** What the view does when it opens: the index built, then the first level (by code) counted, as the tree does (FirstLevel). */
async function explorerReady(root: string): Promise<{ index: WorkspaceIndex; level: FirstLevel; groups: number; annotations: number }> {
  const index = new WorkspaceIndex(nodeFs, besideLayout(() => findSidecars(nodeFs, root)), { maxBytes: MAX, anchor: false });
  await index.ready();
  const level = new FirstLevel();
  const entries = index.sidecars();
  const groups = level.group(entries, { mode: 'code', codes }).length;
  return { index, level, groups, annotations: entries.reduce((n, e) => n + e.annotations.length, 0) };
}

/** The naive explorer: the same files, each parsed in full by the `yaml` package, codes counted. */
async function naive(root: string): Promise<number> {
  const counts = new Map<string, number>();
  let n = 0;
  for (const file of await findSidecars(nodeFs, root)) {
    const got = await readBytes(nodeFs, file, MAX);
    const value = parse(new TextDecoder().decode(got!.bytes)) as { annotations: { codes: string[] }[] };
    for (const a of value.annotations) {
      n++;
      for (const c of a.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  return n;
}

/** Wall time, and the process's CPU time (a shared machine's wall time includes waiting for a core). */
async function time<T>(fn: () => Promise<T>): Promise<[number, T, number]> {
  const c = process.cpuUsage();
  const t = now();
  const r = await fn();
  const wall = now() - t;
  const used = process.cpuUsage(c);
  return [wall, r, (used.user + used.system) / 1000];
}

export const explorerFigure: Figure = {
  number: 15,
  id: 'explorer',
  title: 'Annotations explorer: a 1,000-document workspace',
  aliases: ['fig15', 'workspace-index'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const docs = ctx.tiny ? 8 : 1_000;
    const perDoc = ctx.tiny ? 5 : 100;
    const docSize = ctx.tiny ? 4_000 : 50_000;
    const reps = ctx.tiny ? 1 : Math.min(ctx.reps, 3);
    const base = await fsp.mkdtemp(path.join(os.tmpdir(), 'policy-lens-explorer-'));
    try {
      const root = path.join(base, 'full');
      ctx.log(`explorer: generating ${docs} documents with ${docs * perDoc} annotations`);
      const size = await generate(ctx, root, docs, docSize, perDoc);
      // Warm-up (file cache, JIT; the naive parse's own warm-up would cost minutes), then the two alternately.
      let result = await explorerReady(root);
      const ours: number[] = [];
      const oursCpu: number[] = [];
      const baseline: number[] = [];
      const baselineCpu: number[] = [];
      for (let i = 0; i < reps; i++) {
        const [o, r, oc] = await time(() => explorerReady(root));
        result = r;
        const [b, , bc] = await time(() => naive(root));
        ours.push(o);
        oursCpu.push(oc);
        baseline.push(b);
        baselineCpu.push(bc);
      }
      const o = median(ours);
      const b = median(baseline);
      const oc = median(oursCpu);
      const bc = median(baselineCpu);
      if (result.annotations !== docs * perDoc) throw new Error(`the index holds ${result.annotations} annotations, not ${docs * perDoc}`);

      // The orphan check, after the first level is shown: every document read and every quote checked.
      const [anchorMs] = await time(async () => {
        const index = new WorkspaceIndex(nodeFs, besideLayout(() => findSidecars(nodeFs, root)), { maxBytes: MAX });
        await index.anchored();
      });
      // One sidecar changed on disk: the file event re-reads that one file, and the first level is built again
      // as the tree's refresh does (that sidecar counted again, the others' counts added up).
      const one = (await findSidecars(nodeFs, root))[0]!;
      const countedBefore = result.level.counted;
      const [eventMs] = await time(async () => {
        await result.index.fileChanged(one);
        result.level.group(result.index.sidecars(), { mode: 'code', codes });
      });
      if (result.level.counted !== countedBefore + 1) throw new Error(`a file event counted ${result.level.counted - countedBefore} sidecars again, not 1`);

      // Linear growth: the same workspace at a quarter and at half the size, in CPU time (on a shared machine
      // the wall time of a smaller run is as likely to include a wait for a core as the larger one's).
      const points: { docs: number; ms: number }[] = [];
      for (const part of [docs / 4, docs / 2]) {
        const sub = path.join(base, `part-${part}`);
        await generate(ctx, sub, part, docSize, perDoc);
        await explorerReady(sub);
        const runs: number[] = [];
        for (let i = 0; i < reps; i++) runs.push((await time(() => explorerReady(sub)))[2]);
        points.push({ docs: part, ms: median(runs) });
      }
      points.push({ docs, ms: oc });
      const perK = points.map((p) => (p.ms / (p.docs * perDoc)) * 1000);
      const slope = Math.log(points[2]!.ms / points[0]!.ms) / Math.log(points[2]!.docs / points[0]!.docs);
      const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
      return [
        {
          figure: FIG,
          measure: `explorer ready: ${docs} documents (${mb(size.bytes)}), ${docs * perDoc} annotations (sidecars ${mb(size.sidecarBytes)}): index built + first level (vs naive full YAML parse)`,
          ours: fmtMs(o),
          baseline: `${fmtMs(b)} (yaml package)`,
          ratio: fmtRatio(o / b),
          goal: '< 1 s',
          verdict: ctx.tiny ? 'info' : verdict(o < 1000),
          values: { oursMs: o, baselineMs: b, documents: docs, annotations: docs * perDoc, documentBytes: size.bytes, sidecarBytes: size.sidecarBytes, groups: result.groups },
        },
        { figure: FIG, measure: 'same, CPU time (wall time on a shared machine includes waiting for a core)', ours: fmtMs(oc), baseline: `${fmtMs(bc)} (yaml package)`, ratio: fmtRatio(oc / bc), goal: '—', verdict: 'info', values: { oursCpuMs: oc, baselineCpuMs: bc } },
        { figure: FIG, measure: 'orphan check of every annotation against its document on disk (after the first level is shown)', ours: fmtMs(anchorMs), baseline: '—', ratio: '—', goal: '—', verdict: 'info', values: { ms: anchorMs } },
        { figure: FIG, measure: 'one sidecar changed: its file event (one re-read) and the first level again (that sidecar counted again)', ours: fmtMs(eventMs), baseline: fmtMs(o), ratio: fmtRatio(eventMs / o), goal: '—', verdict: 'info', values: { ms: eventMs } },
        {
          figure: FIG,
          measure: `explorer ready linear: CPU ms per 1,000 annotations at ${points.map((p) => p.docs * perDoc).join(' / ')}`,
          ours: perK.map((x) => x.toFixed(1)).join(' / '),
          baseline: '—',
          ratio: `b = ${slope.toFixed(2)}`,
          goal: 'linear (b ≈ 1)',
          verdict: ctx.tiny ? 'info' : verdict(slope > 0.85 && slope < 1.15),
          values: { slope, ...Object.fromEntries(points.map((p) => [`ms@${p.docs * perDoc}`, p.ms])) },
        },
      ];
    } finally {
      await fsp.rm(base, { recursive: true, force: true });
    }
  },
};
