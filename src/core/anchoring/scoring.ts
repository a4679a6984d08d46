import { anchoredDistance } from './editDistance';
import type { QuoteSelector } from './selectors';

/**
 * Weights of a candidate anchor's score (they sum to 1, so the score is in 0..1).
 *
 * - `quote`: similarity of the candidate's text to the remembered quote (1 - edits / quote length). The main
 *   evidence, but on its own it cannot tell the annotated passage from a look-alike elsewhere.
 * - `prefix`, `suffix`: similarity of the ~32 characters on each side to the remembered context. What tells
 *   a passage from its look-alikes (a repeated phrase, a recurring page header); together as heavy as most
 *   of the quote, so that an edited quote in its own context beats a closer copy of it in another context.
 * - `proximity`: nearness to where the passage was (the position hint). A tie-breaker between equally good
 *   candidates, and a small bonus that keeps a nearby edited passage ahead of a distant look-alike; small
 *   enough that a passage moved far away with its context intact is still found.
 */
export const SCORE_WEIGHTS = { quote: 0.5, prefix: 0.175, suffix: 0.175, proximity: 0.15 } as const;

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
  return w.quote * p.quote + w.prefix * p.prefix + w.suffix * p.suffix + w.proximity * p.proximity;
}

/** 1 at the hint, 1/2 at PROXIMITY_HALF_DISTANCE, tending to 0 far away. */
export function proximity(distance: number): number {
  return 1 / (1 + Math.abs(distance) / PROXIMITY_HALF_DISTANCE);
}

/** How well the text before `start` agrees with `quote.prefix` (1 = identical; 1 when there is no prefix). */
export function prefixSimilarity(text: string, start: number, quote: QuoteSelector): number {
  const m = quote.prefix.length;
  return m === 0 ? 1 : 1 - anchoredDistance(quote.prefix, text, start, -1) / m;
}

/** How well the text after `end` agrees with `quote.suffix` (1 = identical; 1 when there is no suffix). */
export function suffixSimilarity(text: string, end: number, quote: QuoteSelector): number {
  const m = quote.suffix.length;
  return m === 0 ? 1 : 1 - anchoredDistance(quote.suffix, text, end, 1) / m;
}
