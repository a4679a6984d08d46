import approxSearch from 'approx-string-match';

/** An approximate occurrence of a quote: `text[start, end)` is within `errors` edits of it. */
export interface ApproxMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * Approximate occurrences of `pattern` with at most `maxErrors` edits in `text[lo, hi)`, searched chunk by
 * chunk with approx-string-match (Myers' bit-parallel algorithm).
 *
 * approx-string-match only reports the matches with the lowest error count of the text it is given, so a
 * look-alike with fewer errors would hide the real (edited) passage anywhere in the same search. Cutting the
 * range into chunks of `chunkLength` characters (overlapping by the longest possible match, so nothing
 * straddling two chunks is lost) keeps the best matches of every chunk instead; the caller ranks them by
 * context. Matches are sorted by start, then end, without duplicates.
 */
export function approximateMatches(
  text: string,
  pattern: string,
  maxErrors: number,
  lo: number,
  hi: number,
  chunkLength: number,
): ApproxMatch[] {
  const from = Math.max(0, lo);
  const to = Math.min(text.length, hi);
  if (pattern.length === 0 || to <= from) return [];
  const overlap = pattern.length + maxErrors;
  const chunk = Math.max(chunkLength, 2 * overlap);
  const seen = new Set<string>();
  const out: ApproxMatch[] = [];
  for (let start = from; ; start += chunk - overlap) {
    const end = Math.min(to, start + chunk);
    for (const m of approxSearch(text.slice(start, end), pattern, maxErrors)) {
      const s = start + m.start;
      const e = start + m.end;
      const key = `${s}:${e}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ start: s, end: e, errors: m.errors });
    }
    if (end >= to) break;
  }
  out.sort((x, y) => x.start - y.start || x.end - y.end);
  return out;
}

/** Start offsets of the exact occurrences of `pattern` lying wholly inside `text[lo, hi)`, at most `limit`. */
export function exactOccurrences(text: string, pattern: string, lo: number, hi: number, limit: number): number[] {
  const from = Math.max(0, lo);
  const to = Math.min(text.length, hi);
  const out: number[] = [];
  if (pattern.length === 0 || to - from < pattern.length) return out;
  // A slice of a long string is a cheap view in V8, and it bounds the scan (indexOf alone would run to the end).
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let i = window.indexOf(pattern); i !== -1 && out.length < limit; i = window.indexOf(pattern, i + 1)) {
    out.push(from + i);
  }
  return out;
}
