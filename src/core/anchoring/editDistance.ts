/**
 * Small dynamic-programming edit distances for scoring candidate anchors. They only ever compare short
 * strings (context of ~32 characters, or one quote against one candidate span); searching the document is
 * left to approx-string-match (see approxSearch.ts).
 */

/**
 * Edit distance between `expected` and the best-matching run of `text` that begins at the boundary `at`
 * and reads forwards (`dir` 1: `text[at]`, `text[at + 1]`, …) or backwards (`dir` -1: `text[at - 1]`,
 * `text[at - 2]`, …). `expected` is read in the same direction: from its first character forwards, or from its
 * last backwards. The run is anchored at `at` but its far end is free, so this measures how well the
 * context next to a candidate span agrees with the context remembered in a selector.
 */
// Reused between calls (they run one at a time, thousands per re-anchoring).
let segment = new Uint16Array(256);
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

export function anchoredDistance(expected: string, text: string, at: number, dir: 1 | -1): number {
  const m = expected.length;
  if (m === 0) return 0;
  const available = dir > 0 ? text.length - at : at;
  const n = Math.max(0, Math.min(available, m + (m >> 1) + 2));
  // The run of text read once, in reading order, so the inner loop neither branches on `dir` nor re-reads it.
  if (segment.length < n) segment = new Uint16Array(n * 2);
  for (let j = 0; j < n; j++) segment[j] = dir > 0 ? text.charCodeAt(at + j) : text.charCodeAt(at - j - 1);
  if (rowA.length < n + 1) (rowA = new Int32Array((n + 1) * 2)), (rowB = new Int32Array((n + 1) * 2));
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const ci = dir > 0 ? expected.charCodeAt(i - 1) : expected.charCodeAt(m - i);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (ci === segment[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let best = m;
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions of UTF-16 code units). O(a·b) time. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ci = a.charCodeAt(i - 1);
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ci === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
