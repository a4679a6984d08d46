/**
 * Offsets in Unicode code points (what the W3C TextPositionSelector and REFI-QDA count) and in UTF-16 code
 * units (what VS Code and our sidecars count) for one text. They differ only after a surrogate pair (an
 * emoji, a CJK Extension B character), so the index keeps just where the pairs are and answers each
 * conversion with a binary search: cheap for the usual text with few or none.
 */
export class CodePointOffsets {
  /** UTF-16 offset of the high half of each surrogate pair, ascending. */
  private readonly pairs: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.pairs.push(i);
          i++;
        }
      }
    }
  }

  /** Length of the text in code points (a lone surrogate counts as one). */
  get length(): number {
    return this.text.length - this.pairs.length;
  }

  /** Code-point offset of a UTF-16 offset; one inside a pair counts as after it (never splits a character). */
  toCodePoint(utf16: number): number {
    const o = Math.max(0, Math.min(Math.trunc(utf16), this.text.length));
    // Pairs whose high half lies before o: each took two units for one code point.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    const inside = lo > 0 && this.pairs[lo - 1]! === o - 1;
    return o - lo + (inside ? 1 : 0);
  }

  /** UTF-16 offset of a code-point offset, clamped into the text. */
  toUtf16(codePoint: number): number {
    const cp = Math.max(0, Math.min(Math.trunc(codePoint), this.length));
    // The k-th pair starts at code point pairs[k] - k; count the pairs starting before cp.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }
}
