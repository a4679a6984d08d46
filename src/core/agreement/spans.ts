/** Character spans of one coder and one code: half-open UTF-16 offsets, sorted, never overlapping. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The spans sorted, with overlapping ones merged (a coder's own overlaps count once; touching spans stay two units). */
export function mergeOverlaps(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Characters covered by merged spans. */
export function coveredLength(spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) n += s.end - s.start;
  return n;
}

/** Characters covered by both merged span lists (one linear sweep). */
export function overlapLength(a: readonly Span[], b: readonly Span[]): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const lo = Math.max(a[i]!.start, b[j]!.start);
    const hi = Math.min(a[i]!.end, b[j]!.end);
    if (hi > lo) n += hi - lo;
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return n;
}

/** Where exactly one of the two coded: the symmetric difference, as spans each marked with who coded it. */
export function disagreements(a: readonly Span[], b: readonly Span[]): { start: number; end: number; coder: 0 | 1 }[] {
  const events: [number, 0 | 1, 1 | -1][] = [];
  for (const s of a) events.push([s.start, 0, 1], [s.end, 0, -1]);
  for (const s of b) events.push([s.start, 1, 1], [s.end, 1, -1]);
  events.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  const depth = [0, 0];
  const out: { start: number; end: number; coder: 0 | 1 }[] = [];
  let prev = 0;
  for (const [at, who, delta] of events) {
    if (at > prev && (depth[0]! > 0) !== (depth[1]! > 0)) {
      const coder = depth[0]! > 0 ? 0 : 1;
      const last = out[out.length - 1];
      if (last && last.end === prev && last.coder === coder) last.end = at;
      else out.push({ start: prev, end: at, coder });
    }
    depth[who]! += delta;
    prev = at;
  }
  return out;
}
