/**
 * Figure 10 — mentions of provisions in any text (issue 9 §4). MentionFinder.find (src/core/mentions/) on
 * 1 MB of commentary: the paragraphs of our commentary fixture (test/fixtures/mentions/) shuffled among
 * paragraphs of real plan prose (the benchmark pool, which repeats the plans' own key phrases and headings,
 * so mentions are dense). Baseline in the same run: the lexicon's theme matcher alone over the same text
 * (what highlighting the themes costs). Figure 8 reads the cost at 100 KB, 1 MB and 10 MB.
 *
 * Goal: < 200 ms on 1 MB, linear.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { MentionFinder } from '../../src/core/mentions/mentions';
import { compare, fmtBytes, fmtMs, fmtRatio, now, timeOnce, verdict, type BenchContext, type Curve, type CurvePoint, type Figure, type Row } from '../framework';
import { REPO, Rng, type Pool } from '../inputs';
import { bundledPack } from '../pack';
import { cpuMs } from './fig9-suggest';

const FIG = '10 mentions';
const GOAL_MS = 200;

/** Commentary of about `size` characters: one fixture paragraph for every three of plan prose, seeded. */
export function commentaryDocument(pool: Pool, size: number, seed: number): string {
  const fixture = readFileSync(path.join(REPO, 'test', 'fixtures', 'mentions', 'commentary-two-plans.md'), 'utf8').split(/\n\n+/);
  const rng = new Rng(seed);
  const out: string[] = [];
  let length = 0;
  while (length < size) {
    const p = rng.chance(0.25) ? rng.pick(fixture) : rng.chance(0.1) ? `## ${rng.pick(pool.headings)}` : Array.from({ length: rng.int(2, 6) }, () => rng.pick(pool.sentences)).join(' ');
    out.push(p);
    length += p.length + 2;
  }
  return out.join('\n\n').slice(0, size);
}

let finderCache: Promise<{ finder: MentionFinder; matcher: ThemeMatcher; buildMs: number }> | undefined;
function tools(): Promise<{ finder: MentionFinder; matcher: ThemeMatcher; buildMs: number }> {
  finderCache ??= bundledPack().then((pack) => {
    const t0 = now();
    const finder = new MentionFinder(pack);
    finder.find('Pillar II, warm-up.');
    const buildMs = now() - t0;
    return { finder, matcher: new ThemeMatcher(pack.themes), buildMs };
  });
  return finderCache;
}

export const mentionsFigure: Figure = {
  number: 10,
  id: 'mentions',
  title: 'Mentions of provisions in any text',
  aliases: ['mention', 'fig10'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const { finder, matcher, buildMs } = await tools();
    const text = commentaryDocument(ctx.inputs.pool, ctx.inputs.size(1_000_000), 0x3e4);
    let found = 0;
    const c = compare(ctx.reps, () => (found = finder.find(text).length), () => matcher.matchText(text));
    const oursCpu = cpuMs(ctx.reps, () => finder.find(text));
    const baseCpu = cpuMs(ctx.reps, () => matcher.matchText(text));
    const via = new Map<string, number>();
    for (const m of finder.find(text)) via.set(m.via, (via.get(m.via) ?? 0) + 1);
    return [
      {
        figure: FIG, measure: `commentary ${fmtBytes(text.length)}: every mention found`, ours: fmtMs(c.ours), baseline: `${fmtMs(c.baseline)} (theme matcher alone)`,
        ratio: fmtRatio(c.ratio), goal: `< ${GOAL_MS} ms`, verdict: verdict(c.ours < GOAL_MS), values: { ours: c.ours, baseline: c.baseline, mentions: found },
      },
      {
        figure: FIG, measure: 'same, CPU time (wall time on a shared machine includes waiting for a core)', ours: fmtMs(oursCpu), baseline: `${fmtMs(baseCpu)} (theme matcher alone)`,
        ratio: fmtRatio(oursCpu / baseCpu), goal: '—', verdict: 'info', values: { ours: oursCpu, baseline: baseCpu },
      },
      {
        figure: FIG, measure: 'mentions found, by evidence', ours: `${found}: ${[...via].map(([k, n]) => `${n} ${k}`).join(', ')}`, baseline: '—', ratio: '—', goal: '—', verdict: 'info',
      },
      { figure: FIG, measure: 'finder built once per pack (index, phrases, cues, lexicon)', ours: fmtMs(buildMs), baseline: '—', ratio: '—', goal: '—', verdict: 'info' },
    ];
  },

  async curves(ctx: BenchContext): Promise<Curve[]> {
    const { finder, matcher } = await tools();
    const ours = { name: `${FIG}: commentary`, points: [] as CurvePoint[] };
    const base = { name: `${FIG}: theme matcher alone (baseline)`, points: [] as CurvePoint[] };
    const texts = [100_000, 1_000_000, 10_000_000].map((size) => ({ size, text: commentaryDocument(ctx.inputs.pool, ctx.inputs.size(size), 0x3e4 + size) }));
    // Warmed up on the 1 MB text first: the optimising compiler needs that much before the costs settle.
    finder.find(texts[1]!.text);
    matcher.matchText(texts[1]!.text);
    for (const { size, text } of texts) {
      // The fastest of a few runs (one at 10 MB): on a shared machine the minimum is the least disturbed.
      const runs = ctx.tiny || size >= 10_000_000 ? 1 : 3;
      const best = (fn: () => unknown): number => Math.min(...Array.from({ length: runs }, () => timeOnce(fn)));
      ours.points.push({ label: fmtBytes(size), bytes: text.length, ms: best(() => finder.find(text)) });
      base.points.push({ label: fmtBytes(size), bytes: text.length, ms: best(() => matcher.matchText(text)) });
    }
    return [ours, base];
  },
};
