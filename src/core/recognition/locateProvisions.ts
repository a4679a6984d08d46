import type { Plan, Provision } from '../data/model';
import type { HeadingCandidate } from './candidates';
import { headingTokens, numberValue, tokenSimilarity } from './headingText';

/** Where a provision's heading was found. */
export interface HeadingMatch {
  readonly provision: Provision;
  readonly candidate: HeadingCandidate;
  /** Heading similarity 0..1 (best of the heading and its variants). */
  readonly similarity: number;
  readonly score: number;
}

const STYLE_BONUS: Record<HeadingCandidate['style'], number> = { markdown: 0.15, pillar: 0.15, numbered: 0.1, bullet: 0, plain: 0 };

/** Pre-tokenised headings of a plan, computed once per plan. */
const headingCache = new WeakMap<Provision, string[][]>();
function headingForms(p: Provision): string[][] {
  let forms = headingCache.get(p);
  if (!forms) {
    forms = [p.heading, ...p.headingVariants].map(headingTokens).filter((t) => t.length > 0);
    headingCache.set(p, forms);
  }
  return forms;
}

/**
 * How well a candidate line fits a provision, or undefined when it cannot be its heading.
 * Number, heading wording and style decide together: a matching number lets a differently worded
 * translation through; a conflicting number needs a near-identical heading.
 */
export function scoreCandidate(p: Provision, c: HeadingCandidate): { similarity: number; score: number } | undefined {
  let similarity = 0;
  for (const form of headingForms(p)) similarity = Math.max(similarity, tokenSimilarity(form, c.tokens));
  const wanted = p.number === null ? NaN : numberValue(p.number);
  const numbered = !Number.isNaN(c.number);
  const numberMatch = numbered && c.number === wanted;
  const numberConflict = numbered && !Number.isNaN(wanted) && c.number !== wanted;
  const structured = c.style !== 'plain' && c.style !== 'bullet';
  let ok: boolean;
  if (numberConflict) ok = similarity >= 0.9;
  else if (numberMatch) ok = similarity >= 0.2 || (structured && c.tokens.length > 0 && similarity >= 0.1);
  else if (structured) ok = similarity >= 0.6;
  else ok = similarity >= 0.8;
  if (!ok) return undefined;
  const score = similarity + (numberMatch ? 0.6 : 0) + STYLE_BONUS[c.style] - (numberConflict ? 0.3 : 0);
  return { similarity, score };
}

/**
 * Aligns the plan's provisions, in order, to heading candidates, in order: the best-scoring monotone
 * assignment (a provision may be missing; two provisions never share a line). O(provisions × candidates).
 */
export function locateHeadings(plan: Plan, candidates: readonly HeadingCandidate[]): HeadingMatch[] {
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
  const scores: (ReturnType<typeof scoreCandidate> | undefined)[][] = [];
  for (let i = 1; i <= P; i++) {
    const p = plan.provisions[i - 1]!;
    const row = new Float64Array(C + 1);
    const rowScores: (ReturnType<typeof scoreCandidate> | undefined)[] = new Array(C + 1);
    const up = totals[i - 1]!;
    for (let j = 1; j <= C; j++) {
      const s = scoreCandidate(p, candidates[j - 1]!);
      rowScores[j] = s;
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
      const s = scores[i - 1]![j]!;
      matches.push({ provision: plan.provisions[i - 1]!, candidate: candidates[j - 1]!, similarity: s.similarity, score: s.score });
      i--;
      j = before[j]!;
    }
  }
  return matches.reverse();
}
