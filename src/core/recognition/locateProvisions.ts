import type { Plan, Provision } from '../data/model';
import type { HeadingCandidate } from './candidates';
import { headingTokens, numberValue } from './headingText';

/** Where a provision's heading was found. */
export interface HeadingMatch {
  readonly provision: Provision;
  readonly candidate: HeadingCandidate;
  /** Heading similarity 0..1 (best of the heading and its variants). */
  readonly similarity: number;
  readonly score: number;
  /** Accepted for its place in a run of sibling headings only, without heading words in common. */
  readonly bySequence: boolean;
}

type Score = { similarity: number; score: number; bySequence: boolean };

const STYLE_BONUS: Record<HeadingCandidate['style'], number> = { markdown: 0.15, pillar: 0.15, numbered: 0.1, bullet: 0, plain: 0 };
/** Sibling headings matched by their words before a heading of the same form is accepted by its number alone. */
const MIN_ANCHORED_SIBLINGS = 2;

/** A multiset of tokens: each token and how often it occurs. */
type Counts = ReadonlyMap<string, number>;

function countsOf(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

interface Form {
  readonly counts: Counts;
  readonly size: number;
}

/** Pre-tokenised headings of a provision and its number, computed once per provision. */
const provisionCache = new WeakMap<Provision, { forms: readonly Form[]; number: number }>();
function provisionInfo(p: Provision): { forms: readonly Form[]; number: number } {
  let info = provisionCache.get(p);
  if (!info) {
    const forms = [p.heading, ...p.headingVariants]
      .map(headingTokens)
      .filter((t) => t.length > 0)
      .map((t) => ({ counts: countsOf(t), size: t.length }));
    info = { forms, number: p.number === null ? NaN : numberValue(p.number) };
    provisionCache.set(p, info);
  }
  return info;
}

const candidateCounts = new WeakMap<HeadingCandidate, Counts>();
function countsOfCandidate(c: HeadingCandidate): Counts {
  let counts = candidateCounts.get(c);
  if (!counts) {
    counts = countsOf(c.tokens);
    candidateCounts.set(c, counts);
  }
  return counts;
}

/** Best Dice coefficient of the candidate's tokens against the provision's heading forms (tokenSimilarity, precounted). */
function similarityTo(forms: readonly Form[], c: HeadingCandidate): number {
  if (c.tokens.length === 0) return 0;
  const counts = countsOfCandidate(c);
  let best = 0;
  for (const form of forms) {
    let common = 0;
    for (const [t, n] of counts) {
      const m = form.counts.get(t);
      if (m !== undefined) common += Math.min(m, n);
    }
    best = Math.max(best, (2 * common) / (form.size + c.tokens.length));
  }
  return best;
}

/**
 * How well a candidate line fits a provision, or undefined when it cannot be its heading.
 * Number, heading wording and style decide together: a matching number lets a differently worded
 * translation through; a conflicting number needs a near-identical heading. With `siblingForms`, a
 * candidate whose number is the provision's and that continues a run of headings in one of those forms
 * is accepted whatever its words (a text in another language, a heading the pack does not know).
 */
export function scoreCandidate(p: Provision, c: HeadingCandidate, siblingForms?: ReadonlySet<string>): Score | undefined {
  const info = provisionInfo(p);
  const similarity = similarityTo(info.forms, c);
  const wanted = info.number;
  const numbered = !Number.isNaN(c.number);
  const numberMatch = numbered && c.number === wanted;
  const numberConflict = numbered && !Number.isNaN(wanted) && c.number !== wanted;
  const structured = c.style !== 'plain' && c.style !== 'bullet';
  let ok: boolean;
  if (numberConflict) ok = similarity >= 0.9;
  else if (numberMatch) ok = similarity >= 0.2 || (structured && c.tokens.length > 0 && similarity >= 0.1);
  else if (structured) ok = similarity >= 0.6;
  else ok = similarity >= 0.8;
  const bySequence = !ok && numberMatch && c.sequenced && siblingForms !== undefined && siblingForms.has(c.form);
  if (!ok && !bySequence) return undefined;
  const score = similarity + (numberMatch ? 0.6 : 0) + STYLE_BONUS[c.style] - (numberConflict ? 0.3 : 0);
  return { similarity, score, bySequence };
}

/**
 * Aligns the plan's provisions, in order, to heading candidates, in order: the best-scoring monotone
 * assignment (a provision may be missing; two provisions never share a line). O(provisions × candidates).
 * Then once more, when headings of one numbered form were matched by their words at least twice, with
 * that form's other headings in sequence accepted by their number alone.
 */
export function locateHeadings(plan: Plan, candidates: readonly HeadingCandidate[]): HeadingMatch[] {
  const first = align(plan, candidates);
  const anchored = new Map<string, number>();
  for (const m of first) if (m.candidate.sequenced) anchored.set(m.candidate.form, (anchored.get(m.candidate.form) ?? 0) + 1);
  const siblingForms = new Set([...anchored].filter(([, n]) => n >= MIN_ANCHORED_SIBLINGS).map(([f]) => f));
  if (siblingForms.size === 0 || !candidates.some((c) => c.sequenced && siblingForms.has(c.form))) return first;
  return align(plan, candidates, siblingForms);
}

function align(plan: Plan, candidates: readonly HeadingCandidate[], siblingForms?: ReadonlySet<string>): HeadingMatch[] {
  const P = plan.provisions.length;
  const C = candidates.length;
  // before[j]: the number of candidates that end before candidate j-1 starts (two-line headings span two lines).
  const before = new Int32Array(C + 1);
  for (let j = 1; j <= C; j++) {
    let k = j - 1;
    while (k > 0 && candidates[k - 1]!.endLine >= candidates[j - 1]!.line) k--;
    before[j] = k;
  }
  // totals[i][j]: best total for the first i provisions using the first j candidates.
  const totals: Float64Array[] = [new Float64Array(C + 1)];
  // The acceptable (provision, candidate) pairs only: most pairs are not.
  const scores: Map<number, Score>[] = [];
  for (let i = 1; i <= P; i++) {
    const p = plan.provisions[i - 1]!;
    const row = new Float64Array(C + 1);
    const rowScores = new Map<number, Score>();
    const up = totals[i - 1]!;
    for (let j = 1; j <= C; j++) {
      const s = scoreCandidate(p, candidates[j - 1]!, siblingForms);
      if (s) rowScores.set(j, s);
      row[j] = Math.max(row[j - 1]!, up[j]!, s ? up[before[j]!]! + s.score : -Infinity);
    }
    totals.push(row);
    scores.push(rowScores);
  }
  const matches: HeadingMatch[] = [];
  let i = P;
  let j = C;
  while (i > 0 && j > 0) {
    const here = totals[i]![j]!;
    if (here === totals[i]![j - 1]) j--;
    else if (here === totals[i - 1]![j]) i--;
    else {
      const s = scores[i - 1]!.get(j)!;
      matches.push({ provision: plan.provisions[i - 1]!, candidate: candidates[j - 1]!, ...s });
      i--;
      j = before[j]!;
    }
  }
  return matches.reverse();
}
