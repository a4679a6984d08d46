/**
 * Offsets between VS Code's counting (UTF-16 code units) and REFI-QDA's (Unicode code points), both ways.
 * Built once per text: the UTF-16 offsets of its astral characters (the ones that take two units), then
 * each conversion is a binary search, so 10,000 selections over a long text stay cheap.
 */
export class CodePointOffsets {
  /** UTF-16 offset of every astral character (its high surrogate), ascending. */
  private readonly astral: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** Number of code points in the text. */
  get length(): number {
    return this.text.length - this.astral.length;
  }

  /** The code-point offset of a UTF-16 offset (one inside a pair counts as the pair's start). */
  toCodePoint(utf16: number): number {
    // astral characters that start before `utf16` each took one unit more than one code point
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < utf16) lo = mid + 1;
      else hi = mid;
    }
    // inside a pair (astral[lo - 1] === utf16 - 1) this is the pair's start too: (utf16 - 1) - (lo - 1)
    return Math.max(0, utf16 - lo);
  }

  /** The UTF-16 offset of a code-point offset (clamped to the text). */
  toUtf16(codePoint: number): number {
    // the astral character k (0-based) starts at code point astral[k] - k
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(this.text.length, Math.max(0, codePoint + lo));
  }
}
