import type { SeedIndex } from './seedIndex';

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
  /**
   * The approximate search (the fallback around the hint, and `anchorCandidates`) allows up to this fraction of
   * the quote's length in edits. Default DEFAULT_MAX_ERROR_RATIO. (Alignments where the seed index points allow
   * more: see MAX_ALIGNED_QUOTE_ERRORS in anchorSearch.ts.)
   */
  maxErrorRatio?: number;
  /**
   * More offsets where the quote is expected to start, besides `selectors.position.start`: searched first,
   * and distances are measured from the nearest of them. `reanchorAll` passes the hint shifted by the
   * displacements of the annotations before (see DisplacementHints), so that after a large insertion most
   * quotes are found at once.
   */
  hints?: readonly number[];
  /**
   * Budget of one approximate search over the whole document (`anchorCandidates` only; `reanchor` never
   * searches the whole document), in characters × 32-character pattern blocks; a quote that would exceed it
   * (a very long quote in a very long document) is searched for only within ±32 KB of its hint. Default
   * DEFAULT_MAX_SEARCH_COST (a 5,000-character quote in a 1 MB document).
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

export function orphaned(score: number): AnchorResult {
  return { status: 'orphaned', start: -1, end: -1, score };
}

export function clampOffset(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return 0;
  return Math.max(0, Math.min(Math.trunc(offset), length));
}
