/**
 * Figure 14 — draft-plan on any document (issue 9 §2). draftPlan (src/core/draft/) on 1 MB of generated
 * Markdown (the benchmark's prose, with numbered headings at three levels): the outline, the plan's
 * provisions, TF-IDF key phrases over the sections, lexicon themes and the YAML. Baseline in the same run:
 * recognise() on the same text, what identifying the document costs. Linear: the same work on 2 MB against
 * 1 MB, ratio ≈ 2; figure 8 reads the cost at 100 KB, 1 MB and 10 MB.
 *
 * Goal: < 1 s on 1 MB, linear.
 */
import { draftPlan } from '../../src/core/draft/draftPlan';
import { recognise } from '../../src/core/recognition/recognise';
import { compare, fmtBytes, fmtMs, fmtRatio, timeOnce, verdict, type BenchContext, type Curve, type CurvePoint, type Figure, type Row } from '../framework';
import { markdownDocument } from '../inputs';
import { bundledPack } from '../pack';

const FIG = '16 draft-plan';
const GOAL_MS = 1000;
const linear = (ratio: number): boolean => Math.log2(ratio) < 1.3;

export const draftFigure: Figure = {
  number: 16,
  id: 'draft',
  title: 'draft-plan on any document',
  aliases: ['draft-plan', 'fig14'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const pack = await bundledPack();
    const text = markdownDocument(ctx.inputs.pool, ctx.inputs.size(1_000_000), 0xd1a);
    const double = markdownDocument(ctx.inputs.pool, ctx.inputs.size(2_000_000), 0xd1b);
    const draft = (t: string) => draftPlan(t, pack, { id: 'bench-draft', markdown: true });
    let provisions = 0;
    const c = compare(ctx.reps, () => (provisions = draft(text).provisions), () => recognise(text, pack, { markdown: true }));
    const twice = compare(ctx.reps, () => draft(double), () => draft(text));
    return [
      {
        figure: FIG, measure: `draft-plan, Markdown ${fmtBytes(text.length)} (${provisions} provisions drafted)`, ours: fmtMs(c.ours), baseline: `${fmtMs(c.baseline)} (recognise)`,
        ratio: fmtRatio(c.ratio), goal: `< ${GOAL_MS} ms`, verdict: verdict(c.ours < GOAL_MS), values: { ours: c.ours, baseline: c.baseline, provisions },
      },
      {
        figure: FIG, measure: `draft-plan linear: ${fmtBytes(double.length)} vs ${fmtBytes(text.length)}`, ours: fmtMs(twice.ours), baseline: fmtMs(twice.baseline),
        ratio: fmtRatio(twice.ratio), goal: 'linear (ratio ≈ 2)', verdict: verdict(linear(twice.ratio)), values: { ours: twice.ours, baseline: twice.baseline },
      },
    ];
  },

  async curves(ctx: BenchContext): Promise<Curve[]> {
    const pack = await bundledPack();
    const ours = { name: `${FIG}: Markdown`, points: [] as CurvePoint[] };
    const texts = [100_000, 1_000_000, 10_000_000].map((size) => ({ size, text: markdownDocument(ctx.inputs.pool, ctx.inputs.size(size), 0xd1c + size) }));
    draftPlan(texts[1]!.text, pack, { id: 'bench-draft', markdown: true });
    for (const { size, text } of texts) {
      const runs = ctx.tiny || size >= 10_000_000 ? 1 : 3;
      ours.points.push({ label: fmtBytes(size), bytes: text.length, ms: Math.min(...Array.from({ length: runs }, () => timeOnce(() => draftPlan(text, pack, { id: 'bench-draft', markdown: true })))) });
    }
    return [ours];
  },
};
