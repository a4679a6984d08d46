/**
 * Figure 2 — theme matcher throughput. The JavaScript matcher (src/core/lexicon/themeMatcher.ts) against the
 * naive matcher it replaced, measured in the same run: one global regex, the per-theme patterns joined in
 * theme order, run over the whole text. Both must find the same matches (checked here on every input; the
 * grammar tests check the matcher against the grammar token for token).
 *
 * Goal (issue 4): ≥ 20 MB/s.
 */
import { themePatterns } from '../../src/core/lexicon/lexicon';
import { BEFORE_WORD } from '../../src/core/lexicon/phrasePattern';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import type { Theme } from '../../src/core/data/model';
import { compare, fmtMBps, fmtRatio, mbps, verdict, type BenchContext, type Figure, type Row } from '../framework';
import { bundledPack } from '../pack';

const FIG = '2 matcher';
const GOAL_MBPS = 20;

/** The matcher before: the per-theme patterns joined into one case-insensitive global regex. */
export class NaiveThemeMatcher {
  private readonly re: RegExp;
  private readonly themeIds: string[];
  constructor(themes: readonly Theme[]) {
    const patterns = themePatterns(themes);
    this.themeIds = patterns.map((p) => p.themeId);
    this.re = new RegExp(`${BEFORE_WORD}(?:${patterns.map((p) => `(${p.source.slice(BEFORE_WORD.length)})`).join('|')})`, 'gi');
  }
  matchLine(text: string): { themeId: string; start: number; end: number }[] {
    const out: { themeId: string; start: number; end: number }[] = [];
    this.re.lastIndex = 0;
    for (let m = this.re.exec(text); m; m = this.re.exec(text)) {
      let g = 1;
      while (g < m.length && m[g] === undefined) g++;
      out.push({ themeId: this.themeIds[g - 1]!, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

const key = (ms: readonly { themeId: string; start: number; end: number }[]): string => ms.map((m) => `${m.start}:${m.end}:${m.themeId}`).join(',');

export const matcherFigure: Figure = {
  number: 2,
  id: 'matcher',
  title: 'Theme matcher throughput',
  aliases: ['fig2'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const pack = await bundledPack();
    const ours = new ThemeMatcher(pack.themes);
    const naive = new NaiveThemeMatcher(pack.themes);
    const rows: Row[] = [];
    const inputs = [ctx.inputs.prose(1_000_000), ctx.inputs.longLines(80_000), ctx.inputs.corpus()];
    let agree = true;
    let matches = 0;
    for (const input of inputs) {
      const text = input.text;
      const a = ours.matchLine(text);
      const b = naive.matchLine(text);
      matches += a.length;
      if (key(a) !== key(b)) agree = false;
      // Short inputs are timed several times per sample, so that one sample is a few milliseconds at least.
      const times = ctx.tiny ? 1 : Math.max(1, Math.ceil(2_000_000 / text.length));
      const c = compare(
        ctx.reps * 2,
        () => {
          for (let i = 0; i < times; i++) ours.matchLine(text);
        },
        () => {
          for (let i = 0; i < times; i++) naive.matchLine(text);
        },
      );
      const speed = mbps(text.length * times, c.ours);
      const base = mbps(text.length * times, c.baseline);
      rows.push({
        figure: FIG,
        measure: `inline matches, ${input.name}`,
        ours: fmtMBps(speed),
        baseline: fmtMBps(base),
        ratio: fmtRatio(base / speed),
        goal: `≥ ${GOAL_MBPS} MB/s`,
        verdict: verdict(speed >= GOAL_MBPS),
        values: { oursMBps: speed, naiveMBps: base, timeRatio: c.ratio },
      });
    }
    const prose = inputs[0]!.text;
    const w = compare(ctx.reps, () => ours.matchText(prose), () => naive.matchLine(prose));
    rows.push({
      figure: FIG,
      measure: `with phrases across line breaks (matchText), ${inputs[0]!.name}`,
      ours: fmtMBps(mbps(prose.length, w.ours)),
      baseline: fmtMBps(mbps(prose.length, w.baseline)),
      ratio: fmtRatio(w.ratio),
      goal: '—',
      verdict: 'info',
      values: { oursMBps: mbps(prose.length, w.ours) },
    });
    rows.push({
      figure: FIG,
      measure: 'same matches as the naive regex, all inputs',
      ours: `${matches} matches`,
      baseline: agree ? 'identical' : 'DIFFERENT',
      ratio: '—',
      goal: 'identical',
      verdict: verdict(agree),
    });
    return rows;
  },
};
