/**
 * The lines to decorate in an editor: its visible ranges, each widened by a margin so that a short scroll shows
 * colours at once, merged where they touch. Free of `vscode`: lines are plain numbers.
 */
export interface LineSpan {
  readonly first: number;
  /** Inclusive. */
  readonly last: number;
}

/** Lines above and below the visible ones that are decorated too. */
export const MARGIN_LINES = 100;

export function decoratedSpans(visible: readonly LineSpan[], lineCount: number, margin = MARGIN_LINES): LineSpan[] {
  if (lineCount <= 0) return [];
  const widened = visible
    .map((v) => ({ first: Math.max(0, Math.min(v.first, v.last) - margin), last: Math.min(lineCount - 1, Math.max(v.first, v.last) + margin) }))
    .sort((a, b) => a.first - b.first);
  const out: LineSpan[] = [];
  for (const s of widened) {
    const prev = out[out.length - 1];
    if (prev && s.first <= prev.last + 1) out[out.length - 1] = { first: prev.first, last: Math.max(prev.last, s.last) };
    else out.push(s);
  }
  return out;
}

/** Whether the spans decorated before still cover what is visible now (then a scroll needs no new pass). */
export function covers(decorated: readonly LineSpan[], visible: readonly LineSpan[]): boolean {
  return visible.every((v) => decorated.some((d) => d.first <= v.first && v.last <= d.last));
}
