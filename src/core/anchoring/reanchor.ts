import { approximateMatches, exactOccurrences } from './approxSearch';
import { snapEnd, snapStart } from './boundaries';
import { alignPassage } from './alignment';
import { levenshtein } from './editDistance';
import {
  combinedScore,
  contextAgreement,
  prefixSimilarity,
  proximity,
  suffixSimilarity,
  type ScoreParts,
} from './scoring';
import { hasSeed, SeedIndex } from './seedIndex';
import type { QuoteSelector, Selectors } from './selectors';

/**
 * - `exact`: the quote is still at the position hint;
 * - `moved`: the quote was found unchanged elsewhere;
 * - `fuzzy`: an edited version of the quote was found;
 * - `orphaned`: nothing good enough was found (the annotation is kept, unattached).
 */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

export interface AnchorResult {
  status: AnchorStatus;
  /** Offsets of the anchored span in the new text; -1 when orphaned. */
  start: number;
  end: number;
  /**
   * Confidence in 0..1: 1 for `exact`; otherwise the weighted score of the chosen span (see SCORE_WEIGHTS);
   * for `orphaned` the score of the best candidate that was rejected (0 if there was none).
   */
  score: number;
}

export interface ReanchorOptions {
  /** Candidates scoring below this are not attached: the annotation is orphaned. Default DEFAULT_MIN_SCORE. */
  minScore?: number;
  /** The fuzzy search allows up to this fraction of the quote's length in edits. Default DEFAULT_MAX_ERROR_RATIO. */
  maxErrorRatio?: number;
  /**
   * More offsets where the quote is expected to start, besides `selectors.position.start`: searched first,
   * and distances are measured from the nearest of them. `reanchorAll` passes the hint shifted by the
   * displacement of the annotation before, so that a large insertion costs no search at all.
   */
  hints?: readonly number[];
  /**
   * Budget of one fuzzy search over the whole document, in characters × 32-character pattern blocks; a quote
   * that would exceed it (a very long quote in a very long document) is searched for only in the windows
   * around its hint. Default DEFAULT_MAX_SEARCH_COST (a 5,000-character quote in a 1 MB document).
   */
  maxSearchCost?: number;
  /** An index of `text` to look quotes up in (`reanchorAll` builds one for all its quotes); else built when needed. */
  seedIndex?: SeedIndex;
}

/**
 * Separates the real passage from look-alikes (see SCORE_WEIGHTS). Near the hint, a passage with 20% of its
 * characters edited scores about 0.91 with its context intact and 0.83 with one side of it lost; an unchanged
 * look-alike in unrelated context about 0.72, an edited one about 0.6. Chosen on the measurements of
 * test/unit/anchoringMeasure.test.ts.
 */
export const DEFAULT_MIN_SCORE = 0.82;
/** A little above the 20% of edits the anchoring is meant to survive. */
export const DEFAULT_MAX_ERROR_RATIO = 0.3;
export const DEFAULT_MAX_SEARCH_COST = 5e7;

/** An unchanged occurrence whose context agrees this much (`contextAgreement`) is taken at once. */
const CONFIDENT_CONTEXT = 0.9;
/**
 * A candidate farther than this from the hint is not attached when another, disjoint candidate scores within
 * AMBIGUITY_MARGIN of it.
 */
const AMBIGUITY_RADIUS = 512;
const AMBIGUITY_MARGIN = 0.05;
/** See `attachable`. */
const FAR_MIN_LENGTH = 40;
const FAR_SCORE_ALLOWANCE = 0.06;
/** See `bracketed`. */
const BRACKETED_MIN_QUOTE = 0.5;
const BRACKETED_MIN_CONTEXT = 0.8;
/** Of two places that fit about as well, one this many times nearer the hint than the other is taken. */
const NEARER_FACTOR = 8;
/**
 * An unchanged occurrence in agreeing context this close to the hint is taken before any approximate search;
 * farther away, an edited passage at the hint could still beat it.
 */
const SETTLE_DISTANCE = 64;
/** Window radii (characters on each side of the hint): a tight one for small shifts, then a page or so. */
const NEAR_RADIUS = 256;
const WINDOW_RADIUS = 2048;
const WIDE_RADIUS = 32768;
/** At most this many unchanged occurrences (the nearest) are scored per search stage. */
const MAX_EXACT_CANDIDATES = 200;
/** Fuzzy candidates whose boundaries are refined against the context by up to this many characters. */
const MAX_BOUNDARY_SHIFT = 12;

/** Places the seed index points at that are aligned with the passage, the most-voted first. */
const MAX_SEED_PLACES = 8;
/** Places with fewer than this share of the best place's seeds are not aligned. */
const MIN_VOTE_SHARE = 0.25;
/** How far (characters) an alignment may stray from a hint's diagonal, and beyond the spread of a place's seeds. */
const HINT_BAND = 32;
const SEED_BAND = 16;
/**
 * An aligned quote with more edits than this share of its length is not a candidate. Above the approximate
 * search's maxErrorRatio: between a prefix and suffix that are still there, a rewritten quote is still found
 * (its low quote similarity then has to be made up by its context, see `decide`).
 */
const MAX_ALIGNED_QUOTE_ERRORS = 0.5;

/** Rounds of blanking out and searching again when listing candidates (`anchorCandidates`). */
const LIST_ROUNDS = 3;
/** Quotes up to this long are also searched for together with their context (see `searchInContext`). */
const MAX_CONTEXT_SEARCH_QUOTE = 256;

interface Candidate {
  start: number;
  end: number;
  parts: ScoreParts;
  score: number;
  unchanged: boolean;
  /** Ends read off an alignment with the context: not to be moved again (see `refineBoundaries`). */
  aligned?: boolean;
}

type Interval = [number, number];

/** Where the quote is expected to start (`diagonal`), give or take `band` characters. */
interface Place {
  diagonal: number;
  band: number;
}

/**
 * Finds the span of `text` that `selectors` describe, for a document opened or changed outside the editor.
 *
 * 1. The quote still at the position hint → `exact`.
 * 2. Otherwise candidates are collected in stages, cheapest first: unchanged occurrences of the quote within
 *    ±2,048 characters of the hint; approximate matches within ±256 (approx-string-match, at most
 *    `maxErrorRatio` × the quote's length in edits; of the quote alone, and of the quote with its prefix and
 *    suffix); unchanged occurrences in the whole document; approximate matches within ±2,048, ±32,768, then
 *    in the whole document. Each candidate is scored by quote similarity, prefix and suffix similarity and
 *    distance from the hint (SCORE_WEIGHTS). So an unchanged occurrence in agreeing context wins, the nearest
 *    to the hint among equals (`moved`); otherwise the best edited match (`fuzzy`), its ends set where the
 *    remembered prefix and suffix fit best.
 * 3. The search stops once a candidate near the hint is convincing. The best candidate is taken if it scores
 *    at least `minScore` and, when it lies far from the hint, no other place scores about as well (a recurring
 *    page header, a repeated sentence); otherwise the annotation is `orphaned`.
 *
 * Cost: an unchanged quote near its hint costs a few small string searches; only edited, moved-far and
 * orphaned quotes search the whole document.
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
  return new AnchorSearch(text, selectors, hint, options, true).list(options.limit ?? 10);
}

/**
 * Re-anchors many annotations of one text (results in the order given). Annotations are visited in the order
 * of their hints, and each one's hint is also tried shifted by how far the previous one moved: an insertion
 * or deletion moves everything after it alike, so after a large change most quotes are found at once.
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
  const recent: number[] = [];
  for (const i of order) {
    const selectors = selectorsList[i]!;
    // The latest displacement follows an insertion at once; their median is not misled by one moved paragraph.
    const shifts = new Set([median(recent), recent[recent.length - 1] ?? 0]);
    shifts.delete(0);
    const hints = [...(options.hints ?? []), ...[...shifts].map((d) => selectors.position.start + d)];
    const result = reanchor(text, selectors, { ...options, hints, seedIndex });
    results[i] = result;
    if (result.status === 'orphaned') continue;
    recent.push(result.start - selectors.position.start);
    if (recent.length > RECENT_SHIFTS) recent.shift();
  }
  return results;
}

/**
 * How many of the latest displacements make the shifted hint (their median): an annotation in a moved
 * paragraph moves alone, and must not send the ones after it to where its paragraph went.
 */
const RECENT_SHIFTS = 5;

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/** One re-anchoring search: the candidates found so far and the parts of the text already searched. */
class AnchorSearch {
  private readonly quote: QuoteSelector;
  private readonly len: number;
  private readonly centers: number[];
  private readonly minScore: number;
  private readonly maxErrors: number;
  private readonly candidates: Candidate[] = [];
  private best: Candidate | undefined;
  private readonly exactCovered: Interval[] = [];
  private readonly exactSeen = new Set<number>();
  private readonly fuzzyCovered: Interval[] = [];
  private readonly fuzzySeen = new Set<string>();
  private ownIndex: SeedIndex | undefined;
  /** Hints already aligned at. */
  private readonly alignedAt = new Set<number>();
  private readonly pattern: string;

  constructor(
    private readonly text: string,
    selectors: Selectors,
    private readonly hint: number,
    private readonly options: ReanchorOptions,
    /** List candidates (`list`) rather than choose one: score every match, however weak. */
    private readonly exhaustive = false,
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
    if (this.best && this.confident(this.best)) {
      if (this.distance(this.best.start) <= SETTLE_DISTANCE) return this.finish();
      // Farther away, only the passage edited at the hint could beat it: align there before anything else.
      this.searchAligned(this.hintPlaces([]));
      if (this.settled()) return this.finish();
    }
    // 2. The places the seed index points at, anywhere in the text, and the hints themselves: the whole
    //    passage (prefix, quote, suffix) aligned there.
    this.searchSeeded();
    // A quote too short to hold a seed of its own: its unchanged occurrences elsewhere, by plain search.
    if (!this.quoteHasSeed()) this.searchExact([[0, text.length]]);
    if (this.settled()) return this.finish();
    // 3. Nothing convincing (the passage moved far, or was rewritten along with its context, or deleted):
    //    approximate search of the quote (and of it in its context) around the hints.
    this.searchFuzzy(this.around(NEAR_RADIUS, this.centers), true);
    if (this.settled()) return this.finish();
    this.searchFuzzy(this.around(WINDOW_RADIUS, this.centers), true);
    return this.finish();
  }

  /**
   * Settles on the best candidate found. Far from the hint, every unchanged occurrence of the quote is looked
   * at first: the seed index leaves out k-grams that recur too often to place a passage, so a page header
   * repeated on every page has few seeds, and its copies must still be seen to be rivals.
   */
  private finish(): AnchorResult {
    if (this.best && !this.nearHint(this.best)) this.searchExact([[0, this.text.length]]);
    return this.decide();
  }

  /**
   * Whether a candidate may be attached on its score: at least minScore, or, for a quote long enough not to
   * recur by chance, FAR_MIN_SCORE below it far from the hint (a passage moved with its paragraph and edited
   * there has its context but not its position to go by).
   */
  private attachable(c: Candidate): boolean {
    if (c.score >= this.minScore) return true;
    return this.len >= FAR_MIN_LENGTH && !this.nearHint(c) && c.score >= this.minScore - FAR_SCORE_ALLOWANCE;
  }

  /**
   * The best candidate near the hint between a prefix and a suffix that are both still there, with at least
   * half its quote: the text between what came before and after a quote is the quote, however much it was
   * edited. (A deleted passage leaves no such place: where its context survives on both sides, nothing lies
   * between them.)
   */
  private bracketed(): Candidate | undefined {
    let found: Candidate | undefined;
    for (const c of this.candidates) {
      const { quote, prefix, suffix } = c.parts;
      if (quote < BRACKETED_MIN_QUOTE || Math.min(prefix, suffix) < BRACKETED_MIN_CONTEXT || !this.nearHint(c)) continue;
      if (!found || c.score > found.score) found = c;
    }
    return found;
  }

  /** A candidate that no further search near the hints could beat. */
  private settled(): boolean {
    const best = this.best;
    return best !== undefined && this.nearHint(best) && best.score >= this.minScore;
  }

  private quoteHasSeed(): boolean {
    const { quote } = this;
    return hasSeed(quote.prefix.slice(-1) + quote.exact);
  }

  /**
   * Aligns prefix + quote + suffix at each place the seed index points at (the most-voted ones) and at each
   * hint, the quote's ends read off the alignment (see alignment.ts).
   */
  private searchSeeded(): void {
    const { quote } = this;
    const places: Place[] = [];
    const clusters = this.seedIndex().clusters(this.pattern, 1);
    // A place with a small share of the best place's seeds could not rival it.
    const minVotes = Math.max(2, Math.ceil((clusters[0]?.votes ?? 0) * MIN_VOTE_SHARE));
    for (const [i, cl] of clusters.entries()) {
      if (i >= MAX_SEED_PLACES || (i > 0 && cl.votes < minVotes)) break;
      const half = Math.ceil((cl.to - cl.from) / 2);
      places.push({ diagonal: cl.from + half + quote.prefix.length, band: half + SEED_BAND });
    }
    this.searchAligned([...places, ...this.hintPlaces(places)]);
  }

  /**
   * The hints as places to align at, unless one of `places` is already near: a quote edited along with its
   * context leaves few seeds, but may not have moved.
   */
  private hintPlaces(places: readonly Place[]): Place[] {
    const out: Place[] = [];
    for (const c of this.centers) {
      if (places.some((p) => Math.abs(p.diagonal - c) <= NEAR_RADIUS)) continue;
      if (this.alignedAt.has(c)) continue;
      this.alignedAt.add(c);
      out.push({ diagonal: c, band: HINT_BAND });
    }
    return out;
  }

  /** Aligns prefix + quote + suffix at `places` (best first), the quote's ends read off each alignment. */
  private searchAligned(places: readonly Place[]): void {
    const { quote, len, text } = this;
    const qs = quote.prefix.length;
    const maxQuoteErrors = Math.floor(len * MAX_ALIGNED_QUOTE_ERRORS);
    for (const [i, { diagonal, band }] of places.entries()) {
      // Places come best first: once one near the hint is good enough, no other could be chosen over it. (Not
      // before the best place is aligned: an edited passage there can beat an unchanged look-alike nearby.)
      if (i > 0 && this.settled()) break;
      const a = alignPassage(text, this.pattern, qs, qs + len, diagonal - qs, band);
      if (!a || a.end <= a.start || a.quoteErrors > maxQuoteErrors) continue;
      const key = `${a.start}:${a.end}`;
      if (this.fuzzySeen.has(key)) continue;
      this.fuzzySeen.add(key);
      const unchanged = a.quoteErrors === 0 && a.end - a.start === len && text.startsWith(quote.exact, a.start);
      const quoteSimilarity = unchanged ? 1 : 1 - a.quoteErrors / len;
      if (!this.worthScoring(quoteSimilarity, a.start)) continue;
      this.consider({ ...this.score(a.start, a.end, quoteSimilarity, unchanged), aligned: true });
    }
  }

  private seedIndex(): SeedIndex {
    const given = this.options.seedIndex;
    if (given && given.indexes(this.text)) return given;
    return (this.ownIndex ??= new SeedIndex(this.text));
  }

  private decide(): AnchorResult {
    let best = this.best;
    if (!best) return orphaned(0);
    if (!this.attachable(best)) {
      const bracketed = this.bracketed();
      if (!bracketed) return orphaned(best.score);
      best = bracketed;
    }
    if (!this.nearHint(best)) {
      // Far from the hint, another place that fits about as well makes the choice a guess (a recurring page
      // header, a sentence repeated in the document): orphan rather than attach to the wrong one — unless
      // one of them is many times nearer the hint than every other.
      const top = best.score;
      const contenders = this.candidates.filter((c) => c.score >= top - AMBIGUITY_MARGIN && this.attachable(c));
      contenders.sort((x, y) => this.distance(x.start) - this.distance(y.start));
      const nearest = contenders[0]!;
      const disjoint = (c: Candidate): boolean => c.end <= nearest.start || c.start >= nearest.end;
      const rivals = this.candidates.filter((c) => disjoint(c) && c.score >= top - AMBIGUITY_MARGIN);
      if (rivals.some((c) => this.distance(c.start) < NEARER_FACTOR * Math.max(AMBIGUITY_RADIUS, this.distance(nearest.start)))) {
        return orphaned(top);
      }
      best = nearest;
    }
    if (best.unchanged) return { status: 'moved', start: best.start, end: best.end, score: best.score };
    const refined = best.aligned ? best : this.refineBoundaries(best);
    const status = this.text.slice(refined.start, refined.end) === this.quote.exact ? 'moved' : 'fuzzy';
    return { status, start: refined.start, end: refined.end, score: refined.score };
  }

  private distance(start: number): number {
    let d = Infinity;
    for (const c of this.centers) d = Math.min(d, Math.abs(start - c));
    return d;
  }

  private nearHint(c: Candidate): boolean {
    return this.distance(c.start) <= AMBIGUITY_RADIUS;
  }

  /** An unchanged occurrence in agreeing context: no need to look for edited ones. */
  private confident(c: Candidate): boolean {
    return c.unchanged && c.score >= this.minScore && contextAgreement(c.parts) >= CONFIDENT_CONTEXT;
  }

  private around(radius: number, centers: readonly number[]): Interval[] {
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

  private consider(c: Candidate): void {
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

  list(limit: number): AnchorResult[] {
    const { text, len } = this;
    if (len - text.length > this.maxErrors) return [];
    const window = this.around(WINDOW_RADIUS, this.centers);
    const whole: Interval[] = [[0, text.length]];
    this.searchExact(whole);
    this.searchFuzzy(window, true);
    const areas = this.wholeFuzzyAffordable() ? whole : this.around(WIDE_RADIUS, [this.hint]);
    // Each search reports only the best matches of each chunk: blank those out and search again for the next.
    let haystack = text;
    for (let round = 0; round < LIST_ROUNDS; round++) {
      const found: Candidate[] = [];
      const matched: Interval[] = [];
      for (const area of areas) matched.push(...this.searchQuote(area, found, haystack));
      for (const c of found) this.consider(c);
      if (matched.length === 0) break;
      haystack = blank(haystack, matched);
    }
    const chosen: AnchorResult[] = [];
    const ranked = [...this.candidates];
    ranked.sort((x, y) => y.score - x.score || this.distance(x.start) - this.distance(y.start));
    for (const c of ranked) {
      if (chosen.length >= limit) break;
      const r = c.unchanged ? c : this.refineBoundaries(c);
      if (chosen.some((o) => r.start < o.end && o.start < r.end)) continue;
      const unchanged = text.slice(r.start, r.end) === this.quote.exact;
      const status = unchanged ? (r.start === this.hint ? 'exact' : 'moved') : 'fuzzy';
      chosen.push({ status, start: r.start, end: r.end, score: status === 'exact' ? 1 : r.score });
    }
    return chosen;
  }

  private wholeFuzzyAffordable(): boolean {
    const cost = this.text.length * (Math.ceil(this.maxErrors / 32) + 1);
    return cost <= (this.options.maxSearchCost ?? DEFAULT_MAX_SEARCH_COST);
  }

  private searchExact(areas: Interval[]): void {
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
    starts.sort((x, y) => this.distance(x) - this.distance(y));
    for (const s of starts.slice(0, MAX_EXACT_CANDIDATES)) this.consider(this.score(s, s + len, 1, true));
  }

  /** Approximate matches in `areas`; with the quote's context too when `withContext` (in the windows near the hint). */
  private searchFuzzy(areas: Interval[], withContext = false): void {
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
  private searchQuote([lo, hi]: Interval, found: Candidate[], haystack = this.text): Interval[] {
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

  /**
   * approx-string-match reports the longest span with the fewest edits, which can take in a character of the
   * context or leave out an edited first or last character. Move each end, by up to a few characters, to
   * where the remembered prefix (suffix) agrees best with the text before (after) it; keep the result if its
   * score is at least as good.
   */
  private refineBoundaries(c: Candidate): Candidate {
    const { text, quote, len } = this;
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
      proximity: proximity(this.distance(start.at)),
    };
    const refined: Candidate = { start: start.at, end: end.at, parts, score: combinedScore(parts), unchanged: false };
    return refined.score >= c.score ? refined : c;
  }
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

/** `text` with the spans of `found` replaced by NUL characters (same length), so that they match nothing. */
function blank(text: string, found: readonly Interval[]): string {
  const spans = [...found].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(at, start);
    parts.push(text.slice(at, from), '\0'.repeat(end - from));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function orphaned(score: number): AnchorResult {
  return { status: 'orphaned', start: -1, end: -1, score };
}

/** The parts of `area` not inside any of `covered`. */
function uncovered(area: Interval, covered: readonly Interval[]): Interval[] {
  let parts: Interval[] = [area];
  for (const [clo, chi] of covered) {
    const next: Interval[] = [];
    for (const [lo, hi] of parts) {
      if (chi <= lo || clo >= hi) next.push([lo, hi]);
      else {
        if (lo < clo) next.push([lo, clo]);
        if (chi < hi) next.push([chi, hi]);
      }
    }
    parts = next;
  }
  return parts;
}

function clampOffset(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return 0;
  return Math.max(0, Math.min(Math.trunc(offset), length));
}
