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
  /** The path runs along the edge of the band: a wider band might give a better one. */
  atBandEdge: boolean;
}

const INF = 1 << 29;
/**
 * Costs are in 1/UNIT edits (an edit costs UNIT), with preferences that only decide between paths with as
 * many edits — except the first, which outweighs one edit:
 * - a quote that began (ended) between words does not begin (end) inside a word unless that saves two edits
 *   (MID_WORD);
 * - nor on a space or punctuation when it began (ended) on a letter, or the reverse (OTHER_EDGE);
 * - an edit in the context costs CONTEXT_EXTRA more than one in the quote: a rewritten quote between an intact
 *   prefix and suffix is all quote, rather than partly taken for edited context;
 * - text inserted right before or after the quote stays outside it (a word added next to a quote is not part
 *   of it): such an insertion costs 1 less.
 * Edits are counted on the path itself, so the preferences do not change the counts.
 */
const UNIT = 1024;
const MID_WORD = UNIT + UNIT / 2;
const OTHER_EDGE = UNIT / 4;
const CONTEXT_EXTRA = 2;

/** Directions of the traceback: where a cell's best path came from. */
const DIAGONAL = 1;
const VERTICAL = 2; // a pattern character with no text
const HORIZONTAL = 3; // a text character with no pattern
const OUTSIDE = 4; // the path begins here: the pattern before this row lies before the text's first character
/**
 * Reused between calls: alignments run one at a time and synchronously, thousands per re-anchoring. An
 * alignment larger than SHARED_DIRECTIONS cells (a very long quote) gets its own, so that the shared one stays
 * small.
 */
let directions = new Uint8Array(1 << 16);
const SHARED_DIRECTIONS = 1 << 22;
/** Beyond this many cells an alignment is not attempted (undefined): a chapter-long quote in a wide band. */
export const MAX_ALIGNMENT_CELLS = 5e7;

/**
 * Aligns `pattern` (a passage whose quote is `pattern[quoteStart, quoteEnd)`) with `text` near where it would
 * begin at `diagonal`, allowing the path to stray `band` characters from that diagonal. Context (pattern
 * before `quoteStart` or after `quoteEnd`) that runs past the start or end of the text costs nothing: it is
 * not there to be edited. Undefined when the band lies wholly outside the text, or the alignment would take
 * more than MAX_ALIGNMENT_CELLS cells.
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
  if (m === 0 || diagonal + m + band < 0 || diagonal - band > n) return undefined;
  // Row i holds the cells (i, c) for c = diagonal + i - band + k, k in [0, W): pattern[0, i) aligned with text
  // ending at offset c. In these coordinates a cell's diagonal predecessor has the same k in the row above,
  // its vertical one k + 1, its horizontal one k - 1 in the same row.
  const W = 2 * band + 1;
  const cells = (m + 1) * W;
  if (cells > MAX_ALIGNMENT_CELLS) return undefined;
  if (cells <= SHARED_DIRECTIONS && directions.length < cells) directions = new Uint8Array(Math.min(SHARED_DIRECTIONS, cells * 2));
  const dir = cells <= SHARED_DIRECTIONS ? directions : new Uint8Array(cells);
  let prev = new Int32Array(W);
  let cur = new Int32Array(W);
  for (let k = 0; k < W; k++) {
    const c = diagonal - band + k;
    prev[k] = c >= 0 && c <= n ? 0 : INF;
  }
  // Where a path ends at the text's end once the quote is through (cheapest such cell).
  let edgeCost = INF;
  let edgeRow = -1;
  let edgeK = -1;
  const startEdge = edgePenalty(pattern, quoteStart);
  const endEdge = edgePenalty(pattern, quoteEnd);
  for (let i = 1; i <= m; i++) {
    const pc = pattern.charCodeAt(i - 1);
    const base = diagonal + i - band;
    const row = i * W;
    // Leaving the prefix's last row starts the quote; entering the quote's last row ends it.
    const leavesStartRow = i - 1 === quoteStart ? startEdge : undefined;
    const entersEndRow = i === quoteEnd ? endEdge : undefined;
    const inQuote = i > quoteStart && i <= quoteEnd;
    const editCost = inQuote ? UNIT : UNIT + CONTEXT_EXTRA;
    const insertCost = i === quoteStart || i === quoteEnd ? UNIT - 1 : i > quoteStart && i < quoteEnd ? UNIT : UNIT + CONTEXT_EXTRA;
    // Cells whose text offset lies outside [0, n] are unreachable; the rest are [kLo, kHi].
    const kLo = Math.max(0, -base);
    const kHi = Math.min(W - 1, n - base);
    for (let k = 0; k < kLo && k < W; k++) cur[k] = INF;
    for (let k = Math.max(kLo, kHi + 1); k < W; k++) cur[k] = INF;
    if (leavesStartRow || entersEndRow) {
      for (let k = kLo; k <= kHi; k++) {
        const c = base + k;
        let best = INF;
        let from = 0;
        if (c >= 1) {
          let v = prev[k]! + (text.charCodeAt(c - 1) === pc ? 0 : editCost);
          if (leavesStartRow) v += leavesStartRow(text, c - 1);
          if (entersEndRow) v += entersEndRow(text, c);
          if (v < best) (best = v), (from = DIAGONAL);
        }
        if (k + 1 < W) {
          let v = prev[k + 1]! + editCost;
          if (leavesStartRow) v += leavesStartRow(text, c);
          if (entersEndRow) v += entersEndRow(text, c);
          if (v < best) (best = v), (from = VERTICAL);
        }
        if (k >= 1) {
          const v = cur[k - 1]! + insertCost;
          if (v < best) (best = v), (from = HORIZONTAL);
        }
        if (c === 0 && i <= quoteStart && best > 0) (best = 0), (from = OUTSIDE);
        cur[k] = best >= INF ? INF : best;
        dir[row + k] = from;
      }
    } else {
      // The common row, with no boundary penalties: the same recurrence in a tight loop.
      const outsideFree = i <= quoteStart;
      let left = INF; // cur[k - 1]: the cells left of kLo are unreachable
      for (let k = kLo; k <= kHi; k++) {
        const c = base + k;
        let best = INF;
        let from = 0;
        if (c >= 1) {
          best = prev[k]! + (text.charCodeAt(c - 1) === pc ? 0 : editCost);
          from = DIAGONAL;
        }
        if (k + 1 < W) {
          const v = prev[k + 1]! + editCost;
          if (v < best) (best = v), (from = VERTICAL);
        }
        if (k >= 1) {
          const v = left + insertCost;
          if (v < best) (best = v), (from = HORIZONTAL);
        }
        if (c === 0 && outsideFree && best > 0) (best = 0), (from = OUTSIDE);
        if (best >= INF) (best = INF), (from = 0);
        left = best;
        cur[k] = left;
        dir[row + k] = from;
      }
    }
    // Context after the text's last character costs nothing: a path may end at the text's end once the
    // quote is through.
    if (i >= quoteEnd && i < m && kHi >= kLo && base + kHi === n && cur[kHi]! < edgeCost) {
      edgeCost = cur[kHi]!;
      edgeRow = i;
      edgeK = kHi;
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
  if (edgeCost < (bestK < 0 ? INF : prev[bestK]!)) {
    return traceBack(text, pattern, quoteStart, quoteEnd, diagonal - band, W, dir, edgeRow, edgeK);
  }
  if (bestK < 0) return undefined;
  return traceBack(text, pattern, quoteStart, quoteEnd, diagonal - band, W, dir, m, bestK);
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
  lastRow: number,
  lastK: number,
): PassageAlignment | undefined {
  let start = -1;
  let end = -1;
  let errors = 0;
  let quoteErrors = 0;
  let k = lastK;
  let atBandEdge = false;
  if (quoteStart === lastRow) start = first + lastRow + k;
  for (let i = lastRow; i > 0; ) {
    const c = first + i + k;
    if (k === 0 || k === W - 1) atBandEdge = true;
    const d = dir[i * W + k];
    if (d === OUTSIDE) break;
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
  return { start, end, quoteErrors, errors, atBandEdge };
}

/**
 * The cost of a quote boundary at a text offset, for the boundary at `at` in the pattern: nothing where the
 * text has the same kind of boundary (between words, inside a word, …), MID_WORD inside a word where the
 * pattern had a word edge, OTHER_EDGE for another difference.
 */
function edgePenalty(pattern: string, at: number): (text: string, c: number) => number {
  const before = isWordChar(pattern.charCodeAt(at - 1));
  const after = isWordChar(pattern.charCodeAt(at));
  return (text, c) => {
    const b = isWordChar(text.charCodeAt(c - 1));
    const a = isWordChar(text.charCodeAt(c));
    if (b === before && a === after) return 0;
    return b && a ? MID_WORD : OTHER_EDGE;
  };
}

/** Letters and digits (and, roughly, any character beyond Latin-1 punctuation): what a word is made of. */
function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f);
}
