import type { Candidate } from './anchorDecision';
import { snapEnd, snapStart } from './boundaries';
import { levenshtein } from './editDistance';
import { combinedScore, proximity, type ScoreParts } from './scoring';
import type { QuoteSelector } from './selectors';

/** Fuzzy candidates whose boundaries are refined against the context by up to this many characters. */
export const MAX_BOUNDARY_SHIFT = 12;

/**
 * approx-string-match reports the longest span with the fewest edits, which can take in a character of the
 * context or leave out an edited first or last character. Move each end, by up to a few characters, to
 * where the remembered prefix (suffix) agrees best with the text before (after) it; keep the result if its
 * score is at least as good.
 */
export function refineBoundaries(text: string, quote: QuoteSelector, c: Candidate, distance: (start: number) => number): Candidate {
  const len = quote.exact.length;
  const radius = Math.min(MAX_BOUNDARY_SHIFT, Math.max(2, Math.ceil(len * 0.25)));
  const start = snapStart(text, quote, c.start, radius, 0, c.end - 1);
  const end = snapEnd(text, quote, c.end, radius, start.at + 1, text.length);
  if (start.at === c.start && end.at === c.end) return c;
  const span = text.slice(start.at, end.at);
  // The exact distance for ordinary quotes; for very long ones the search's own count, adjusted by the shift.
  const errors =
    len * span.length <= 4e6
      ? levenshtein(quote.exact, span)
      : (1 - c.parts.quote) * len + Math.abs(start.at - c.start) + Math.abs(end.at - c.end);
  const parts: ScoreParts = {
    quote: Math.max(0, 1 - errors / len),
    prefix: start.similarity,
    suffix: end.similarity,
    proximity: proximity(distance(start.at)),
  };
  const refined: Candidate = { start: start.at, end: end.at, parts, score: combinedScore(parts), unchanged: false };
  return refined.score >= c.score ? refined : c;
}
