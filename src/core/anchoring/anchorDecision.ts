import { contextAgreement, type ScoreParts } from './scoring';

/**
 * Which candidate span an annotation is attached to, if any: the rules that keep a note off look-alikes
 * (a recurring page header, a repeated sentence, the next entry of a citation list) while following its
 * passage when it is edited or moved. Chosen on the measurements of test/unit/anchoringMeasure.test.ts
 * (issue 3: deleted passages attached ≤ 3%) and of bench figure 3 (issue 4: moved paragraphs).
 */

/** A span of the new text where the quote may now be, scored (see scoring.ts). */
export interface Candidate {
  start: number;
  end: number;
  parts: ScoreParts;
  score: number;
  unchanged: boolean;
  /** Ends read off an alignment with the context: not to be moved again. */
  aligned?: boolean;
}

/** What the rules need to know of the search. */
export interface DecisionContext {
  /** Length of the remembered quote. */
  readonly len: number;
  readonly minScore: number;
  /** Distance of an offset from the nearest position hint. */
  distance(start: number): number;
  /** Whether the quote occurs, unchanged, once in the whole text. */
  quoteIsUnique(): boolean;
}

/** An unchanged occurrence whose context agrees this much (`contextAgreement`) is taken at once. */
export const CONFIDENT_CONTEXT = 0.9;
/**
 * A candidate farther than this from the hint is not attached when another, disjoint candidate scores within
 * AMBIGUITY_MARGIN of it.
 */
export const AMBIGUITY_RADIUS = 512;
export const AMBIGUITY_MARGIN = 0.05;
/** Of two places that fit about as well, one this many times nearer the hint than every other is taken. */
const NEARER_FACTOR = 8;
/** See `attachable`. */
const FAR_MIN_LENGTH = 40;
export const FAR_SCORE_ALLOWANCE = 0.06;
/** See `vouchedFor`. */
const BRACKETED_MIN_QUOTE = 0.5;
const BRACKETED_MIN_CONTEXT = 0.8;
const CLOSE_DISTANCE = 128;
const CLOSE_MIN_QUOTE = 0.55;
const CLOSE_MIN_CONTEXT = 0.75;

export function nearHint(ctx: DecisionContext, c: Candidate): boolean {
  return ctx.distance(c.start) <= AMBIGUITY_RADIUS;
}

/** An unchanged occurrence in agreeing context: no need to look for edited ones. */
export function confident(ctx: DecisionContext, c: Candidate): boolean {
  return c.unchanged && c.score >= ctx.minScore && contextAgreement(c.parts) >= CONFIDENT_CONTEXT;
}

/**
 * Whether a candidate may be attached on its score: at least minScore, or, for a quote long enough not to
 * recur by chance, FAR_SCORE_ALLOWANCE below it far from the hint (a passage moved with its paragraph and
 * edited there has its text and context to go by, but not its position).
 */
export function attachable(ctx: DecisionContext, c: Candidate): boolean {
  if (c.score >= ctx.minScore) return true;
  return ctx.len >= FAR_MIN_LENGTH && !nearHint(ctx, c) && c.score >= ctx.minScore - FAR_SCORE_ALLOWANCE;
}

/**
 * The best candidate near the hint that its surroundings vouch for, however much its quote was edited:
 * - between a prefix and a suffix that are both still there, with at least half its quote (the text between
 *   what came before and after a quote is the quote; a deleted passage leaves no such place: where its context
 *   survives on both sides, nothing lies between them);
 * - or, for a quote long enough not to resemble other text by chance, within CLOSE_DISTANCE of where the hints
 *   put it, with more than half its quote and its context mostly agreeing;
 * - or, for such a quote, unchanged and nowhere else in the text (a table row whose neighbours were both
 *   deleted: its context is gone, but its own numbers make it the only one of its kind).
 */
function vouchedFor(ctx: DecisionContext, candidates: readonly Candidate[]): Candidate | undefined {
  let found: Candidate | undefined;
  for (const c of candidates) {
    const { quote, prefix, suffix } = c.parts;
    if (!nearHint(ctx, c)) continue;
    const between = quote >= BRACKETED_MIN_QUOTE && Math.min(prefix, suffix) >= BRACKETED_MIN_CONTEXT;
    const close =
      ctx.len >= FAR_MIN_LENGTH &&
      ctx.distance(c.start) <= CLOSE_DISTANCE &&
      quote >= CLOSE_MIN_QUOTE &&
      contextAgreement(c.parts) >= CLOSE_MIN_CONTEXT;
    const unique = c.unchanged && ctx.len >= FAR_MIN_LENGTH && ctx.quoteIsUnique();
    if (!between && !close && !unique) continue;
    if (!found || c.score > found.score) found = c;
  }
  return found;
}

/**
 * The candidate to attach to, or undefined to orphan the annotation. The best-scoring candidate if it is
 * attachable, else one its surroundings vouch for (`vouchedFor`). Far from the hint, another place that fits
 * about as well makes the choice a guess: orphan rather than attach to the wrong one — unless one of them is
 * many times nearer the hint than every other.
 */
export function chooseCandidate(
  ctx: DecisionContext,
  best: Candidate | undefined,
  candidates: readonly Candidate[],
): Candidate | undefined {
  if (!best) return undefined;
  const chosen = attachable(ctx, best) ? best : vouchedFor(ctx, candidates);
  if (!chosen || nearHint(ctx, chosen)) return chosen;
  const top = chosen.score;
  const contenders = candidates.filter((c) => c.score >= top - AMBIGUITY_MARGIN && attachable(ctx, c));
  contenders.sort((x, y) => ctx.distance(x.start) - ctx.distance(y.start));
  const nearest = contenders[0] ?? chosen;
  const reach = NEARER_FACTOR * Math.max(AMBIGUITY_RADIUS, ctx.distance(nearest.start));
  const rival = candidates.some(
    (c) =>
      (c.end <= nearest.start || c.start >= nearest.end) &&
      c.score >= top - AMBIGUITY_MARGIN &&
      ctx.distance(c.start) < reach,
  );
  return rival ? undefined : nearest;
}
