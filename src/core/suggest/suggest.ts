import type { Plan, Relation, Theme } from '../data/model';
import { LexiconTerms } from '../similarity/lexiconTerms';
import { ProvisionIndex, type IndexedProvision } from '../similarity/provisionIndex';
import { contributions, Postings } from '../similarity/sparse';

export type EvidenceKind = 'themes' | 'terms' | 'position';

/** One reason a candidate ranks where it does, with its part of the score. */
export interface Evidence {
  readonly kind: EvidenceKind;
  /** Shared themes, shared distinctive terms (as written), or the two positions. */
  readonly items: readonly string[];
  readonly contribution: number;
}

export interface Candidate {
  readonly to: string;
  readonly score: number;
  readonly evidence: readonly Evidence[];
  /** Set by markCurated when a curated link also joins the two provisions: its relation. */
  readonly curated?: Relation;
}

export interface Suggestions {
  readonly from: string;
  readonly candidates: readonly Candidate[];
}

/**
 * How the three signals combine. Text: TF-IDF cosine of heading, key phrases and summary, with the lexicon's
 * variants as one term. Themes: cosine of the theme vectors (declared and found), idf-weighted so that a theme
 * every provision has says little. Position: 1 − |difference of relative positions|, a weak prior that
 * matters between versions of one plan and little between unrelated plans.
 */
export interface Weights {
  readonly text: number;
  readonly themes: number;
  readonly position: number;
}

export const DEFAULT_WEIGHTS: Weights = { text: 0.6, themes: 0.35, position: 0.05 };

export interface SuggestOptions {
  /** Candidates per provision (default 3). */
  readonly top?: number;
  readonly weights?: Weights;
  /** Reuse an index (the bench, the editor); built from the two plans otherwise. */
  readonly index?: ProvisionIndex;
}

/** Shared terms listed as evidence: at most this many, each at least this share of the text cosine. */
const MAX_TERMS = 6;
const MIN_TERM_SHARE = 0.04;
const MAX_THEMES = 4;
/** Positions this close (1 − |difference|) are reported as parallel. */
const PARALLEL = 0.9;

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export interface Ranked {
  readonly target: IndexedProvision;
  readonly score: number;
  readonly text: number;
  readonly themes: number;
  readonly position: number;
}

/** The provisions one ranks against, with inverted indexes of their text and theme vectors (built once). */
export class Targets {
  private readonly text: Postings;
  private readonly themes: Postings;
  /** best()'s cosines, rewritten per call (a typed array is costly to make, and best() keeps none of it). */
  private readonly textScratch: Float64Array;
  private readonly themeScratch: Float64Array;

  constructor(readonly entries: readonly IndexedProvision[]) {
    this.text = new Postings(entries.map((e) => e.text));
    this.themes = new Postings(entries.map((e) => e.themes));
    this.textScratch = new Float64Array(entries.length);
    this.themeScratch = new Float64Array(entries.length);
  }

  /** Every target scored against one provision, best first; ties go to document order. */
  rank(from: IndexedProvision, weights: Weights = DEFAULT_WEIGHTS): Ranked[] {
    const text = this.text.dots(from.text);
    const themes = this.themes.dots(from.themes);
    return this.entries.map((_, i) => this.ranked(from, i, text, themes, weights)).sort(byRank);
  }

  /**
   * The first `k` of rank(from, weights), found by keeping the best k in a small sorted array (each target
   * compared with at most k kept ones) rather than by sorting them all; same order, ties included.
   */
  best(from: IndexedProvision, k: number, weights: Weights = DEFAULT_WEIGHTS): Ranked[] {
    const text = this.text.dots(from.text, this.textScratch);
    const themes = this.themes.dots(from.themes, this.themeScratch);
    const kept: { i: number; score: number; index: number }[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const score = scoreOf(from, this.entries[i]!, text[i]!, themes[i]!, weights);
      const index = this.entries[i]!.provision.index;
      if (kept.length >= k && !before(score, index, kept[kept.length - 1]!)) continue;
      let at = kept.length;
      // A later target goes after an equal one already kept: the order of a stable sort.
      while (at > 0 && before(score, index, kept[at - 1]!)) at--;
      kept.splice(at, 0, { i, score, index });
      if (kept.length > k) kept.pop();
    }
    return kept.map((x) => this.ranked(from, x.i, text, themes, weights));
  }

  private ranked(from: IndexedProvision, i: number, text: Float64Array, themes: Float64Array, weights: Weights): Ranked {
    const target = this.entries[i]!;
    const position = positionOf(from, target);
    return { target, text: text[i]!, themes: themes[i]!, position, score: scoreOf(from, target, text[i]!, themes[i]!, weights) };
  }
}

const positionOf = (from: IndexedProvision, to: IndexedProvision): number => 1 - Math.abs(from.relativePosition - to.relativePosition);

function scoreOf(from: IndexedProvision, to: IndexedProvision, text: number, themes: number, weights: Weights): number {
  return round(weights.text * text + weights.themes * themes + weights.position * positionOf(from, to));
}

/** Best first: higher score, then earlier in its plan. */
const byRank = (a: Ranked, b: Ranked): number => b.score - a.score || a.target.provision.index - b.target.provision.index;

/** Whether a target (score, index in its plan) ranks strictly before a kept one. */
const before = (score: number, index: number, kept: { score: number; index: number }): boolean =>
  score > kept.score || (score === kept.score && index < kept.index);

function evidenceFor(from: IndexedProvision, to: IndexedProvision, parts: { text: number; themes: number; position: number }, weights: Weights): Evidence[] {
  const out: Evidence[] = [];
  const themes = contributions(from.themes, to.themes).slice(0, MAX_THEMES);
  if (themes.length) out.push({ kind: 'themes', items: themes.map((c) => c.term), contribution: round(weights.themes * parts.themes) });
  const terms = contributions(from.text, to.text)
    .filter((c) => c.part >= MIN_TERM_SHARE * parts.text)
    .slice(0, MAX_TERMS);
  const words = [...new Set(terms.map((c) => from.profile.surface.get(c.term) ?? c.term))];
  if (words.length) out.push({ kind: 'terms', items: words, contribution: round(weights.text * parts.text) });
  if (parts.position >= PARALLEL) {
    const at = (e: IndexedProvision): string => `${e.provision.index + 1} of ${e.plan.provisions.length}`;
    out.push({ kind: 'position', items: [at(from), at(to)], contribution: round(weights.position * parts.position) });
  }
  return out.sort((a, b) => b.contribution - a.contribution);
}

/**
 * Suggested counterparts in plan `to` for every provision of plan `from`, from the provisions' text and themes
 * only: counterpart links are not an input, so curating them never moves a suggestion (markCurated only
 * labels). Deterministic: scores are rounded, ties broken by document order.
 */
export function suggestCounterparts(themes: readonly Theme[], from: Plan, to: Plan, options: SuggestOptions = {}): Suggestions[] {
  const index = options.index ?? new ProvisionIndex([from, to], new LexiconTerms(themes));
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const top = Math.max(1, options.top ?? 3);
  const targets = new Targets(index.ofPlan(to.id));
  return index.ofPlan(from.id).map((source) => ({
    from: source.provision.id,
    candidates: targets
      .best(source, top, weights)
      .map((r) => ({ to: r.target.provision.id, score: r.score, evidence: evidenceFor(source, r.target, r, weights) })),
  }));
}

/** The ranking suggestCounterparts uses, as ids (for evaluateRanker). */
export function similarityRanker(index: ProvisionIndex, weights: Weights = DEFAULT_WEIGHTS): (fromId: string, targets: readonly string[]) => string[] {
  return (fromId, targetIds) => {
    const from = index.get(fromId);
    if (!from) return [];
    const targets = new Targets(targetIds.map((id) => index.get(id)).filter((e): e is IndexedProvision => e !== undefined));
    return targets.rank(from, weights).map((r) => r.target.provision.id);
  };
}
