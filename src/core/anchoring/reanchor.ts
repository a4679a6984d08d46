import { anchorOne } from './anchorOne';
import { CandidateList } from './candidateList';
import { clampOffset, type AnchorResult, type ReanchorOptions } from './anchorResult';
import type { Selectors } from './selectors';

export { DisplacementHints, reanchorAll } from './anchorAll';
export {
  DEFAULT_MAX_ERROR_RATIO,
  DEFAULT_MAX_SEARCH_COST,
  DEFAULT_MIN_SCORE,
  type AnchorResult,
  type AnchorStatus,
  type ReanchorOptions,
} from './anchorResult';

/**
 * Finds the span of `text` that `selectors` describe, for a document opened or changed outside the editor.
 *
 * 1. The quote still at the position hint, in agreeing context → `exact` (anchorOne.ts).
 * 2. Otherwise candidates are collected in stages, cheapest first (anchorSearch.ts): unchanged occurrences of
 *    the quote within ±2,048 characters of the hint; then the places a seed index of the text points at
 *    (where several of the passage's word-start k-grams occur in order, anywhere in the text: seedIndex.ts)
 *    and the hints themselves, where the whole passage — prefix, quote, suffix — is aligned with the text and
 *    the quote's ends read off the alignment (alignment.ts); if nothing convincing turns up, approximate
 *    matches of the quote around the hint (approx-string-match), and last a second lookup that counts the
 *    k-grams too common for the first. Each candidate is scored by quote similarity, prefix and suffix
 *    similarity and distance from the hint (SCORE_WEIGHTS).
 * 3. The search stops once a candidate near the hint is convincing. The best candidate is attached if it
 *    scores at least `minScore` (a little less for a long quote far away), or if its surroundings vouch for it
 *    near the hint (its prefix and suffix both survive around it; or, for a long quote, it is where the hints
 *    put it and its context mostly agrees), and, far from the hint, no other place scores about as well (a
 *    recurring page header, a repeated sentence) unless many times farther away; otherwise the annotation is
 *    `orphaned` (anchorDecision.ts).
 *
 * Cost: an unchanged quote near its hint costs a few small string searches; an edited or moved one a few
 * dozen hash probes and a banded alignment of its passage at each of the (at most eight) places they point
 * at, most often one; only quotes with nothing convincing anywhere search around the hint with
 * approx-string-match. No approximate search covers the whole text (an unchanged quote too short for a
 * k-gram of its own is looked for with indexOf).
 */
export function reanchor(text: string, selectors: Selectors, options: ReanchorOptions = {}): AnchorResult {
  return anchorOne(text, selectors, options).result;
}

/**
 * Candidate spans for re-attaching an annotation by hand (an orphan, or one attached to the wrong place),
 * best first: at most `limit` non-overlapping spans, scored like `reanchor`'s candidates but without its
 * `minScore` or ambiguity rules, from a search of the whole document. Statuses as `reanchor` would give.
 */
export function anchorCandidates(
  text: string,
  selectors: Selectors,
  options: ReanchorOptions & { limit?: number } = {},
): AnchorResult[] {
  if (selectors.quote.exact.length === 0) {
    const r = reanchor(text, selectors, options);
    return r.status === 'orphaned' ? [] : [r];
  }
  const hint = clampOffset(selectors.position.start, text.length);
  return new CandidateList(text, selectors, hint, options).list(options.limit ?? 10);
}
