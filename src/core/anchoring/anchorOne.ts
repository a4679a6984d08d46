import { CONFIDENT_CONTEXT } from './anchorDecision';
import { clampOffset, orphaned, type AnchorResult, type ReanchorOptions } from './anchorResult';
import { AnchorSearch } from './anchorSearch';
import { exactOccurrences } from './approxSearch';
import type { Interval } from './intervals';
import { combinedScore, contextAgreement, prefixSimilarity, proximity, suffixSimilarity } from './scoring';
import type { QuoteSelector, Selectors } from './selectors';

/** What `reanchorAll` passes besides the public options. */
export interface SearchOptions extends ReanchorOptions {
  /** Spans another annotation holds with better evidence (see anchorAll.ts): no candidate may overlap them. */
  readonly excluded?: readonly Interval[];
}

/** A result, and whether it is sure enough of its place to guide the annotations after it (DisplacementHints). */
export interface Anchored {
  readonly result: AnchorResult;
  readonly confident: boolean;
}

/**
 * `reanchor`, saying also whether the span was found in agreeing context. The quote still at the position hint
 * is `exact` only when its context agrees there too: in a document of look-alike blocks (numbered sections
 * repeating one sentence), deleting a block moves the next one's copy of the sentence to the hint.
 */
export function anchorOne(text: string, selectors: Selectors, options: SearchOptions = {}): Anchored {
  const exact = selectors.quote.exact;
  const hint = clampOffset(selectors.position.start, text.length);
  if (exact.length === 0) return anchorEmptyQuote(text, selectors, hint);
  const free = !options.excluded?.some(([lo, hi]) => lo < hint + exact.length && hint < hi);
  if (free && text.startsWith(exact, hint) && contextHolds(text, selectors.quote, hint)) {
    return { result: { status: 'exact', start: hint, end: hint + exact.length, score: 1 }, confident: true };
  }
  const search = new AnchorSearch(text, selectors, hint, options);
  const result = search.run();
  return { result, confident: search.confidentChoice() };
}

/**
 * Whether the text around an unchanged quote at `start` agrees with its remembered context: one side unchanged
 * (an edit next to a passage spoils one side, a look-alike's context differs on both), or both mostly there.
 * Cheap when a side is identical, as it is for most quotes.
 */
function contextHolds(text: string, quote: QuoteSelector, start: number): boolean {
  const end = start + quote.exact.length;
  if (text.startsWith(quote.suffix, end) || text.slice(Math.max(0, start - quote.prefix.length), start) === quote.prefix) return true;
  const parts = { quote: 1, prefix: prefixSimilarity(text, start, quote), suffix: suffixSimilarity(text, end, quote), proximity: 1 };
  return contextAgreement(parts) >= CONFIDENT_CONTEXT;
}

/** An empty quote has nothing to search for but its context: the join of prefix and suffix. */
function anchorEmptyQuote(text: string, selectors: Selectors, hint: number): Anchored {
  const { prefix, suffix } = selectors.quote;
  const fits = (at: number): boolean =>
    text.startsWith(suffix, at) && text.slice(Math.max(0, at - prefix.length), at) === prefix;
  if (fits(hint)) return { result: { status: 'exact', start: hint, end: hint, score: 1 }, confident: true };
  const context = prefix + suffix;
  if (context.length === 0) return { result: orphaned(0), confident: false };
  const occurrences = exactOccurrences(text, context, 0, text.length, 10_000);
  if (occurrences.length === 0) return { result: orphaned(0), confident: false };
  let at = occurrences[0]! + prefix.length;
  for (const o of occurrences) if (Math.abs(o + prefix.length - hint) < Math.abs(at - hint)) at = o + prefix.length;
  const score = combinedScore({ quote: 1, prefix: 1, suffix: 1, proximity: proximity(at - hint) });
  return { result: { status: 'moved', start: at, end: at, score }, confident: occurrences.length === 1 };
}
