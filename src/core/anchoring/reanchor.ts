import { AnchorSearch } from './anchorSearch';
import { CandidateList } from './candidateList';
import { clampOffset, orphaned, type AnchorResult, type ReanchorOptions } from './anchorResult';
import { exactOccurrences } from './approxSearch';
import { combinedScore, proximity } from './scoring';
import { SeedIndex } from './seedIndex';
import type { Selectors } from './selectors';

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
 * 1. The quote still at the position hint → `exact`.
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
  const exact = selectors.quote.exact;
  const hint = clampOffset(selectors.position.start, text.length);
  if (exact.length === 0) return anchorEmptyQuote(text, selectors, hint);
  if (text.startsWith(exact, hint)) return { status: 'exact', start: hint, end: hint + exact.length, score: 1 };
  return new AnchorSearch(text, selectors, hint, options).run();
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

/**
 * Re-anchors many annotations of one text (results in the order given), with one seed index for all of them.
 * Annotations are visited in the order of their hints, and each one's hint is also tried shifted by how far
 * the ones before it moved: an insertion or deletion moves everything after it alike, so after a large change
 * most quotes are found at once.
 */
export function reanchorAll(
  text: string,
  selectorsList: readonly Selectors[],
  options: ReanchorOptions = {},
): AnchorResult[] {
  const hintOf = (i: number): number => selectorsList[i]!.position.start;
  const order = selectorsList.map((_, i) => i).sort((a, b) => hintOf(a) - hintOf(b));
  const results: AnchorResult[] = new Array<AnchorResult>(selectorsList.length);
  const seedIndex = options.seedIndex ?? new SeedIndex(text);
  const shifts = new DisplacementHints();
  for (const i of order) {
    const selectors = selectorsList[i]!;
    const hints = [...(options.hints ?? []), ...shifts.hintsFor(selectors)];
    const result = reanchor(text, selectors, { ...options, hints, seedIndex });
    results[i] = result;
    shifts.record(selectors, result);
  }
  return results;
}

/**
 * Hints from how far the annotations before moved: the median of the last few, which one annotation in a
 * moved paragraph does not mislead (it moves alone, and must not send the ones after it to where its
 * paragraph went), and the latest, which follows the drift of many small edits more closely, when it is
 * within LATEST_AGREEMENT of the median.
 */
export class DisplacementHints {
  private readonly recent: number[] = [];

  hintsFor(selectors: Selectors): number[] {
    const { recent } = this;
    const middle = median(recent);
    const latest = recent[recent.length - 1] ?? 0;
    const shifts = new Set([middle]);
    if (Math.abs(latest - middle) <= LATEST_AGREEMENT) shifts.add(latest);
    shifts.delete(0);
    return [...shifts].map((d) => selectors.position.start + d);
  }

  record(selectors: Selectors, result: AnchorResult): void {
    if (result.status === 'orphaned') return;
    this.recent.push(result.start - selectors.position.start);
    if (this.recent.length > RECENT_SHIFTS) this.recent.shift();
  }
}

/** How many of the latest displacements make the median hint. */
const RECENT_SHIFTS = 5;
const LATEST_AGREEMENT = 1024;

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/** An empty quote has nothing to search for but its context: the join of prefix and suffix. */
function anchorEmptyQuote(text: string, selectors: Selectors, hint: number): AnchorResult {
  const { prefix, suffix } = selectors.quote;
  const fits = (at: number): boolean =>
    text.startsWith(suffix, at) && text.slice(Math.max(0, at - prefix.length), at) === prefix;
  if (fits(hint)) return { status: 'exact', start: hint, end: hint, score: 1 };
  const context = prefix + suffix;
  if (context.length === 0) return orphaned(0);
  const occurrences = exactOccurrences(text, context, 0, text.length, 10_000);
  if (occurrences.length === 0) return orphaned(0);
  let at = occurrences[0]! + prefix.length;
  for (const o of occurrences) if (Math.abs(o + prefix.length - hint) < Math.abs(at - hint)) at = o + prefix.length;
  const score = combinedScore({ quote: 1, prefix: 1, suffix: 1, proximity: proximity(at - hint) });
  return { status: 'moved', start: at, end: at, score };
}
