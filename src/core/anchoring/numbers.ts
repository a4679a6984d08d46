/**
 * Numbers tell look-alikes apart: "Section 12" from "Section 13", row 5 of a table from row 6, "Action 5" from
 * "Action 6". An edit seldom changes a number next to a passage or in it; a neighbouring item differs in little
 * else. So a number of the remembered quote or context missing where a candidate is makes it another item.
 */

const DIGIT_RUN = /\d+/g;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** The digit runs of `s` that are whole: not cut by the edges marked as cuts. */
function wholeRuns(s: string, cutStart: boolean, cutEnd: boolean): string[] {
  const runs: string[] = [];
  for (const m of s.matchAll(DIGIT_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if ((cutStart && start === 0) || (cutEnd && end === s.length)) continue;
    runs.push(m[0]);
  }
  return runs;
}

/** Whether every run of `wanted` is among `found` (as many times as it occurs). */
function allAmong(wanted: readonly string[], found: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const left = [...found];
  for (const w of wanted) {
    const k = left.indexOf(w);
    if (k < 0) return false;
    left.splice(k, 1);
  }
  return true;
}

/** Characters of text looked at beyond the remembered context's length, for edits that shifted it. */
const SLACK = 8;

/**
 * Whether the text before `start` lacks a number of the remembered `prefix` (a number cut by the prefix's far
 * end, where it was cut from the document, does not count).
 */
export function prefixNumbersDiffer(prefix: string, text: string, start: number): boolean {
  if (!/\d/.test(prefix)) return false;
  const wanted = wholeRuns(prefix, true, false);
  const from = Math.max(0, start - prefix.length - SLACK);
  return !allAmong(wanted, wholeRuns(text.slice(from, start), from > 0, false));
}

/** Whether the text after `end` lacks a number of the remembered `suffix` (see prefixNumbersDiffer). */
export function suffixNumbersDiffer(suffix: string, text: string, end: number): boolean {
  if (!/\d/.test(suffix)) return false;
  const wanted = wholeRuns(suffix, false, true);
  const to = Math.min(text.length, end + suffix.length + SLACK);
  return !allAmong(wanted, wholeRuns(text.slice(end, to), false, to < text.length));
}

/**
 * Whether the span `text[start, end)` holds a nearby number in place of one of `quote`'s: another numbered item. A number
 * the selection cut (a digit on both sides of the quote's edge) is left out, and the span's edge runs are
 * read whole (a fuzzy end may fall inside a number).
 */
export function quoteNumbersDiffer(quote: { exact: string; prefix: string; suffix: string }, text: string, start: number, end: number): boolean {
  const exact = quote.exact;
  if (!/\d/.test(exact)) return false;
  const wanted = wholeRuns(exact, isDigit(quote.prefix.slice(-1)), isDigit(quote.suffix[0]));
  // Read the numbers at the span's edges whole, also one just outside it (a fuzzy end may leave it out).
  let from = Math.max(0, start - EDGE_SLACK);
  let to = Math.min(text.length, end + EDGE_SLACK);
  while (from > 0 && isDigit(text[from - 1]) && isDigit(text[from])) from--;
  while (to < text.length && isDigit(text[to]) && isDigit(text[to - 1])) to++;
  const found = wholeRuns(text.slice(from, to), false, false);
  if (allAmong(wanted, found)) return false;
  // A neighbouring item's number (row 6 for row 5, 2027 for 2026); an edit that cut a digit out is a typo.
  const missing = wanted.filter((w) => !found.includes(w));
  const extra = found.filter((f) => !wanted.includes(f));
  return missing.some((w) => extra.some((f) => f.length === w.length && Math.abs(Number(f) - Number(w)) <= NEIGHBOUR_RANGE));
}

const EDGE_SLACK = 2;

/** How far apart the numbers of two neighbouring items of a list may be. */
const NEIGHBOUR_RANGE = 9;
