import { anchoredDistance } from './editDistance';
import { prefixNumbersDiffer, suffixNumbersDiffer } from './numbers';
import type { QuoteSelector } from './selectors';

/**
 * Weights of a candidate anchor's score (they sum to 1, so the score is in 0..1).
 *
 * - `quote` 0.45: similarity of the candidate's text to the remembered quote (1 - edits / quote length). The
 *   main evidence, but on its own it cannot tell the annotated passage from a look-alike elsewhere.
 * - `context` 0.40: similarity of the ~32 characters on each side to the remembered prefix and suffix: what
 *   tells a passage from its look-alikes (a repeated phrase, a heading repeated in the table of contents).
 *   The side that agrees better counts for 0.28, the other for 0.12: an edit right next to a passage wipes out
 *   one side of its context, rarely both, while a look-alike elsewhere agrees with neither.
 * - `proximity` 0.15: nearness to where the passage was (the position hint). A tie-breaker between equally
 *   good candidates, and a bonus that keeps a nearby edited passage ahead of a distant look-alike; small
 *   enough that a passage moved far away with its text and context intact still scores 0.85.
 *
 * Chosen (with DEFAULT_MIN_SCORE) on the measurements of test/unit/anchoringMeasure.test.ts.
 */
export const SCORE_WEIGHTS = { quote: 0.45, context: 0.4, proximity: 0.15 } as const;

/** Share of the context weight that goes to the better-agreeing side (prefix or suffix). */
export const BETTER_SIDE_SHARE = 0.7;

/** Distance from the hint (characters) at which the proximity term has fallen to 1/2. */
export const PROXIMITY_HALF_DISTANCE = 1000;

export interface ScoreParts {
  quote: number;
  prefix: number;
  suffix: number;
  proximity: number;
}

export function combinedScore(p: ScoreParts): number {
  const w = SCORE_WEIGHTS;
  return w.quote * p.quote + w.context * contextAgreement(p) + w.proximity * p.proximity;
}

/** Agreement of the candidate's surroundings with the remembered context, 0..1 (see SCORE_WEIGHTS). */
export function contextAgreement(p: ScoreParts): number {
  const better = Math.max(p.prefix, p.suffix);
  const worse = Math.min(p.prefix, p.suffix);
  return BETTER_SIDE_SHARE * better + (1 - BETTER_SIDE_SHARE) * worse;
}

/** 1 at the hint, 1/2 at PROXIMITY_HALF_DISTANCE, tending to 0 far away. */
export function proximity(distance: number): number {
  return 1 / (1 + Math.abs(distance) / PROXIMITY_HALF_DISTANCE);
}

/**
 * How well the text before `start` agrees with `quote.prefix` (1 = identical; 1 when there is no prefix); 0 when
 * a number of the prefix is not there (numbers.ts: "Section 12." before a copy of the sentence of section 13).
 */
export function prefixSimilarity(text: string, start: number, quote: QuoteSelector): number {
  const m = quote.prefix.length;
  if (m === 0) return 1;
  if (prefixNumbersDiffer(quote.prefix, text, start)) return 0;
  return 1 - anchoredDistance(quote.prefix, text, start, -1) / m;
}

/** How well the text after `end` agrees with `quote.suffix` (as prefixSimilarity). */
export function suffixSimilarity(text: string, end: number, quote: QuoteSelector): number {
  const m = quote.suffix.length;
  if (m === 0) return 1;
  if (suffixNumbersDiffer(quote.suffix, text, end)) return 0;
  return 1 - anchoredDistance(quote.suffix, text, end, 1) / m;
}
