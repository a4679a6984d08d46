import type { Span } from './spans';

/**
 * Krippendorff's unitized α (αu) for two coders and one category, as in Krippendorff, *Content Analysis*
 * (2nd ed., 2004, §12.4) — the form the DKPro statistics library implements. Each coder's continuum
 * [0, length) is cut into units of the category and the gaps between them. Observed disagreement sums,
 * over every pair of overlapping segments of the two coders, the squared distance of their ends (two
 * units), or a unit's squared length when it lies wholly inside the other coder's gap; expected
 * disagreement takes every possible placement of the same units and gaps.
 */
export interface AlphaUParts {
  /** Observed disagreement D_o. */
  readonly observed: number;
  /** Expected disagreement D_e; 0 when no one used the category. */
  readonly expected: number;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly unit: boolean;
}

/** Units and the gaps around them, covering [0, length). `units` sorted, not overlapping. */
function segments(units: readonly Span[], length: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const u of units) {
    if (u.start > at) out.push({ start: at, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    at = u.end;
  }
  if (at < length) out.push({ start: at, end: length, unit: false });
  return out;
}

/** Squared distance of two overlapping segments (Krippendorff 2004: the δ² of αu). */
function distance(g: Segment, h: Segment): number {
  if (g.unit && h.unit) {
    const b = g.start - h.start;
    const e = g.end - h.end;
    return b * b + e * e;
  }
  if (g.unit && !h.unit && g.start >= h.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (!g.unit && h.unit && h.start >= g.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

export function alphaUParts(a: readonly Span[], b: readonly Span[], length: number): AlphaUParts {
  const L = length;
  if (L <= 0) return { observed: 0, expected: 0 };
  const sa = segments(a, L);
  const sb = segments(b, L);
  // Observed: every overlapping pair once, in one sweep; two coders, both orders: 2·Σ / (m(m−1)L²) = Σ / L².
  let sum = 0;
  for (let i = 0, j = 0; i < sa.length && j < sb.length; ) {
    const g = sa[i]!;
    const h = sb[j]!;
    if (Math.min(g.end, h.end) > Math.max(g.start, h.start)) sum += distance(g, h);
    if (g.end < h.end) i++;
    else if (h.end < g.end) j++;
    else {
      i++;
      j++;
    }
  }
  const observed = sum / (L * L);

  // Expected: for each unit of length l (both coders), (N−1)(2l³−3l²+l)/3 + l²·Σ over gaps g ≥ l of (g − l + 1).
  const units = [...a, ...b].map((u) => u.end - u.start);
  const n = units.length;
  if (n === 0) return { observed, expected: 0 };
  const gaps = [...sa, ...sb].filter((s) => !s.unit).map((s) => s.end - s.start).sort((x, y) => x - y);
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
  let total = 0;
  let squared = 0;
  for (const l of units) {
    squared += l * (l - 1);
    const first = lowerBound(gaps, l);
    const count = gaps.length - first;
    const fits = suffix[first]! - count * (l - 1);
    total += ((n - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * fits;
  }
  const m = 2;
  const denominator = m * L * (m * L - 1) - squared;
  const expected = denominator > 0 ? ((2 / L) * total) / denominator : 0;
  return { observed, expected };
}

/** 1 − D_o/D_e; undefined when D_e is 0 (no unit of the category: nothing to compare). */
export function alphaU(parts: AlphaUParts): number | undefined {
  return parts.expected > 0 ? 1 - parts.observed / parts.expected : undefined;
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
