import type { Candidate } from './anchorDecision';
import { DEFAULT_MAX_SEARCH_COST, type AnchorResult, type ReanchorOptions } from './anchorResult';
import { AnchorSearch, WINDOW_RADIUS } from './anchorSearch';
import { blank, type Interval } from './intervals';
import type { Selectors } from './selectors';

/** Rounds of blanking out and searching again for the next best matches. */
const LIST_ROUNDS = 3;
/** Where a whole-document search would cost too much, the area searched around the hint. */
const WIDE_RADIUS = 32768;

/**
 * The candidates for re-attaching an annotation by hand (`anchorCandidates`): the same searches as
 * `reanchor`, and an approximate search of the whole document (or, for a very long quote, of ±32 KB around
 * its hint), every match scored however weak, without `reanchor`'s rules for choosing one.
 */
export class CandidateList extends AnchorSearch {
  constructor(text: string, selectors: Selectors, hint: number, options: ReanchorOptions) {
    super(text, selectors, hint, options, true);
  }

  list(limit: number): AnchorResult[] {
    const { text, len } = this;
    if (len - text.length > this.maxErrors) return [];
    const window = this.around(WINDOW_RADIUS, this.centers);
    const whole: Interval[] = [[0, text.length]];
    this.searchExact(whole);
    this.searchFuzzy(window, true);
    // The passage aligned where its seeds are: a quote rewritten between its surviving context is proposed too.
    this.searchSeeded();
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
      const r = c.unchanged || c.aligned ? c : this.realign(c);
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
}
