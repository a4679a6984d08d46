import {
  AMBIGUITY_MARGIN,
  attachable,
  chooseCandidate,
  CONFIDENT_CONTEXT,
  confident,
  FAR_SCORE_ALLOWANCE,
  nearHint,
  type Candidate,
  type DecisionContext,
} from './anchorDecision';
import {
  clampOffset,
  DEFAULT_MAX_ERROR_RATIO,
  DEFAULT_MIN_SCORE,
  orphaned,
  type AnchorResult,
} from './anchorResult';
import type { SearchOptions } from './anchorOne';
import { approximateMatches, exactOccurrences } from './approxSearch';
import { MAX_BOUNDARY_SHIFT, refineBoundaries } from './refineBoundaries';
import { snapEnd, snapStart } from './boundaries';
import { levenshtein } from './editDistance';
import { combinedScore, contextAgreement, prefixSimilarity, proximity, suffixSimilarity, type ScoreParts } from './scoring';
import { quoteNumbersDiffer } from './numbers';
import { hasSeed, SeedIndex } from './seedIndex';
import { uncovered, type Interval } from './intervals';
import { alignAtPlace, HINT_BAND, MIN_PLACE_VOTES, seedPlaces, type Place } from './placeAlignment';
import type { QuoteSelector, Selectors } from './selectors';

/**
 * The search behind `reanchor` (and, extended by CandidateList, `anchorCandidates`): candidate spans for one
 * quote, collected in stages, cheapest first, each stage searching only what earlier ones have not;
 * placeAlignment.ts aligns the passage at a place, anchorDecision.ts chooses among the candidates.
 */

/**
 * An unchanged occurrence in agreeing context this close to the hint is taken before any approximate search;
 * farther away, an edited passage at the hint could still beat it.
 */
const SETTLE_DISTANCE = 64;
/** Window radii (characters on each side of the hint): a tight one for small shifts, then a page or so. */
const NEAR_RADIUS = 256;
export const WINDOW_RADIUS = 2048;
/** At most this many unchanged occurrences (the nearest) are scored per search stage. */
const MAX_EXACT_CANDIDATES = 200;


/** The second lookup's limit on how often a k-gram may occur in the text and still count (see seedIndex.ts). */
const COMMON_OCCURRENCES = 2000;

/** Quotes up to this long are also searched for together with their context (see `searchInContext`). */
const MAX_CONTEXT_SEARCH_QUOTE = 256;

/** One re-anchoring search: the candidates found so far and the parts of the text already searched. */
export class AnchorSearch implements DecisionContext {
  protected readonly quote: QuoteSelector;
  readonly len: number;
  protected readonly centers: number[];
  readonly minScore: number;
  protected readonly maxErrors: number;
  protected readonly candidates: Candidate[] = [];
  protected best: Candidate | undefined;
  private readonly exactCovered: Interval[] = [];
  private readonly exactSeen = new Set<number>();
  private readonly fuzzyCovered: Interval[] = [];
  private readonly fuzzySeen = new Set<string>();
  /** Spans already found by alignment (apart from `fuzzySeen`: an alignment may accept what the approximate search rejected). */
  private readonly alignedSeen = new Set<string>();
  private ownIndex: SeedIndex | undefined;
  /** Places already aligned at (`diagonal:band`): the second, common-phrase lookup finds the first's again. */
  private readonly alignedPlaces = new Set<string>();
  private readonly pattern: string;
  /** The candidate `decide` attached to, if any. */
  private chosen: Candidate | undefined;

  constructor(
    protected readonly text: string,
    selectors: Selectors,
    protected readonly hint: number,
    protected readonly options: SearchOptions,
    /** List candidates (CandidateList) rather than choose one: score every match, however weak. */
    protected readonly exhaustive = false,
  ) {
    this.quote = selectors.quote;
    this.pattern = this.quote.prefix + this.quote.exact + this.quote.suffix;
    this.len = this.quote.exact.length;
    this.centers = [hint];
    for (const h of options.hints ?? []) {
      const c = clampOffset(h, text.length);
      if (!this.centers.includes(c)) this.centers.push(c);
    }
    this.minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    const ratio = options.maxErrorRatio ?? DEFAULT_MAX_ERROR_RATIO;
    this.maxErrors = Math.max(0, Math.min(this.len - 1, Math.floor(this.len * ratio)));
  }

  run(): AnchorResult {
    const { text, len } = this;
    // No span of this text can be within maxErrors edits of a quote this much longer.
    if (len - text.length > this.maxErrors) return orphaned(0);
    // 1. Unchanged occurrences near the hint: one in agreeing context close by is the passage.
    this.searchExact(this.around(WINDOW_RADIUS, this.centers));
    if (this.best && confident(this, this.best)) {
      if (this.distance(this.best.start) <= SETTLE_DISTANCE) return this.finish();
      // Farther away, only the passage edited at the hint could beat it: align there before anything else.
      this.searchAligned(this.hintPlaces([]));
      if (this.settled()) return this.finish();
    }
    // 2. The places the seed index points at, anywhere in the text, and the hints themselves: the whole
    //    passage (prefix, quote, suffix) aligned there.
    this.searchSeeded();
    // A quote too short to hold a seed of its own: its unchanged occurrences elsewhere, by plain search.
    if (!this.quoteHasSeed()) this.searchExactEverywhere();
    // Far away, a candidate good enough to attach could only lose to a passage near the hint that kept its
    // text and context well enough to leave seeds: the seeds would have found it.
    if (this.settled() || (this.best && attachable(this, this.best))) return this.finish();
    // 3. Nothing convincing (the passage was rewritten along with its context, or deleted): approximate search
    //    of the quote (and of it in its context) around the hints.
    this.searchFuzzy(this.around(NEAR_RADIUS, this.centers), true);
    if (this.settled()) return this.finish();
    this.searchFuzzy(this.around(WINDOW_RADIUS, this.centers), true);
    if (this.settled() || (this.best && attachable(this, this.best))) return this.finish();
    // 4. A passage made of phrasing common in this text (in a long document, a 10-gram can recur hundreds
    //    of times): looked up again with common k-grams counted too.
    this.searchSeeded(COMMON_OCCURRENCES);
    return this.finish();
  }

  /**
   * Settles on the best candidate found. Far from the hint, every unchanged occurrence of the quote is looked
   * at first: the seed index leaves out k-grams that recur too often to place a passage, so a page header
   * repeated on every page has few seeds, and its copies must still be seen to be rivals.
   */
  private finish(): AnchorResult {
    if (this.best && !nearHint(this, this.best)) this.searchExactEverywhere();
    return this.decide();
  }

  /** A candidate that no further search near the hints could beat. */
  private settled(): boolean {
    const best = this.best;
    return best !== undefined && nearHint(this, best) && best.score >= this.minScore;
  }

  /**
   * Whether the seed lookup sees a k-gram inside the quote (one at its first character counts, after a space).
   * Unchanged copies elsewhere then show up as places; otherwise they are looked for by plain search.
   */
  private quoteHasSeed(): boolean {
    const { quote } = this;
    return hasSeed(quote.prefix.slice(-1) + quote.exact);
  }

  /**
   * Aligns prefix + quote + suffix at each place the seed index points at (the most-voted ones) and at each
   * hint, the quote's ends read off the alignment (see alignment.ts).
   */
  protected searchSeeded(maxOccurrences?: number): void {
    const clusters = this.seedIndex().clusters(this.pattern, MIN_PLACE_VOTES, maxOccurrences);
    const places = seedPlaces(clusters, this.quote.prefix.length, this.pattern.length);
    this.searchAligned([...places, ...this.hintPlaces(places)]);
  }

  /**
   * The hints as places to align at, unless one of `places` is already near: a quote edited along with its
   * context leaves few seeds, but may not have moved.
   */
  private hintPlaces(places: readonly Place[]): Place[] {
    const far = this.centers.filter((c) => !places.some((p) => Math.abs(p.diagonal - c) <= NEAR_RADIUS));
    return far.map((c) => ({ diagonal: c, band: HINT_BAND }));
  }

  /** Aligns prefix + quote + suffix at `places` (best first), the quote's ends read off each alignment. */
  private searchAligned(places: readonly Place[]): void {
    for (const [i, place] of places.entries()) {
      const placeKey = `${place.diagonal}:${place.band}`;
      if (this.alignedPlaces.has(placeKey)) continue;
      this.alignedPlaces.add(placeKey);
      // Places come best first: once one near the hint is good enough, no other could be chosen over it. (Not
      // before the best place is aligned: an edited passage there can beat an unchanged look-alike nearby.)
      if (i > 0 && this.settled()) break;
      const c = this.alignAt(place);
      if (!c) continue;
      const key = `${c.start}:${c.end}`;
      if (this.alignedSeen.has(key)) continue;
      this.alignedSeen.add(key);
      if (this.worthScoring(c.parts.quote, c.start)) this.consider(c);
    }
  }

  /** The passage aligned at `place`, scored; undefined if its quote is too far gone there. */
  private alignAt(place: Place): Candidate | undefined {
    const { quote, len, text } = this;
    const a = alignAtPlace(text, this.pattern, quote.prefix.length, quote.prefix.length + len, place);
    if (!a) return undefined;
    const unchanged = a.quoteErrors === 0 && a.end - a.start === len && text.startsWith(quote.exact, a.start);
    const quoteSimilarity = unchanged ? 1 : 1 - a.quoteErrors / len;
    return { ...this.score(a.start, a.end, quoteSimilarity, unchanged), aligned: true };
  }

  private seedIndex(): SeedIndex {
    const given = this.options.seedIndex;
    if (given && given.indexes(this.text)) return given;
    return (this.ownIndex ??= new SeedIndex(this.text));
  }

  /**
   * An approximate match's ends set by aligning the whole passage there (as the seeded places are), or by
   * moving each end to where the remembered context fits (`refineBoundaries`), whichever scores better.
   */
  protected realign(c: Candidate): Candidate {
    const refined = refineBoundaries(this.text, this.quote, c, (start) => this.distance(start));
    const aligned = this.alignAt({ diagonal: c.start, band: HINT_BAND });
    if (aligned && aligned.start < c.end && c.start < aligned.end && aligned.score >= refined.score) return aligned;
    return refined;
  }

  /** Whether the span attached to was found in agreeing context: sure enough to guide the hints of others. */
  confidentChoice(): boolean {
    return this.chosen !== undefined && contextAgreement(this.chosen.parts) >= CONFIDENT_CONTEXT;
  }

  private decide(): AnchorResult {
    const best = chooseCandidate(this, this.best, this.candidates);
    this.chosen = best;
    if (!best) return orphaned(this.best?.score ?? 0);
    if (best.unchanged) {
      // Still at the position hint, but in context too changed to be taken there at once (see anchorOne).
      const status = best.start === this.hint ? 'exact' : 'moved';
      return { status, start: best.start, end: best.end, score: best.score };
    }
    const refined = best.aligned ? best : this.realign(best);
    const same = this.text.slice(refined.start, refined.end) === this.quote.exact;
    const status = !same ? 'fuzzy' : refined.start === this.hint ? 'exact' : 'moved';
    return { status, start: refined.start, end: refined.end, score: refined.score };
  }

  private unique: boolean | undefined;

  quoteIsUnique(): boolean {
    return (this.unique ??= exactOccurrences(this.text, this.quote.exact, 0, this.text.length, 2).length === 1);
  }

  distance(start: number): number {
    let d = Infinity;
    for (const c of this.centers) d = Math.min(d, Math.abs(start - c));
    return d;
  }

  protected around(radius: number, centers: readonly number[]): Interval[] {
    return centers.map((c) => [Math.max(0, c - radius), Math.min(this.text.length, c + this.len + radius)]);
  }

  private score(start: number, end: number, quoteSimilarity: number, unchanged: boolean): Candidate {
    const parts: ScoreParts = {
      quote: quoteSimilarity,
      prefix: prefixSimilarity(this.text, start, this.quote),
      suffix: suffixSimilarity(this.text, end, this.quote),
      proximity: proximity(this.distance(start)),
    };
    return { start, end, parts, score: combinedScore(parts), unchanged };
  }

  protected consider(c: Candidate): void {
    if (this.options.excluded?.some(([lo, hi]) => lo < c.end && c.start < hi)) return;
    // An edited quote whose numbers changed is the next numbered item (a table row, "Action 6"), not an edit.
    if (!c.unchanged && quoteNumbersDiffer(this.quote, this.text, c.start, c.end)) return;
    this.candidates.push(c);
    const best = this.best;
    const better = !best || c.score > best.score;
    if (better || (c.score === best.score && this.distance(c.start) < this.distance(best.start))) this.best = c;
  }

  /** Whether a match with this quote similarity could still win or rival the best candidate. */
  private worthScoring(quoteSimilarity: number, start: number): boolean {
    const proximityScore = proximity(this.distance(start));
    const bound = combinedScore({ quote: quoteSimilarity, prefix: 1, suffix: 1, proximity: proximityScore });
    if (this.exhaustive) return true;
    return bound >= this.minScore - FAR_SCORE_ALLOWANCE - AMBIGUITY_MARGIN && (!this.best || bound >= this.best.score - AMBIGUITY_MARGIN);
  }

  protected searchExact(areas: Interval[]): void {
    const { text, len } = this;
    const starts: number[] = [];
    for (const area of areas) {
      for (const [lo, hi] of uncovered(area, this.exactCovered)) {
        // Reach len - 1 characters into the covered part for occurrences straddling its border.
        for (const s of exactOccurrences(text, this.quote.exact, lo - len + 1, hi + len - 1, 10_000)) {
          if (!this.exactSeen.has(s)) {
            this.exactSeen.add(s);
            starts.push(s);
          }
        }
      }
      this.exactCovered.push(area);
    }
    this.considerUnchanged(starts);
  }

  /** Unchanged occurrences starting at `starts`, scored: the nearest MAX_EXACT_CANDIDATES. */
  private considerUnchanged(starts: number[]): void {
    starts.sort((x, y) => this.distance(x) - this.distance(y));
    for (const s of starts.slice(0, MAX_EXACT_CANDIDATES)) this.consider(this.score(s, s + this.len, 1, true));
  }

  /** Unchanged occurrences anywhere: through the seed index when the quote has a k-gram of its own. */
  private searchExactEverywhere(): void {
    const whole: Interval = [0, this.text.length];
    if (uncovered(whole, this.exactCovered).length === 0) return;
    const found = this.seedIndex().occurrences(this.quote.exact, 10_000);
    if (!found) return this.searchExact([whole]);
    this.exactCovered.push(whole);
    const starts = found.filter((s) => !this.exactSeen.has(s));
    for (const s of starts) this.exactSeen.add(s);
    this.considerUnchanged(starts);
  }

  /** Approximate matches in `areas`; with the quote's context too when `withContext` (in the windows near the hint). */
  protected searchFuzzy(areas: Interval[], withContext = false): void {
    if (this.maxErrors === 0) return;
    const found: Candidate[] = [];
    for (const area of areas) {
      for (const part of uncovered(area, this.fuzzyCovered)) {
        this.searchQuote(part, found);
        if (withContext && this.len <= MAX_CONTEXT_SEARCH_QUOTE) this.searchInContext(part, found);
      }
      this.fuzzyCovered.push(area);
    }
    for (const c of found) this.consider(c);
  }

  /** Approximate matches of the quote alone (searched in `haystack`, a copy of the text with parts blanked). */
  protected searchQuote([lo, hi]: Interval, found: Candidate[], haystack = this.text): Interval[] {
    const { len, maxErrors } = this;
    const reach = len + maxErrors;
    const chunk = Math.max(512, 4 * reach);
    const matches = approximateMatches(haystack, this.quote.exact, maxErrors, lo - reach, hi + reach, chunk);
    for (const m of matches) {
      const key = `${m.start}:${m.end}`;
      if (this.fuzzySeen.has(key)) continue;
      this.fuzzySeen.add(key);
      const quoteSimilarity = 1 - m.errors / len;
      if (this.worthScoring(quoteSimilarity, m.start)) {
        found.push(this.score(m.start, m.end, quoteSimilarity, m.errors === 0));
      }
    }
    return matches.map((m): Interval => [m.start, m.end]);
  }

  /**
   * Approximate matches of prefix + quote + suffix, the quote's ends then set where prefix and suffix fit
   * best. approx-string-match reports only the matches with the fewest edits in what it searches, so a
   * look-alike of a short quote (say the same words unedited, a line further on) hides the edited passage
   * from `searchQuote`; with its context the passage itself has the fewest edits.
   */
  private searchInContext([lo, hi]: Interval, found: Candidate[]): void {
    const { text, len, quote } = this;
    const pattern = quote.prefix + quote.exact + quote.suffix;
    if (pattern.length === len) return;
    const maxErrors = this.maxErrors + Math.floor((pattern.length - len) / 2);
    const reach = pattern.length + maxErrors;
    const chunk = Math.max(512, 4 * reach);
    for (const m of approximateMatches(text, pattern, maxErrors, lo - reach, hi + reach, chunk)) {
      const radius = Math.min(MAX_BOUNDARY_SHIFT, m.errors + 2);
      const from = m.start + quote.prefix.length;
      const start = snapStart(text, quote, from, radius, m.start, m.end - 1).at;
      const end = snapEnd(text, quote, Math.max(start + 1, m.end - quote.suffix.length), radius, start + 1, m.end).at;
      const key = `${start}:${end}`;
      if (this.fuzzySeen.has(key)) continue;
      this.fuzzySeen.add(key);
      const errors = levenshtein(quote.exact, text.slice(start, end));
      if (errors > this.maxErrors) continue;
      const quoteSimilarity = 1 - errors / len;
      if (this.worthScoring(quoteSimilarity, start)) found.push(this.score(start, end, quoteSimilarity, errors === 0));
    }
  }
}
