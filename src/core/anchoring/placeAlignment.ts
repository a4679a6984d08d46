import { alignPassage, type PassageAlignment } from './alignment';
import type { SeedCluster } from './seedIndex';

/**
 * From the seed index's clusters to the places where a passage is aligned, and the alignment at one place:
 * how wide a band each gets, which clusters are one place, and when a band was too narrow.
 */

/** Where the quote is expected to start (`diagonal`), give or take `band` characters. */
export interface Place {
  diagonal: number;
  band: number;
}

/** How far (characters) an alignment may stray from a hint's diagonal, and beyond the spread of a place's seeds. */
export const HINT_BAND = 32;
const SEED_BAND = 16;
/** Places the seed index points at that are aligned with the passage, the most-voted first. */
const MAX_SEED_PLACES = 8;
/** Places with fewer seeds than this, or than this share of the best place's, are not aligned. */
export const MIN_PLACE_VOTES = 2;
const MIN_VOTE_SHARE = 0.25;
/**
 * An alignment that may have been bent by its band (see `bent`) is done once more, around where it was found,
 * with four times the band (at most MAX_BAND), and kept if it has no more edits.
 */
const BAND_EDGE = 8;
const BENT_CONTEXT_ERRORS = 12;
const MAX_BAND = 256;
/**
 * An aligned quote with more edits than this share of its length is not a candidate. Above the approximate
 * search's maxErrorRatio: between a prefix and suffix that are still there, a rewritten quote is still found
 * (its low quote similarity then has to be made up by its context: see `vouchedFor` in anchorDecision.ts).
 */
const MAX_ALIGNED_QUOTE_ERRORS = 0.5;

/**
 * The places to align a passage at, best first, from its clusters (most votes first): the few most-voted
 * ones, each over the spread of its seeds. A long insertion or deletion inside the passage splits its seeds
 * into two clusters a little apart: aligned over both at once, the passage is found whole.
 */
export function seedPlaces(clusters: readonly SeedCluster[], prefixLength: number, patternLength: number): Place[] {
  // A place with a small share of the best place's seeds could not rival it.
  const minVotes = Math.ceil((clusters[0]?.votes ?? 0) * MIN_VOTE_SHARE);
  const spans: Array<{ from: number; to: number }> = [];
  const mergeGap = Math.min(patternLength, MAX_BAND);
  for (const [i, cl] of clusters.entries()) {
    if (i >= MAX_SEED_PLACES || cl.votes < minVotes) break;
    const near = spans.find((sp) => cl.from - sp.to <= mergeGap && sp.from - cl.to <= mergeGap);
    if (near) [near.from, near.to] = [Math.min(near.from, cl.from), Math.max(near.to, cl.to)];
    else spans.push({ from: cl.from, to: cl.to });
  }
  return spans.map(({ from, to }): Place => {
    const half = Math.ceil((to - from) / 2);
    return { diagonal: from + half + prefixLength, band: Math.min(MAX_BAND, half + SEED_BAND) };
  });
}

/**
 * The passage (`pattern`, its quote at [quoteStart, quoteEnd)) aligned at `place`; undefined if its quote is
 * too far gone there. A band too narrow (the passage lies farther off, or lost or gained more than the band
 * allows) bends the path: then it is aligned again around where it was found, with a wider band.
 */
export function alignAtPlace(
  text: string,
  pattern: string,
  quoteStart: number,
  quoteEnd: number,
  { diagonal, band }: Place,
): PassageAlignment | undefined {
  const len = quoteEnd - quoteStart;
  let a = alignPassage(text, pattern, quoteStart, quoteEnd, diagonal - quoteStart, band);
  if (a && band < MAX_BAND && bent(a, diagonal, band, len)) {
    const wider = alignPassage(text, pattern, quoteStart, quoteEnd, a.start - quoteStart, Math.min(MAX_BAND, band * 4));
    if (wider && wider.errors <= a.errors) a = wider;
  }
  if (!a || a.end <= a.start || a.quoteErrors > Math.floor(len * MAX_ALIGNED_QUOTE_ERRORS)) return undefined;
  return a;
}

/**
 * Whether an alignment may have been bent by its band: its path runs along the band's edge, or its quote
 * ends near it, or the context aligns badly (what a band too narrow for the characters lost or gained also
 * does: the suffix is then matched out of step).
 */
function bent(a: PassageAlignment, diagonal: number, band: number, len: number): boolean {
  // Not worth a second look where the quote is nowhere near (a hint it moved away from, a look-alike).
  if (a.quoteErrors > len * MAX_ALIGNED_QUOTE_ERRORS) return false;
  const slack = band - BAND_EDGE;
  if (a.atBandEdge || Math.abs(a.start - diagonal) > slack || Math.abs(a.end - diagonal - len) > slack) return true;
  // (Bad context around a quote that matches well: a look-alike's context is bad anyway.)
  return a.errors - a.quoteErrors > BENT_CONTEXT_ERRORS && a.quoteErrors * 5 <= len;
}
