/**
 * Figure 13 — team work (issue 10): the git merge driver on two 10,000-annotation sidecars (< 300 ms), and
 * intercoder agreement over 10,000 annotations (< 200 ms), each linear (the same work at half the size, in
 * the same run: time ratio near 2).
 *
 * Merge: base, ours and theirs of 10,000 annotations (~6.5 MB each) as figure 6 makes them; ours edits 100
 * notes and adds 50, theirs edits the codes of 100 others, adds 50 and deletes 20. Timed: what the driver
 * runs (mergeSidecarBytes: the three files decoded and cut into blocks, the blocks the sides hold differently
 * read and merged, our text written with them; blockMerge.ts). Baseline in the same run: the three full
 * parses, what a merge that read every annotation of every side would start with.
 *
 * Agreement: two coders with 5,000 annotations each on a 1 MB document, half of their passages shared
 * (shifted a little), the rest their own. Timed: re-anchoring both sets and the per-code report. Baseline:
 * the naive per-character count (a flag array per coder and code over the whole document) for κ alone.
 */
import { compareCoders, type CodedSpan } from '../../src/core/agreement/agreement';
import { anchorAnnotations } from '../../src/core/annotations/annotationFactory';
import { createSelectors } from '../../src/core/anchoring';
import { mergeSidecarBytes } from '../../src/core/merge/mergeTexts';
import type { Annotation, Sidecar } from '../../src/core/sidecar/model';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { compare, fmtMs, fmtRatio, verdict, type BenchContext, type Figure, type Row } from '../framework';
import { Rng } from '../inputs';
import { benchSidecar } from './fig6-sidecars';

const FIG = '13 team';
const MAX = 64 * 1024 * 1024;
const bytes = (s: Sidecar): Uint8Array => new Uint8Array(Buffer.from(serializeSidecar(s), 'utf8'));

function mergeInputs(ctx: BenchContext, count: number): [Uint8Array, Uint8Array, Uint8Array] {
  const base = benchSidecar(ctx, count);
  const n = base.annotations.length;
  const step = Math.max(1, Math.floor(n / 100));
  const added = (tag: string, i: number): Annotation => {
    const a = base.annotations[(i * 7919) % n]!;
    return { ...a, id: `a-${tag}${i.toString(32).padStart(9, '0')}`, note: `added by ${tag}` };
  };
  const ours: Sidecar = {
    ...base,
    annotations: [...base.annotations.map((a, i) => (i % step === 0 ? { ...a, note: `ours ${i}` } : a)), ...Array.from({ length: Math.ceil(count / 200) }, (_, i) => added('o', i))],
  };
  const theirs: Sidecar = {
    ...base,
    annotations: [
      ...base.annotations.filter((_, i) => i % (step * 5) !== 3).map((a, i) => (i % step === 1 ? { ...a, codes: [...a.codes.filter((c) => c !== 'team:follow-up'), 'team:follow-up'] } : a)),
      ...Array.from({ length: Math.ceil(count / 200) }, (_, i) => added('t', i)),
    ],
  };
  return [bytes(base), bytes(ours), bytes(theirs)];
}

function agreementInputs(ctx: BenchContext, perCoder: number): { text: string; a: Annotation[]; b: Annotation[] } {
  const rng = new Rng(0xa97ee);
  const text = ctx.inputs.prose(ctx.tiny ? 20_000 : 1_000_000).text;
  const codes = ['sovereignty', 'open-source', 'safety-security', 'climate-energy', 'export-controls-allies', 'team:capacity'];
  const step = Math.max(1, Math.floor((text.length - 400) / perCoder));
  const make = (coder: string, i: number, shift: number): Annotation => {
    const start = Math.max(0, Math.min(text.length - 300, i * step + shift));
    const { quote, position } = createSelectors(text, start, start + 40 + (i % 7) * 20);
    return { id: `a-${coder}${i.toString(32).padStart(9, '0')}`, target: { quote, position }, codes: [codes[i % codes.length]!], author: coder, created: '2025-07-01T00:00:00.000Z' };
  };
  const a: Annotation[] = [];
  const b: Annotation[] = [];
  for (let i = 0; i < perCoder; i++) {
    a.push(make('a', i, 0));
    // Half shared (a few characters off), half their own passage.
    b.push(make('b', i, rng.chance(0.5) ? rng.int(-5, 5) : Math.floor(step / 2)));
  }
  return { text, a, b };
}

function agreement(text: string, a: readonly Annotation[], b: readonly Annotation[]) {
  const spans = (list: readonly Annotation[]): CodedSpan[] =>
    anchorAnnotations(text, list)
      .filter((x) => x.anchor.status !== 'orphaned')
      .map((x) => ({ start: x.anchor.start, end: x.anchor.end, codes: x.annotation.codes }));
  return compareCoders(text.length, spans(a), spans(b));
}

/** The naive per-character count: one flag array per coder and code, κ from the counts. */
function naiveKappa(length: number, a: readonly Annotation[], b: readonly Annotation[]): number {
  const codes = new Set([...a, ...b].flatMap((x) => x.codes));
  let sum = 0;
  for (const code of codes) {
    const fa = new Uint8Array(length);
    const fb = new Uint8Array(length);
    for (const x of a) if (x.codes.includes(code)) fa.fill(1, x.target.position.start, x.target.position.end);
    for (const x of b) if (x.codes.includes(code)) fb.fill(1, x.target.position.start, x.target.position.end);
    let both = 0;
    let oa = 0;
    let ob = 0;
    for (let i = 0; i < length; i++) {
      both += fa[i]! & fb[i]!;
      oa += fa[i]!;
      ob += fb[i]!;
    }
    const po = (length - oa - ob + 2 * both) / length;
    const pe = (oa / length) * (ob / length) + (1 - oa / length) * (1 - ob / length);
    sum += (po - pe) / (1 - pe);
  }
  return sum / codes.size;
}

const linear = (ratio: number): boolean => Math.log2(ratio) < 1.3;

export const teamFigure: Figure = {
  number: 13,
  id: 'team',
  title: 'Merge driver and intercoder agreement',
  aliases: ['merge', 'agreement', 'fig13'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const count = ctx.tiny ? 100 : 10_000;
    const reps = Math.min(ctx.reps, 5);

    const [base, ours, theirs] = mergeInputs(ctx, count);
    const [hBase, hOurs, hTheirs] = mergeInputs(ctx, count / 2);
    const merged = mergeSidecarBytes(base, ours, theirs, 'bench.annotations.yaml', MAX);
    if (!merged.result || merged.result.conflicts.length || merged.result.annotations < count) throw new Error('the benchmark merge is not clean');
    const parseAll = (x: Uint8Array[]) => x.map((b) => parseSidecar('bench.annotations.yaml', b, { maxBytes: MAX }));
    const merge = compare(
      reps,
      () => mergeSidecarBytes(base, ours, theirs, 'bench.annotations.yaml', MAX),
      () => parseAll([base, ours, theirs]),
    );
    const half = compare(
      reps,
      () => mergeSidecarBytes(base, ours, theirs, 'bench.annotations.yaml', MAX),
      () => mergeSidecarBytes(hBase, hOurs, hTheirs, 'bench.annotations.yaml', MAX),
    );

    const { text, a, b } = agreementInputs(ctx, count / 2);
    const small = agreementInputs(ctx, count / 4);
    const report = agreement(text, a, b);
    const agree = compare(
      reps,
      () => agreement(text, a, b),
      () => naiveKappa(text.length, a, b),
    );
    const agreeHalf = compare(
      reps,
      () => agreement(text, a, b),
      () => agreement(small.text, small.a, small.b),
    );
    const n = count.toLocaleString('en');
    return [
      {
        figure: FIG,
        measure: `merge driver, two ${n}-annotation sidecars (and their base)`,
        ours: fmtMs(merge.ours),
        baseline: `${fmtMs(merge.baseline)} (the three parses alone)`,
        ratio: fmtRatio(merge.ratio),
        goal: '< 300 ms',
        verdict: verdict(merge.ours < 300),
        values: { oursMs: merge.ours, parsesMs: merge.baseline, ratio: merge.ratio, bytes: ours.length },
        note: `${merged.result.annotations} annotations merged, ${merged.result.kept.length} kept (deleted/changed)`,
      },
      {
        figure: FIG,
        measure: `merge driver linear: ${n} vs ${(count / 2).toLocaleString('en')} annotations`,
        ours: fmtMs(half.ours),
        baseline: fmtMs(half.baseline),
        ratio: fmtRatio(half.ratio),
        goal: 'linear (ratio ≈ 2)',
        verdict: verdict(linear(half.ratio)),
        values: { oursMs: half.ours, halfMs: half.baseline, ratio: half.ratio, exponent: Math.log2(half.ratio) },
      },
      {
        figure: FIG,
        measure: `agreement over ${n} annotations (two coders, 1 MB document, re-anchored)`,
        ours: fmtMs(agree.ours),
        baseline: `${fmtMs(agree.baseline)} (per-character flag arrays, κ only)`,
        ratio: fmtRatio(agree.ratio),
        goal: '< 200 ms',
        verdict: verdict(agree.ours < 200),
        values: { oursMs: agree.ours, naiveMs: agree.baseline, ratio: agree.ratio, kappa: report.overall.kappa ?? null, alphaU: report.overall.alphaU ?? null },
        note: `overall κ ${report.overall.kappa?.toFixed(3) ?? 'undefined'}, αu ${report.overall.alphaU?.toFixed(3) ?? 'undefined'} over ${report.overall.codesCompared} codes`,
      },
      {
        figure: FIG,
        measure: `agreement linear: ${n} vs ${(count / 2).toLocaleString('en')} annotations`,
        ours: fmtMs(agreeHalf.ours),
        baseline: fmtMs(agreeHalf.baseline),
        ratio: fmtRatio(agreeHalf.ratio),
        goal: 'linear (ratio ≈ 2)',
        verdict: verdict(linear(agreeHalf.ratio)),
        values: { oursMs: agreeHalf.ours, halfMs: agreeHalf.baseline, ratio: agreeHalf.ratio, exponent: Math.log2(agreeHalf.ratio) },
      },
    ];
  },
};
