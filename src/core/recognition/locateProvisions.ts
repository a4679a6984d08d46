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
  /** Accepted for its place in a run of sibling headings only, without heading words in common. */
  readonly bySequence: boolean;
}

type Score = { similarity: number; score: number; bySequence: boolean };

const STYLE_BONUS: Record<HeadingCandidate['style'], number> = { markdown: 0.15, pillar: 0.15, numbered: 0.1, inline: 0.05, bullet: 0, plain: 0 };
/** Heading words an unnumbered heading needs in common once siblings of its form were matched by theirs. */
const SIBLING_SIMILARITY = 0.3;
/** Sibling headings matched by their words before a heading of the same form is accepted by its number alone. */
const MIN_ANCHORED_SIBLINGS = 2;

/** The plan's heading words, indexed once per plan: for each token, the heading forms holding it and how often. */
interface PlanIndex {
  readonly postings: ReadonlyMap<string, readonly { form: number; count: number }[]>;
  /** Per heading form: its provision (index in the plan) and its number of tokens. */
  readonly formProvision: Int32Array;
  readonly formSize: Int32Array;
  /** Per provision: its printed number's value, or NaN. */
  readonly numbers: Float64Array;
}

const planIndexCache = new WeakMap<Plan, PlanIndex>();
function planIndex(plan: Plan): PlanIndex {
  let index = planIndexCache.get(plan);
  if (index) return index;
  const postings = new Map<string, { form: number; count: number }[]>();
  const formProvision: number[] = [];
  const formSize: number[] = [];
  plan.provisions.forEach((p, i) => {
    for (const heading of [p.heading, ...p.headingVariants]) {
      const tokens = headingTokens(heading);
      if (tokens.length === 0) continue;
      const form = formProvision.length;
      formProvision.push(i);
      formSize.push(tokens.length);
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, count] of counts) {
        const list = postings.get(t) ?? [];
        list.push({ form, count });
        postings.set(t, list);
      }
    }
  });
  const numbers = Float64Array.from(plan.provisions, (p) => (p.number === null ? NaN : numberValue(p.number)));
  index = { postings, formProvision: Int32Array.from(formProvision), formSize: Int32Array.from(formSize), numbers };
  planIndexCache.set(plan, index);
  return index;
}

/**
 * Whether a plain candidate with these tokens could be a heading of one of the plans: judge accepts a
 * plain line at a Dice similarity of 0.8, and with v of its n tokens among a heading form's words the best
 * Dice is 2v / (v + n), so it needs v ≥ 2n/3. A necessary condition only: no line that could match is dropped.
 */
export function plainHeadingFilter(plans: readonly Plan[]): (tokens: readonly string[]) => boolean {
  const indexes = plans.map(planIndex);
  return (tokens) => {
    let known = 0;
    for (const t of tokens) if (indexes.some((index) => index.postings.has(t))) known++;
    return known > 0 && 3 * known >= 2 * tokens.length;
  };
}

/**
 * Heading similarity (tokenSimilarity's Dice coefficient, best over a provision's heading forms) of every
 * candidate to every provision, sparse: per provision, the candidates (1-based) with some word in common.
 */
function similarities(index: PlanIndex, provisions: number, candidates: readonly HeadingCandidate[]): { js: number[]; sims: number[] }[] {
  const rows = Array.from({ length: provisions }, () => ({ js: [] as number[], sims: [] as number[] }));
  const common = new Int32Array(index.formSize.length);
  const best = new Float64Array(provisions);
  const touchedForms: number[] = [];
  const touchedProvisions: number[] = [];
  candidates.forEach((c, k) => {
    // The k-th occurrence of a token counts for the forms holding it at least k times: min(count, count).
    const seen = new Map<string, number>();
    for (const t of c.tokens) {
      const list = index.postings.get(t);
      if (!list) continue;
      const nth = (seen.get(t) ?? 0) + 1;
      seen.set(t, nth);
      for (const { form, count } of list) {
        if (nth > count) continue;
        if (common[form] === 0) touchedForms.push(form);
        common[form]!++;
      }
    }
    for (const form of touchedForms) {
      const p = index.formProvision[form]!;
      const sim = (2 * common[form]!) / (index.formSize[form]! + c.tokens.length);
      if (best[p] === 0) touchedProvisions.push(p);
      if (sim > best[p]!) best[p] = sim;
      common[form] = 0;
    }
    touchedProvisions.sort((x, y) => x - y);
    for (const p of touchedProvisions) {
      rows[p]!.js.push(k + 1);
      rows[p]!.sims.push(best[p]!);
      best[p] = 0;
    }
    touchedForms.length = 0;
    touchedProvisions.length = 0;
  });
  return rows;
}

/**
 * How well a candidate line fits a provision, or undefined when it cannot be its heading.
 * Number, heading wording and style decide together: a matching number lets a differently worded
 * translation through; a conflicting number needs a near-identical heading. With `siblingForms`, a
 * candidate whose number is the provision's and that continues a run of headings in one of those forms
 * is accepted whatever its words (a text in another language, a heading the pack does not know).
 */
export function scoreCandidate(p: Provision, c: HeadingCandidate, siblingForms?: ReadonlySet<string>): Score | undefined {
  let similarity = 0;
  for (const form of [p.heading, ...p.headingVariants].map(headingTokens)) similarity = Math.max(similarity, tokenSimilarity(form, c.tokens));
  return judge(similarity, p.number === null ? NaN : numberValue(p.number), c, siblingForms);
}

function judge(similarity: number, wanted: number, c: HeadingCandidate, siblingForms: ReadonlySet<string> | undefined): Score | undefined {
  const numbered = !Number.isNaN(c.number);
  const numberMatch = numbered && c.number === wanted;
  const numberConflict = numbered && !Number.isNaN(wanted) && c.number !== wanted;
  const structured = c.style !== 'plain' && c.style !== 'bullet';
  let ok: boolean;
  if (numberConflict) ok = similarity >= 0.9;
  else if (numberMatch) ok = similarity >= 0.2 || (structured && c.tokens.length > 0 && similarity >= 0.1);
  else if (!numbered && c.form && siblingForms?.has(c.form)) ok = similarity >= SIBLING_SIMILARITY;
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
 * that form's other headings in sequence accepted by their number alone; and likewise unnumbered headings
 * run into their paragraph, whose siblings then need fewer words in common.
 */
export function locateHeadings(plan: Plan, candidates: readonly HeadingCandidate[]): HeadingMatch[] {
  const first = align(plan, candidates);
  const anchored = new Map<string, number>();
  // Numbered headings in sequence, and unnumbered ones run into their paragraph in one form (news bullets,
  // title-case first sentences), vouch for their siblings of the same form.
  const sibling = (c: HeadingCandidate): boolean => c.form !== '' && (c.sequenced || Number.isNaN(c.number));
  for (const m of first) if (sibling(m.candidate)) anchored.set(m.candidate.form, (anchored.get(m.candidate.form) ?? 0) + 1);
  const siblingForms = new Set([...anchored].filter(([, n]) => n >= MIN_ANCHORED_SIBLINGS).map(([f]) => f));
  if (siblingForms.size === 0 || !candidates.some((c) => sibling(c) && siblingForms.has(c.form))) return first;
  return align(plan, candidates, siblingForms);
}

function align(plan: Plan, candidates: readonly HeadingCandidate[], siblingForms?: ReadonlySet<string>): HeadingMatch[] {
  const P = plan.provisions.length;
  const index = planIndex(plan);
  const rowSims = similarities(index, P, candidates);
  const numbered: number[] = [];
  candidates.forEach((c, k) => {
    if (!Number.isNaN(c.number)) numbered.push(k + 1);
  });
  // The acceptable (provision, candidate) pairs only: most pairs are not. Without shared words, only a
  // numbered candidate can be a heading.
  const scores: Map<number, Score>[] = [];
  const usable = new Set<number>();
  for (let i = 1; i <= P; i++) {
    const wanted = index.numbers[i - 1]!;
    const { js, sims } = rowSims[i - 1]!;
    const rowScores = new Map<number, Score>();
    const consider = (j: number, similarity: number): void => {
      const s = judge(similarity, wanted, candidates[j - 1]!, siblingForms);
      if (!s) return;
      rowScores.set(j, s);
      usable.add(j);
    };
    let n = 0;
    for (let k = 0; k < js.length; k++) {
      while (n < numbered.length && numbered[n]! < js[k]!) consider(numbered[n++]!, 0);
      if (numbered[n] === js[k]) n++;
      consider(js[k]!, sims[k]!);
    }
    while (n < numbered.length) consider(numbered[n++]!, 0);
    scores.push(rowScores);
  }
  // A candidate no provision accepts is never chosen: the alignment runs over the others alone, so its
  // table is provisions × usable candidates, not × every short line of a 50 MB text (issue 13).
  const cols = [...usable].sort((x, y) => x - y);
  const C = cols.length;
  const cand = (j: number): HeadingCandidate => candidates[cols[j - 1]! - 1]!;
  // before[j]: the number of columns that end before column j starts (two-line headings span two lines).
  const before = new Int32Array(C + 1);
  for (let j = 1; j <= C; j++) {
    let k = j - 1;
    while (k > 0 && cand(k).endLine >= cand(j).line) k--;
    before[j] = k;
  }
  // totals[i][j]: best total for the first i provisions using the first j columns.
  const totals: Float64Array[] = [new Float64Array(C + 1)];
  for (let i = 1; i <= P; i++) {
    const row = new Float64Array(C + 1);
    const up = totals[i - 1]!;
    const rowScores = scores[i - 1]!;
    for (let j = 1; j <= C; j++) {
      const s = rowScores.get(cols[j - 1]!);
      row[j] = Math.max(row[j - 1]!, up[j]!, s ? up[before[j]!]! + s.score : -Infinity);
    }
    totals.push(row);
  }
  const matches: HeadingMatch[] = [];
  let i = P;
  let j = C;
  while (i > 0 && j > 0) {
    const here = totals[i]![j]!;
    if (here === totals[i]![j - 1]) j--;
    else if (here === totals[i - 1]![j]) i--;
    else {
      const s = scores[i - 1]!.get(cols[j - 1]!)!;
      matches.push({ provision: plan.provisions[i - 1]!, candidate: cand(j), ...s });
      i--;
      j = before[j]!;
    }
  }
  return matches.reverse();
}
