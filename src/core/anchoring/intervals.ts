/** Half-open ranges of text offsets, [start, end). */
export type Interval = [number, number];

/** The parts of `area` not inside any of `covered`. */
export function uncovered(area: Interval, covered: readonly Interval[]): Interval[] {
  let parts: Interval[] = [area];
  for (const [clo, chi] of covered) {
    const next: Interval[] = [];
    for (const [lo, hi] of parts) {
      if (chi <= lo || clo >= hi) next.push([lo, hi]);
      else {
        if (lo < clo) next.push([lo, clo]);
        if (chi < hi) next.push([chi, hi]);
      }
    }
    parts = next;
  }
  return parts;
}

/** `text` with the spans of `found` replaced by NUL characters (same length), so that they match nothing. */
export function blank(text: string, found: readonly Interval[]): string {
  const spans = [...found].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(at, start);
    parts.push(text.slice(at, from), '\0'.repeat(end - from));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
