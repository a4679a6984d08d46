/**
 * Figure 8 — scale of cost. The cost curves of figures 1, 3 and 4 (every figure with a `curves` method) at
 * 100 KB, 1 MB and 10 MB, and whether they are linear: the exponent b of cost ∝ size^b between the smallest
 * and the largest input (1 = linear; 0.85–1.15 counts as linear here, the machine being noisy).
 */
import { fmtRatio, verdict, type BenchContext, type Curve, type Figure, type Row } from '../framework';

const FIG = '8 scale';

export function exponent(c: Curve): number {
  const a = c.points[0];
  const b = c.points[c.points.length - 1];
  if (!a || !b || a === b) return NaN;
  return Math.log(b.ms / a.ms) / Math.log(b.bytes / a.bytes);
}

export const isLinear = (b: number): boolean => b >= 0.85 && b <= 1.15;

const perMb = (c: Curve): string => c.points.map((p) => (p.ms / (p.bytes / 1e6)).toFixed(0)).join(' / ');

/** Rows for the curves: ms per MB at each size, ours against the baseline curve when there is one. */
export function scaleRows(curves: readonly Curve[], tiny: boolean): Row[] {
  const rows: Row[] = [];
  const baselines = curves.filter((c) => c.name.endsWith('(baseline)'));
  for (const c of curves) {
    if (c.name.endsWith('(baseline)')) continue;
    const base = baselines.find((b) => b.name.split(':')[0] === c.name.split(':')[0]);
    const b = exponent(c);
    rows.push({
      figure: FIG,
      measure: `${c.name}: ms per MB at ${c.points.map((p) => p.label.replace(/^prose /, '')).join(' / ')}`,
      ours: perMb(c),
      baseline: base ? `${perMb(base)} (${base.name.split(': ')[1]!.replace(' (baseline)', '')})` : '—',
      ratio: `b = ${Number.isFinite(b) ? b.toFixed(2) : '—'}`,
      goal: 'linear (b ≈ 1)',
      verdict: tiny ? 'info' : verdict(isLinear(b)),
      values: Object.fromEntries(c.points.flatMap((p) => [[`${p.label} ms`, p.ms]])),
      note: base ? `baseline b = ${fmtRatio(exponent(base)).replace('×', '')}` : undefined,
    });
  }
  return rows;
}

export function scaleFigure(all: () => readonly Figure[]): Figure {
  return {
    number: 8,
    id: 'scale',
    title: 'Scale of cost (100 KB, 1 MB, 10 MB)',
    aliases: ['curves', 'linear', 'fig8'],
    async run(ctx: BenchContext): Promise<Row[]> {
      const curves: Curve[] = [];
      const pending: string[] = [];
      for (const f of all()) {
        if (f.number === 8) continue;
        if (f.curves) curves.push(...(await f.curves(ctx)));
        else if (f.number === 3 || f.number === 4) pending.push(`${f.number} ${f.id}`);
      }
      const rows = scaleRows(curves, ctx.tiny);
      for (const p of pending) rows.push({ figure: FIG, measure: `curve of figure ${p}`, ours: '—', baseline: '—', ratio: '—', goal: 'linear (b ≈ 1)', verdict: 'pending', note: 'the figure has no curves() yet' });
      return rows;
    },
  };
}
