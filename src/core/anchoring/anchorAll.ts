import type { AnchorResult, ReanchorOptions } from './anchorResult';
import { orphaned } from './anchorResult';
import { anchorOne, type Anchored, type SearchOptions } from './anchorOne';
import type { Interval } from './intervals';
import { SeedIndex } from './seedIndex';
import { CONFIDENT_CONTEXT } from './anchorDecision';
import { lineAgrees, lineContextTells } from './lineContext';
import { contextAgreement, prefixSimilarity, suffixSimilarity } from './scoring';
import type { Selectors } from './selectors';

/**
 * Re-anchors many annotations of one text (results in the order given), with one seed index for all of them.
 * Annotations are visited in the order of their hints, and each one's hint is also tried shifted by how far
 * the ones before it moved: an insertion or deletion moves everything after it alike, so after a large change
 * most quotes are found at once. Only moves found in agreeing context count: a look-alike taken by mistake
 * must not send the annotations after it astray. Those not found in agreeing context are then searched again
 * with the shifts of the nearest confident annotations before and after them (`searchBetweenNeighbours`).
 *
 * Then one span, one annotation (`resolveClaims`): two annotations whose passages were apart but are now
 * attached to the same span are look-alikes of each other (a deleted section's boilerplate sentence attached
 * to its neighbour's copy, a deleted bullet to the next bullet). The one that fits better keeps the span; the
 * other is searched again without it, and orphaned if nothing else fits.
 */
export function reanchorAll(
  text: string,
  selectorsList: readonly Selectors[],
  options: ReanchorOptions = {},
): AnchorResult[] {
  const hintOf = (i: number): number => selectorsList[i]!.position.start;
  const order = selectorsList.map((_, i) => i).sort((a, b) => hintOf(a) - hintOf(b));
  const found: Anchored[] = new Array<Anchored>(selectorsList.length);
  const hintsUsed: number[][] = new Array<number[]>(selectorsList.length);
  const seedIndex = options.seedIndex ?? new SeedIndex(text);
  const shifts = new DisplacementHints();
  for (const i of order) {
    const selectors = selectorsList[i]!;
    const hints = [...(options.hints ?? []), ...shifts.hintsFor(selectors)];
    hintsUsed[i] = hints;
    const anchored = anchorOne(text, selectors, { ...options, hints, seedIndex });
    found[i] = anchored;
    shifts.record(selectors, anchored.result, anchored.confident);
  }
  searchBetweenNeighbours(text, selectorsList, order, found, hintsUsed, { ...options, seedIndex });
  const results = found.map((a) => a.result);
  // Where the shifts of other annotations put an annotation, when they put it anywhere: its old position is
  // then where the text has moved away from (after many deleted sections, a later section's copy of a
  // sentence comes to the old position of a deleted one's).
  const distance = (i: number, at: number): number => {
    const hints = hintsUsed[i]!.length > 0 ? hintsUsed[i]! : [selectorsList[i]!.position.start];
    return Math.min(...hints.map((h) => Math.abs(at - h)));
  };
  resolveClaims(text, selectorsList, results, distance, (i, excluded) =>
    anchorOne(text, selectorsList[i]!, { ...options, hints: hintsUsed[i], seedIndex, excluded }).result,
  );
  return results;
}

/**
 * Annotations not found in agreeing context, searched again with the shifts of the nearest confident
 * annotations before and after them (in the order of their hints) as hints: after a run of deleted blocks the
 * median of the recent shifts lags behind what the last confident one shows, and when the block after an
 * annotation is deleted too, its context breaks on that side and it is found nowhere near the lagging hint.
 * `found` and `hintsUsed` are updated in place.
 */
function searchBetweenNeighbours(
  text: string,
  selectorsList: readonly Selectors[],
  order: readonly number[],
  found: Anchored[],
  hintsUsed: number[][],
  options: SearchOptions,
): void {
  const shiftOf = (i: number): number | undefined =>
    found[i]!.confident && found[i]!.result.status !== 'orphaned'
      ? found[i]!.result.start - selectorsList[i]!.position.start
      : undefined;
  const before: Array<number | undefined> = [];
  let last: number | undefined;
  for (const i of order) {
    before[i] = last;
    last = shiftOf(i) ?? last;
  }
  let next: number | undefined;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    const own = shiftOf(i);
    if (own === undefined) {
      const { position, quote } = selectorsList[i]!;
      const start = position.start;
      // The next one's shift can put a deleted block's copy of a sentence at the survivor before it: only
      // the context on the quote's own line tells them apart then (see `preference`).
      const neighbours = lineContextTells(quote) ? [before[i], next] : [before[i]];
      const extra = neighbours.filter((d): d is number => d !== undefined && d !== 0).map((d) => start + d);
      const hints = [...hintsUsed[i]!, ...extra.filter((h) => !hintsUsed[i]!.includes(h))];
      if (hints.length > hintsUsed[i]!.length) {
        hintsUsed[i] = hints;
        found[i] = anchorOne(text, selectorsList[i]!, { ...options, hints });
      }
    }
    next = own ?? next;
  }
}

/** Rounds of searching again for the annotations that lost a span; those still in conflict after them are orphaned. */
const CLAIM_ROUNDS = 4;

/**
 * Settles spans claimed by two annotations whose passages did not overlap when they were made (annotations
 * that overlapped then may overlap now), as `preference` says; on a tie to neither. Each loser is anchored
 * again by `again`, without the spans it lost; `results` is updated in place.
 */
export function resolveClaims(
  text: string,
  selectorsList: readonly Selectors[],
  results: AnchorResult[],
  distance: (i: number, at: number) => number,
  again: (i: number, excluded: readonly Interval[]) => AnchorResult,
): void {
  const excluded = new Map<number, Interval[]>();
  for (let round = 0; ; round++) {
    const losers = conflictLosers(text, selectorsList, results, distance);
    if (losers.size === 0) return;
    for (const [i, spans] of losers) {
      const mine = excluded.get(i) ?? [];
      mine.push(...spans);
      excluded.set(i, mine);
      results[i] = round < CLAIM_ROUNDS ? again(i, mine) : orphaned(results[i]!.score);
    }
  }
}

/** Annotations that lose a span to another annotation (see resolveClaims), with the spans they lose. */
function conflictLosers(
  text: string,
  selectorsList: readonly Selectors[],
  results: readonly AnchorResult[],
  distance: (i: number, at: number) => number,
): Map<number, Interval[]> {
  const own = (i: number): boolean => text.slice(results[i]!.start, results[i]!.end) === selectorsList[i]!.quote.exact;
  const attached = results.map((_, i) => i).filter((i) => results[i]!.status !== 'orphaned');
  attached.sort((a, b) => results[a]!.start - results[b]!.start);
  const losers = new Map<number, Interval[]>();
  const lose = (i: number, winner: AnchorResult): void => {
    const spans = losers.get(i) ?? [];
    spans.push([winner.start, winner.end]);
    losers.set(i, spans);
  };
  for (let x = 0; x < attached.length; x++) {
    const a = attached[x]!;
    const ra = results[a]!;
    for (let y = x + 1; y < attached.length; y++) {
      const b = attached[y]!;
      const rb = results[b]!;
      if (rb.start >= ra.end) break;
      if (!clash(ra, rb) || overlapped(selectorsList[a]!, selectorsList[b]!)) continue;
      const order = preference(claim(text, selectorsList[a]!, ra, own(a), distance(a, ra.start)), claim(text, selectorsList[b]!, rb, own(b), distance(b, rb.start)));
      if (order >= 0) lose(b, ra);
      if (order <= 0) lose(a, rb);
    }
  }
  return losers;
}

/** Of two look-alikes one of them in a wrong place, the one nearer its hint is where its own annotation was. */
const NEARER_BY = 16;

/** What decides between two annotations claiming one span (see `preference`). */
type Claim = readonly [own: boolean, line: boolean, agrees: boolean, distance: number, score: number];

function claim(text: string, selectors: Selectors, r: AnchorResult, own: boolean, distance: number): Claim {
  const { quote } = selectors;
  const parts = { quote: 1, prefix: prefixSimilarity(text, r.start, quote), suffix: suffixSimilarity(text, r.end, quote), proximity: 1 };
  return [own, lineAgrees(text, quote, r.start, r.end), contextAgreement(parts) >= CONFIDENT_CONTEXT, distance, r.score];
}

/**
 * > 0 when annotation a should keep the span, < 0 when b should, 0 when neither: the one whose quote the span
 * is, unchanged; then the one whose context on the quote's own line is there unchanged (when a block is
 * deleted, the survivor before it keeps its line and loses only what followed; the deleted block's copy of a
 * sentence, seen at the survivor's place, has the survivor's line around it); then the one whose context agrees
 * on both sides (a look-alike far away may be nearer its own hint than the passage to a lagging one); then the
 * one clearly nearer its
 * hint (their text and context are alike by definition, and a deleted neighbour spoils one side of the context
 * of the one that stayed); then the higher score.
 */
function preference([ownA, lineA, agreesA, da, sa]: Claim, [ownB, lineB, agreesB, db, sb]: Claim): number {
  if (ownA !== ownB) return ownA ? 1 : -1;
  if (lineA !== lineB) return lineA ? 1 : -1;
  if (agreesA !== agreesB) return agreesA ? 1 : -1;
  if (Math.abs(da - db) > NEARER_BY) return da < db ? 1 : -1;
  return Math.sign(sa - sb);
}

/** Spans that overlap by at least half the shorter one (fuzzy ends of neighbouring passages may touch). */
function clash(a: AnchorResult, b: AnchorResult): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return overlap > 0 && 2 * overlap >= shorter;
}

/** Whether two annotations' passages overlapped (or touched, if empty) where they were made. */
function overlapped(a: Selectors, b: Selectors): boolean {
  const pa = a.position;
  const pb = b.position;
  return pa.start < pb.end && pb.start < pa.end ? true : pa.start === pb.start;
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

  /** Records how far an annotation moved, when it was found in agreeing context (`confident`). */
  record(selectors: Selectors, result: AnchorResult, confident = true): void {
    if (result.status === 'orphaned' || !confident) return;
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
