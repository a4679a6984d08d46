import type { KnowledgePack, Plan, Provision } from '../data/model';
import { LexiconTerms } from '../similarity/lexiconTerms';
import { ProvisionIndex } from '../similarity/provisionIndex';
import { curatedRelations } from './curated';
import { suggestCounterparts, type Evidence } from './suggest';

/** A suggested counterpart as the editor shows it: the provision at the other end, with score and evidence. */
export interface SuggestedCounterpart {
  readonly provision: Provision;
  readonly plan: Plan;
  readonly score: number;
  readonly evidence: readonly Evidence[];
}

/** Shown per provision: few, so the card stays short and each one is worth reading. */
export const SUGGESTIONS_SHOWN = 3;
/**
 * Ranked per plan pair before curated and dismissed pairs are taken out: enough that three remain for any
 * provision with a handful of curated links, and still cheap (the ranking scores every target anyway).
 */
const RANKED_PER_PAIR = 12;
/**
 * Below this score a candidate shares a word or a common theme and little else (on the bundled plans, the
 * curated pairs score 0.21 at the median, all but one that rank at all above 0.1); showing such candidates would
 * teach the analyst to skip the section.
 */
export const MIN_SHOWN_SCORE = 0.1;

/**
 * Suggested counterparts for the provisions of one knowledge pack, computed once per plan on first use and
 * kept for as long as the pack is (a reloaded pack is a new object and gets a new instance). Each plan is
 * ranked against every other plan by suggestCounterparts, with one index over all the pack's plans (so a term
 * is weighted by how many provisions of any plan use it, and the lexicon and profiles are built once, not per
 * pair: scores can differ a little from `policy-lens suggest FROM TO`, which weighs terms over the two plans
 * only), and the candidates of all other plans merged by score. Curated links never change the ranking; they
 * are only taken out of what is shown, as are dismissed pairs.
 */
export class PackSuggestions {
  private readonly byProvision = new Map<string, readonly SuggestedCounterpart[]>();
  private readonly donePlans = new Set<string>();
  private readonly curated: (a: string, b: string) => unknown;
  private index: ProvisionIndex | undefined;

  constructor(readonly pack: KnowledgePack) {
    this.curated = curatedRelations(pack.links);
  }

  /** Every ranked candidate of a provision (curated ones included), best first; [] without another plan. */
  ranked(provisionId: string): readonly SuggestedCounterpart[] {
    const provision = this.pack.provision(provisionId);
    if (!provision) return [];
    if (!this.donePlans.has(provision.planId)) this.rankPlan(provision.planId);
    return this.byProvision.get(provisionId) ?? [];
  }

  /**
   * What the editor shows for a provision: the best `top` candidates scoring at least MIN_SHOWN_SCORE that are
   * neither curated links (those have their own section) nor dismissed.
   */
  shown(provisionId: string, dismissed: (a: string, b: string) => boolean, top = SUGGESTIONS_SHOWN): SuggestedCounterpart[] {
    return this.ranked(provisionId)
      .filter((c) => c.score >= MIN_SHOWN_SCORE && this.curated(provisionId, c.provision.id) === undefined && !dismissed(provisionId, c.provision.id))
      .slice(0, top);
  }

  private rankPlan(planId: string): void {
    this.donePlans.add(planId);
    const from = this.pack.plan(planId);
    if (!from) return;
    const merged = new Map<string, SuggestedCounterpart[]>(from.provisions.map((p) => [p.id, []]));
    this.index ??= new ProvisionIndex(this.pack.plans, new LexiconTerms(this.pack.themes));
    for (const to of this.pack.plans) {
      if (to.id === from.id || to.provisions.length === 0) continue;
      for (const s of suggestCounterparts(this.pack.themes, from, to, { top: RANKED_PER_PAIR, index: this.index })) {
        const list = merged.get(s.from)!;
        for (const c of s.candidates) {
          const provision = this.pack.provision(c.to);
          // Parallel position alone is no reason to suggest a counterpart: it needs shared themes or terms.
          if (provision && c.evidence.some((e) => e.kind !== 'position')) list.push({ provision, plan: to, score: c.score, evidence: c.evidence });
        }
      }
    }
    // Ties keep plan order, then document order: the same pack always shows the same list.
    for (const [id, list] of merged) this.byProvision.set(id, list.sort((a, b) => b.score - a.score));
  }
}
