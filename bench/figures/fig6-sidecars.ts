/**
 * Figure 6 — sidecars. A sidecar of 10,000 annotations (~6.5 MB) as analysts write them — quotes with their
 * context from a generated plan, codes, notes of one to three lines (plain, quoted and block styles), links,
 * authors, dates — with hand-written comments in it (a header, one above every 50th annotation, some at line
 * ends and inside annotations).
 *
 * Goals (issue 4): load + validate < 300 ms; one annotation added and written back in place, comments kept,
 * < 300 ms; memory reported. Baselines in the same run: the same calls with the fast path off (the `yaml`
 * package parses the file, and the result back, whole: what Policy Lens did before); for scale, js-yaml's
 * load (when installed) and JSON.parse of the same data.
 *
 * Design (src/core/sidecar/): the fast reader (fastRead.ts) reads exactly the subset of YAML the serializer
 * writes, plus comments, and validates as it goes; anything else falls back to the `yaml` package, which
 * positions every problem. Writes splice the changed blocks into the existing text by the reader's line
 * layout and read each spliced block back alone; emit.ts writes annotations as the yaml package would.
 */
import { runInNewContext } from 'vm';
import { setFlagsFromString } from 'v8';
import { createSelectors } from '../../src/core/anchoring';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { serializeSidecar, serializeSidecarWithYaml } from '../../src/core/sidecar/serialize';
import { updateSidecar, updateSidecarWithYaml } from '../../src/core/sidecar/update';
import { analyseSidecar } from '../../src/core/sidecar/parse';
import type { Annotation, AnnotationLink, Sidecar } from '../../src/core/sidecar/model';
import { compare, fmtBytes, fmtMs, fmtRatio, median, timeOnce, verdict, type BenchContext, type Figure, type Row } from '../framework';
import { Rng } from '../inputs';

const FIG = '6 sidecars';
const CODES = ['international-cooperation', 'sovereignty', 'safety-security', 'open-source', 'climate-energy', 'export-controls-allies', 'team:capacity', 'team:follow-up'];
const AUTHORS = ['Analyst One', 'ana.m', 'Bo Chen', "Siobhán O'Neill"];
const PROVISIONS = ['us-1.2', 'us-2.4', 'cn-3', 'cn-7', 'us-3.1'];

/** 10,000 annotations (50 in tiny mode) on a generated plan of about 1 MB, in document order. */
export function benchSidecar(ctx: BenchContext, count: number): Sidecar {
  const rng = new Rng(0x51dec4);
  const doc = ctx.inputs.prose(1_000_000).text;
  const pool = ctx.inputs.pool.sentences;
  const annotations: Annotation[] = [];
  const step = Math.max(1, Math.floor((doc.length - 400) / count));
  for (let i = 0; i < count; i++) {
    let start = Math.min(doc.length - 2, i * step + rng.int(0, Math.max(0, step - 1)));
    while (start > 0 && /\S/.test(doc[start - 1]!)) start--;
    const end = Math.min(doc.length, start + rng.int(20, 220));
    const { quote, position } = createSelectors(doc, start, end);
    const a: Annotation = {
      id: `a-${i.toString(32).padStart(10, '0')}`,
      target: { quote, position },
      codes: [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(CODES)))],
      created: new Date(Date.UTC(2025, 6, 1) + rng.int(0, 150) * 86_400_000 + rng.int(0, 86_399_999)).toISOString(),
    };
    const lines = rng.int(0, 3);
    if (lines > 0) a.note = Array.from({ length: lines }, () => rng.pick(pool).slice(0, rng.int(30, 120))).join('\n');
    if (rng.chance(0.5)) {
      const links: AnnotationLink[] = [{ provision: rng.pick(PROVISIONS), relation: rng.pick(['aligned', 'partial', 'contrasting']) }];
      if (rng.chance(0.3)) links.push({ document: '../cn/cn-global-ai-governance-2025.txt', annotation: `a-${rng.int(0, count).toString(32).padStart(10, '0')}`, relation: 'aligned', note: rng.pick(pool).slice(0, 60) });
      a.links = links;
    }
    a.author = rng.pick(AUTHORS);
    if (rng.chance(0.3)) a.modified = new Date(Date.parse(a.created) + rng.int(1, 30) * 86_400_000).toISOString();
    annotations.push(a);
  }
  return { version: 1, document: 'us-ai-action-plan-2025.policy.md', annotations };
}

/** The serialized sidecar with comments as people add them. */
export function withComments(text: string): string {
  let n = 0;
  return text
    .replace(/^annotations:$/m, '# Annotations of the US plan — reviewed by the team, July 2025.\n# Keep notes short; codes from .policy-lens/codebook.yaml.\nannotations:')
    .replace(/^ {2}- id: (a-\w+)$/gm, (line, id: string) => (n++ % 50 === 0 ? `  # second pass: ${id}\n${line}` : line))
    .replace(/^( {4}created: \S+)$/gm, (line) => (n++ % 37 === 0 ? `${line} # checked` : line))
    .replace(/^( {4}codes:)$/gm, (line) => (n++ % 41 === 0 ? `    # codes agreed in the July workshop\n${line}` : line));
}

let gcFn: (() => void) | undefined;
/** The engine's garbage collector, for memory figures (enabled at run time; no flag needed on the command line). */
function gc(): () => void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  return gcFn;
}

/** Heap retained by what `load` returns, and heap grown during the call (before collection). */
function memory(load: () => unknown): { retained: number; allocated: number } {
  const collect = gc();
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = load();
  const grown = process.memoryUsage().heapUsed - before;
  collect();
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  if (kept === undefined) throw new Error('nothing loaded');
  return { retained, allocated: grown };
}

function jsYaml(): ((text: string) => unknown) | undefined {
  try {
    // Not a dependency of ours (mocha brings it): a reference only when present.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('js-yaml') as { load: (text: string) => unknown }).load;
  } catch {
    return undefined;
  }
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export const sidecarsFigure: Figure = {
  number: 6,
  id: 'sidecars',
  title: 'Sidecar load and write',
  aliases: ['sidecar', 'fig6'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const count = ctx.tiny ? 50 : 10_000;
    const sidecar = benchSidecar(ctx, count);
    const text = withComments(serializeSidecar(sidecar));
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    const size = `${count.toLocaleString('en')} annotations (${fmtBytes(bytes.length)}, with comments)`;
    const opts = { maxBytes: 10 * 1024 * 1024, documentLength: 1_100_000 };
    const reps = Math.min(ctx.reps, 3);
    ctx.log(`  sidecars: ${size}`);

    // Memory first, while nothing else large is alive (the engine may free what a later step no longer uses).
    const memOurs = memory(() => parseSidecar('bench.annotations.yaml', bytes, opts));
    const memYaml = memory(() => analyseSidecar('bench.annotations.yaml', bytes, opts));

    // Both paths give the same result (held by the property tests; checked here on the real thing).
    const fast = parseSidecar('bench.annotations.yaml', bytes, opts);
    const { yaml: _yaml, ...slow } = analyseSidecar('bench.annotations.yaml', bytes, opts);
    if (fast.problems.length || fast.annotations.length !== count || JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error('the fast and yaml paths disagree on the benchmark sidecar');

    // Load + validate, from the file's bytes as the editor reads them.
    const load = compare(
      reps,
      () => parseSidecar('bench.annotations.yaml', bytes, opts),
      () => analyseSidecar('bench.annotations.yaml', bytes, opts),
    );
    const json = JSON.stringify(sidecar);
    const jsonMs = median(Array.from({ length: reps }, () => timeOnce(() => JSON.parse(json))));
    const jsLoad = jsYaml();
    const jsYamlMs = jsLoad ? median(Array.from({ length: reps }, () => timeOnce(() => jsLoad(text)))) : NaN;

    // One annotation added (in the middle of the document) and written back in place.
    const first = sidecar.annotations[0]!;
    const middle = sidecar.annotations[Math.floor(count / 2)]!;
    const added: Annotation = { ...first, id: 'a-new0000001', note: 'Added in the benchmark.', target: { ...first.target, position: { start: middle.target.position.start + 1, end: middle.target.position.end + 1 } } };
    const next: Sidecar = { ...sidecar, annotations: [...sidecar.annotations, added] };
    let written = updateSidecar(text, next);
    let writtenByYaml = written;
    const add = compare(
      Math.min(reps, 2),
      () => (written = updateSidecar(text, next)),
      () => (writtenByYaml = updateSidecarWithYaml(text, next)),
    );
    const comments = (s: string): number => s.split('\n').filter((l) => /#/.test(l)).length;
    const commentsKept = written.mode === 'in-place' && comments(written.text) === comments(text);
    if (written.text !== writtenByYaml.text) throw new Error('the fast and yaml paths write different text');

    // Every annotation changed (all positions shift, as after typing at the top of the document and saving).
    const shifted: Sidecar = { ...sidecar, annotations: sidecar.annotations.map((a) => ({ ...a, target: { ...a.target, position: { start: a.target.position.start + 1, end: a.target.position.end + 1 } } })) };
    // (The yaml path takes seconds here: timed once, after ours has warmed up.)
    updateSidecar(text, shifted);
    const shiftOurs = median([timeOnce(() => updateSidecar(text, shifted)), timeOnce(() => updateSidecar(text, shifted))]);
    const shift = { ours: shiftOurs, baseline: timeOnce(() => updateSidecarWithYaml(text, shifted)), ratio: NaN };
    shift.ratio = shift.ours / shift.baseline;
    // Written afresh (a new sidecar, or one rewritten): the emitter against the yaml package.
    const serialize = compare(
      reps,
      () => serializeSidecar(sidecar),
      () => serializeSidecarWithYaml(sidecar),
    );
    // A hand edit outside the fast reader's subset (one annotation in flow style): the yaml path, as before.
    const odd = text.replace(/^( {4}codes:)\n {6}- (\S+)\n(?= {4}\S)/m, '$1 [$2]\n');
    const fallbackMs = timeOnce(() => parseSidecar('bench.annotations.yaml', odd, opts));


    const rows: Row[] = [
      {
        figure: FIG,
        measure: `load + validate, ${size}`,
        ours: fmtMs(load.ours),
        baseline: `${fmtMs(load.baseline)} (yaml package)`,
        ratio: fmtRatio(load.ratio),
        goal: '< 300 ms',
        verdict: verdict(load.ours < 300),
        values: { oursMs: load.ours, yamlMs: load.baseline, ratio: load.ratio, jsonMs, jsYamlMs: Number.isFinite(jsYamlMs) ? jsYamlMs : null, bytes: bytes.length },
        note: `for scale: JSON.parse of the same data ${fmtMs(jsonMs)}${Number.isFinite(jsYamlMs) ? `, js-yaml load ${fmtMs(jsYamlMs)} (no positions, no comments)` : ''}`,
      },
      {
        figure: FIG,
        measure: `one annotation added and written in place, comments kept (${count.toLocaleString('en')})`,
        ours: fmtMs(add.ours),
        baseline: `${fmtMs(add.baseline)} (yaml package)`,
        ratio: fmtRatio(add.ratio),
        goal: '< 300 ms',
        verdict: verdict(add.ours < 300 && commentsKept),
        values: { oursMs: add.ours, yamlMs: add.baseline, ratio: add.ratio, commentsKept, mode: written.mode },
        note: `${written.mode}; ${comments(written.text)} comment lines kept of ${comments(text)}; the same text as the yaml path writes`,
      },
      {
        figure: FIG,
        measure: `memory: heap retained by the loaded sidecar (${fmtBytes(bytes.length)} file)`,
        ours: mb(memOurs.retained),
        baseline: `${mb(memYaml.retained)} (yaml package)`,
        ratio: fmtRatio(memOurs.retained / memYaml.retained),
        goal: 'report',
        verdict: 'info',
        values: { oursRetained: memOurs.retained, yamlRetained: memYaml.retained, oursAllocated: memOurs.allocated, yamlAllocated: memYaml.allocated },
        note: `heap grown during the load, before collection: ours ${mb(memOurs.allocated)}, yaml package ${mb(memYaml.allocated)}`,
      },
      {
        figure: FIG,
        measure: `every annotation changed (positions shifted) and written (${count.toLocaleString('en')})`,
        ours: fmtMs(shift.ours),
        baseline: `${fmtMs(shift.baseline)} (yaml package)`,
        ratio: fmtRatio(shift.ratio),
        goal: '—',
        verdict: 'info',
        values: { oursMs: shift.ours, yamlMs: shift.baseline },
      },
      {
        figure: FIG,
        measure: `written afresh (serialize ${count.toLocaleString('en')})`,
        ours: fmtMs(serialize.ours),
        baseline: `${fmtMs(serialize.baseline)} (yaml package)`,
        ratio: fmtRatio(serialize.ratio),
        goal: '—',
        verdict: 'info',
        values: { oursMs: serialize.ours, yamlMs: serialize.baseline },
      },
      {
        figure: FIG,
        measure: `load + validate of a hand edit outside the fast subset (falls back to the yaml package)`,
        ours: fmtMs(fallbackMs),
        baseline: fmtMs(load.baseline),
        ratio: fmtRatio(fallbackMs / load.baseline),
        goal: '—',
        verdict: 'info',
        values: { fallbackMs },
      },
    ];
    return rows;
  },
};
