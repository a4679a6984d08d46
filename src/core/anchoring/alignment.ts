/**
 * Where a remembered quote now begins and ends, read off an alignment of the whole remembered passage
 * (prefix + quote + suffix) with the text around a place the seeds pointed at. Aligning the context along with
 * the quote puts the quote's ends where its surroundings say they are: a deleted first word leaves the start
 * right after the surviving prefix, and a quote edited beyond recognition between an intact prefix and
 * suffix is still located.
 *
 * The alignment is the classic edit-distance dynamic programme (the pattern wholly consumed, the text free at
 * both ends) restricted to a band of diagonals: the seeds already say where the passage lies to within a few
 * characters, so only cells within `band` of that diagonal are computed. Each cell carries where its path
 * crossed the quote's boundaries, so no traceback matrix is kept.
 */

export interface PassageAlignment {
  /** The quote's span in the text. */
  start: number;
  end: number;
  /** Edits along the path inside the quote, and in the whole passage. */
  quoteErrors: number;
  errors: number;
}

const INF = 1 << 29;
/**
 * Costs are in 1/UNIT edits (an edit costs UNIT), with two preferences. A quote that began and ended between
 * words does so again unless an end inside a word saves two edits (MID_WORD: the penalty of such an end, kept
 * apart from the edit count). And among alignments with as many edits, text inserted right before or after
 * the quote stays outside it (a word added next to a quote is not part of it): such an insertion costs 1
 * less, far below UNIT / 2, so rounding recovers the number of edits.
 */
const UNIT = 1024;
const MID_WORD = UNIT + UNIT / 2;

/**
 * Aligns `pattern` (a passage whose quote is `pattern[quoteStart, quoteEnd)`) with `text` near where it would
 * begin at `diagonal`, allowing the path to stray `band` characters from that diagonal. Undefined when the
 * band leaves the text.
 */
export function alignPassage(
  text: string,
  pattern: string,
  quoteStart: number,
  quoteEnd: number,
  diagonal: number,
  band: number,
): PassageAlignment | undefined {
  const m = pattern.length;
  // Columns: text offsets [lo, hi]; cell (i, c) aligns pattern[0, i) with text ending at offset c.
  const lo = Math.max(0, diagonal - band);
  const hi = Math.min(text.length, diagonal + m + band);
  if (hi - lo <= 0 || m === 0) return undefined;
  const width = hi - lo + 1;
  const rows = () => ({
    d: new Int32Array(width).fill(INF),
    s: new Int32Array(width).fill(-1), // quote start
    z: new Int32Array(width), // edits before the quote start
    e: new Int32Array(width).fill(-1), // quote end
    q: new Int32Array(width), // edits inside the quote
    p: new Int32Array(width), // mid-word penalties on the path
  });
  let prev = rows();
  let cur = rows();
  const startPenalty = isWordChar(pattern.charCodeAt(quoteStart - 1)) && isWordChar(pattern.charCodeAt(quoteStart)) ? 0 : MID_WORD;
  const endPenalty = isWordChar(pattern.charCodeAt(quoteEnd - 1)) && isWordChar(pattern.charCodeAt(quoteEnd)) ? 0 : MID_WORD;
  const midWord = (c: number): boolean => isWordChar(text.charCodeAt(c - 1)) && isWordChar(text.charCodeAt(c));
  const firstCol = (i: number): number => Math.max(lo, diagonal + i - band);
  const lastCol = (i: number): number => Math.min(hi, diagonal + i + band);
  for (let c = firstCol(0); c <= lastCol(0); c++) {
    prev.d[c - lo] = 0;
    if (quoteStart === 0) prev.s[c - lo] = c;
  }
  for (let i = 1; i <= m; i++) {
    const pc = pattern.charCodeAt(i - 1);
    const from = firstCol(i);
    const to = lastCol(i);
    const { d, s, z, e, q, p } = cur;
    if (from > lo) d[from - lo - 1] = INF;
    const leavesStartRow = i - 1 === quoteStart;
    const entersEndRow = i === quoteEnd;
    const insertCost = i === quoteStart || i === quoteEnd ? UNIT - 1 : UNIT;
    for (let c = from; c <= to; c++) {
      const k = c - lo;
      // Diagonal (match or substitution) from (i-1, c-1); vertical (pattern character deleted) from (i-1, c);
      // horizontal (text character inserted) from (i, c-1). Ties prefer the diagonal, then the vertical.
      let best = INF;
      let src = 0;
      if (c > lo) {
        const v = prev.d[k - 1]! + (text.charCodeAt(c - 1) === pc ? 0 : UNIT);
        if (v < best) (best = v), (src = 1);
      }
      const vert = prev.d[k]! + UNIT;
      if (vert < best) (best = vert), (src = 2);
      if (c > from) {
        const hor = d[k - 1]! + insertCost;
        if (hor < best) (best = hor), (src = 3);
      }
      if (best >= INF) {
        d[k] = INF;
        continue;
      }
      d[k] = best;
      if (src === 3) {
        s[k] = s[k - 1]!;
        z[k] = z[k - 1]!;
        e[k] = e[k - 1]!;
        q[k] = q[k - 1]!;
        p[k] = p[k - 1]!;
        continue;
      }
      const pk = src === 1 ? k - 1 : k;
      p[k] = prev.p[pk]!;
      if (leavesStartRow) {
        // The quote starts where the path leaves the prefix's last row.
        s[k] = lo + pk;
        z[k] = prev.d[pk]!;
        if (startPenalty && midWord(lo + pk)) {
          d[k] = best += startPenalty;
          p[k] += startPenalty;
        }
      } else {
        s[k] = prev.s[pk]!;
        z[k] = prev.z[pk]!;
      }
      if (entersEndRow) {
        if (endPenalty && midWord(c)) {
          d[k] = best += endPenalty;
          p[k] += endPenalty;
        }
        e[k] = c;
        q[k] = best - z[k]!;
      } else {
        e[k] = prev.e[pk]!;
        q[k] = prev.q[pk]!;
      }
    }
    if (to < hi) d[to - lo + 1] = INF;
    [prev, cur] = [cur, prev];
  }
  // The end of the passage is free: the cheapest cell of the last row, the one nearest the diagonal on ties.
  let bestK = -1;
  for (let c = firstCol(m); c <= lastCol(m); c++) {
    const k = c - lo;
    const v = prev.d[k]!;
    if (v >= INF) continue;
    if (bestK < 0 || v < prev.d[bestK]! || (v === prev.d[bestK]! && Math.abs(c - diagonal - m) < Math.abs(lo + bestK - diagonal - m))) bestK = k;
  }
  if (bestK < 0) return undefined;
  const start = prev.s[bestK]!;
  const end = prev.e[bestK]!;
  if (start < 0 || end < start) return undefined;
  const edits = (cost: number): number => Math.round(cost / UNIT);
  const penalty = prev.p[bestK]!;
  return { start, end, quoteErrors: edits(prev.q[bestK]! - penalty), errors: edits(prev.d[bestK]! - penalty) };
}

/** Letters and digits (and, roughly, any character beyond Latin-1 punctuation): what a word is made of. */
function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f);
}
