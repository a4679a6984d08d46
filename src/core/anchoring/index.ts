/** Anchoring of annotations: selectors, re-anchoring in a changed text, and tracking ranges through edits. */
export {
  CONTEXT_LENGTH,
  createSelectors,
  type PositionSelector,
  type QuoteSelector,
  type Selectors,
} from './selectors';
export {
  DEFAULT_MAX_ERROR_RATIO,
  DEFAULT_MAX_SEARCH_COST,
  DEFAULT_MIN_SCORE,
  anchorCandidates,
  reanchor,
  reanchorAll,
  type AnchorResult,
  type AnchorStatus,
  type ReanchorOptions,
} from './reanchor';
export { PROXIMITY_HALF_DISTANCE, SCORE_WEIGHTS } from './scoring';
export { applyEdits, trimEdit, type TextEdit } from './textEdit';
export { mapRange, type OffsetRange } from './mapRange';
