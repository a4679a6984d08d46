import { approximateMatches, exactOccurrences } from './approxSearch';
import { snapEnd, snapStart } from './boundaries';
import { levenshtein } from './editDistance';
import {
  combinedScore,
  contextAgreement,
  prefixSimilarity,
  proximity,
  suffixSimilarity,
  type ScoreParts,
} from './scoring';
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

/**
 * A candidate near the hint scoring this much ends the search at once; one scoring at least minScore, once
 * the windows around the hint have been searched.
 */
const EARLY_ACCEPT_SCORE = 0.88;
/** An unchanged occurrence whose context agrees this much (`contextAgreement`) is taken at once. */
const CONFIDENT_CONTEXT = 0.9;
/**
 * A candidate farther than this from the hint is not attached when another, disjoint candidate scores within
 * AMBIGUITY_MARGIN of it.
 */
const AMBIGUITY_RADIUS = 512;
const AMBIGUITY_MARGIN = 0.05;
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
}

type Interval = [number, number];

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
  let shift = 0;
  for (const i of order) {
    const selectors = selectorsList[i]!;
    const hints = shift !== 0 ? [...(options.hints ?? []), selectors.position.start + shift] : options.hints;
    const result = reanchor(text, selectors, { ...options, hints });
    results[i] = result;
    if (result.status !== 'orphaned') shift = result.start - selectors.position.start;
  }
  return results;
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

  constructor(
    private readonly text: string,
    selectors: Selectors,
    private readonly hint: number,
    private readonly options: ReanchorOptions,
    /** List candidates (`list`) rather than choose one: score every match, however weak. */
    private readonly exhaustive = false,
  ) {
    this.quote = selectors.quote;
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
    const whole: Interval[] = [[0, text.length]];
    const wholeFuzzyAffordable = this.wholeFuzzyAffordable();
    const tight = this.around(SETTLE_DISTANCE, this.centers);
    const near = this.around(NEAR_RADIUS, this.centers);
    const window = this.around(WINDOW_RADIUS, this.centers);
    const wide = this.around(WIDE_RADIUS, [this.hint]);
    // Each stage searches only what earlier ones have not. `settles`: after it, a candidate near the hint that
    // scores at least minScore is final (anything better would be far away and have to beat it on the quote
    // and context alone); before, only a convincing one is.
    const stages: Array<{ areas: Interval[]; run: () => void; settles: boolean }> = [
      { areas: window, run: () => this.searchExact(window), settles: false },
      // With an unchanged occurrence in agreeing context near the hint, only an edited passage right at the
      // hint could beat it: search just there.
      {
        areas: near,
        run: () => this.searchFuzzy(this.best && this.confident(this.best) ? tight : near, true),
        settles: false,
      },
      { areas: whole, run: () => this.searchExact(whole), settles: false },
      { areas: window, run: () => this.searchFuzzy(window, true), settles: true },
      { areas: wide, run: () => this.searchFuzzy(wide), settles: true },
      { areas: whole, run: () => (wholeFuzzyAffordable ? this.searchFuzzy(whole) : undefined), settles: true },
    ];
    for (const [i, stage] of stages.entries()) {
      stage.run();
      const best = this.best;
      if (!best) continue;
      // An edited match can reach a little beyond the windows searched, where a better neighbour may lie:
      // only one inside them can end the search.
      const searched = best.unchanged || stage.areas.some(([lo, hi]) => best.start >= lo && best.end <= hi);
      if (i === 0 && this.confident(best) && this.distance(best.start) <= SETTLE_DISTANCE) break;
      if (i >= 1 && searched && this.nearHint(best)) {
        if (this.confident(best) || best.score >= EARLY_ACCEPT_SCORE) break;
        if (stage.settles && best.score >= this.minScore) break;
      }
      // Far from the hint, an unchanged occurrence is only taken once every other unchanged one has been seen.
      if (i >= 2 && this.confident(best)) break;
    }
    return this.decide();
  }

  private decide(): AnchorResult {
    const best = this.best;
    if (!best || best.score < this.minScore) return orphaned(best ? best.score : 0);
    if (!this.nearHint(best)) {
      // Far from the hint, another place that fits about as well makes the choice a guess (a recurring page
      // header, a sentence repeated in the document): orphan rather than attach to the wrong one.
      const rival = this.candidates.some(
        (c) => (c.end <= best.start || c.start >= best.end) && c.score >= best.score - AMBIGUITY_MARGIN,
      );
      if (rival) return orphaned(best.score);
    }
    if (best.unchanged) return { status: 'moved', start: best.start, end: best.end, score: best.score };
    const refined = this.refineBoundaries(best);
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
    return bound >= this.minScore - AMBIGUITY_MARGIN && (!this.best || bound >= this.best.score - AMBIGUITY_MARGIN);
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
