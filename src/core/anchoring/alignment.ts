/**
 * Where a remembered quote now begins and ends, read off an alignment of the whole remembered passage
 * (prefix + quote + suffix) with the text around a place the seeds pointed at. Aligning the context along with
 * the quote puts the quote's ends where its surroundings say they are: a deleted first word leaves the start
 * right after the surviving prefix, and a quote edited beyond recognition between an intact prefix and
 * suffix is still located.
 *
 * The alignment is the classic edit-distance dynamic programme (the pattern wholly consumed, the text free at
 * both ends) restricted to a band of diagonals: the seeds already say where the passage lies to within a few
 * characters, so only cells within `band` of that diagonal are computed, and the path is traced back through
 * one byte per cell. */

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
 * words does so again unless an end inside a word saves two edits (MID_WORD: the penalty of such an end).
 * And among alignments with as many edits, text inserted right before or after the quote stays outside it (a
 * word added next to a quote is not part of it): such an insertion costs 1 less. Edits are counted on the
 * path itself, so neither preference changes the counts.
 */
const UNIT = 1024;
const MID_WORD = UNIT + UNIT / 2;

/** Directions of the traceback: where a cell's best path came from. */
const DIAGONAL = 1;
const VERTICAL = 2; // a pattern character with no text
const HORIZONTAL = 3; // a text character with no pattern
/** Reused between calls: alignments run one at a time, thousands per re-anchoring. */
let directions = new Uint8Array(1 << 16);

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
  const n = text.length;
  if (m === 0 || diagonal + band < 0 || diagonal - band > n) return undefined;
  // Row i holds the cells (i, c) for c = diagonal + i - band + k, k in [0, W): pattern[0, i) aligned with text
  // ending at offset c. In these coordinates a cell's diagonal predecessor has the same k in the row above,
  // its vertical one k + 1, its horizontal one k - 1 in the same row.
  const W = 2 * band + 1;
  if (directions.length < (m + 1) * W) directions = new Uint8Array((m + 1) * W * 2);
  const dir = directions;
  let prev = new Int32Array(W);
  let cur = new Int32Array(W);
  for (let k = 0; k < W; k++) {
    const c = diagonal - band + k;
    prev[k] = c >= 0 && c <= n ? 0 : INF;
  }
  const startPenalty = isWordChar(pattern.charCodeAt(quoteStart - 1)) && isWordChar(pattern.charCodeAt(quoteStart)) ? 0 : MID_WORD;
  const endPenalty = isWordChar(pattern.charCodeAt(quoteEnd - 1)) && isWordChar(pattern.charCodeAt(quoteEnd)) ? 0 : MID_WORD;
  const midWord = (c: number): boolean => isWordChar(text.charCodeAt(c - 1)) && isWordChar(text.charCodeAt(c));
  for (let i = 1; i <= m; i++) {
    const pc = pattern.charCodeAt(i - 1);
    const base = diagonal + i - band;
    const row = i * W;
    // Leaving the prefix's last row starts the quote; entering the quote's last row ends it.
    const leavesStartRow = i - 1 === quoteStart ? startPenalty : 0;
    const entersEndRow = i === quoteEnd ? endPenalty : 0;
    const insertCost = i === quoteStart || i === quoteEnd ? UNIT - 1 : UNIT;
    for (let k = 0; k < W; k++) {
      const c = base + k;
      if (c < 0 || c > n) {
        cur[k] = INF;
        continue;
      }
      let best = INF;
      let from = 0;
      if (c >= 1) {
        let v = prev[k]! + (text.charCodeAt(c - 1) === pc ? 0 : UNIT);
        if (leavesStartRow && midWord(c - 1)) v += leavesStartRow;
        if (entersEndRow && midWord(c)) v += entersEndRow;
        if (v < best) (best = v), (from = DIAGONAL);
      }
      if (k + 1 < W) {
        let v = prev[k + 1]! + UNIT;
        if (leavesStartRow && midWord(c)) v += leavesStartRow;
        if (entersEndRow && midWord(c)) v += entersEndRow;
        if (v < best) (best = v), (from = VERTICAL);
      }
      if (k >= 1) {
        const v = cur[k - 1]! + insertCost;
        if (v < best) (best = v), (from = HORIZONTAL);
      }
      cur[k] = best >= INF ? INF : best;
      dir[row + k] = from;
    }
    [prev, cur] = [cur, prev];
  }
  // The end of the passage is free: the cheapest cell of the last row, the one nearest the diagonal on ties.
  let bestK = -1;
  for (let k = 0; k < W; k++) {
    const v = prev[k]!;
    if (v >= INF) continue;
    if (bestK < 0 || v < prev[bestK]! || (v === prev[bestK]! && Math.abs(k - band) < Math.abs(bestK - band))) bestK = k;
  }
  if (bestK < 0) return undefined;
  return traceBack(text, pattern, quoteStart, quoteEnd, diagonal - band, W, dir, bestK);
}

/** Follows the directions back from the last row, reading off the quote's ends and counting edits. */
function traceBack(
  text: string,
  pattern: string,
  quoteStart: number,
  quoteEnd: number,
  first: number,
  W: number,
  dir: Uint8Array,
  lastK: number,
): PassageAlignment | undefined {
  let start = -1;
  let end = -1;
  let errors = 0;
  let quoteErrors = 0;
  let k = lastK;
  for (let i = pattern.length; i > 0; ) {
    const c = first + i + k;
    const d = dir[i * W + k];
    if (d === HORIZONTAL) {
      // Text inserted in row i: inside the quote only between its first and last rows.
      errors++;
      if (i > quoteStart && i < quoteEnd) quoteErrors++;
      k--;
      continue;
    }
    if (d !== DIAGONAL && d !== VERTICAL) return undefined;
    if (i === quoteEnd) end = c;
    const edited = d === VERTICAL || text.charCodeAt(c - 1) !== pattern.charCodeAt(i - 1);
    if (edited) {
      errors++;
      if (i - 1 >= quoteStart && i - 1 < quoteEnd) quoteErrors++;
    }
    if (d === VERTICAL) k++;
    i--;
    if (i === quoteStart) start = d === DIAGONAL ? c - 1 : c;
  }
  // An empty quote is where the path leaves its row (text inserted in that row goes before it).
  if (quoteStart === quoteEnd) end = start;
  if (start < 0 || end < start) return undefined;
  return { start, end, quoteErrors, errors };
}

/** Letters and digits (and, roughly, any character beyond Latin-1 punctuation): what a word is made of. */
function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f);
}
