import type { Plan, Provision } from '../data/model';
import type { LexiconTerms } from './lexiconTerms';
import { provisionProfiles, type Profile } from './profile';
import { TfIdf, type Vector } from './sparse';

/** One provision with its profile and its TF-IDF vectors (terms, themes) against the index's corpus. */
export interface IndexedProvision {
  readonly provision: Provision;
  readonly plan: Plan;
  readonly profile: Profile;
  readonly text: Vector;
  readonly themes: Vector;
  /** Position in its plan, 0 (first) to 1 (last). */
  readonly relativePosition: number;
}

/**
 * The provisions of some plans, weighted against each other: a term or theme many of them share weighs
 * little, one that few share weighs much. Built from the plans alone (never from counterpart links).
 */
export class ProvisionIndex {
  readonly entries: readonly IndexedProvision[];
  readonly termStats: TfIdf;
  readonly themeStats: TfIdf;
  private readonly byId = new Map<string, IndexedProvision>();

  constructor(
    readonly plans: readonly Plan[],
    readonly lexicon: LexiconTerms,
  ) {
    const all = plans.flatMap((plan) => plan.provisions.map((provision) => ({ plan, provision })));
    const profiles = provisionProfiles(all.map((x) => x.provision), lexicon);
    const profiled = all.map((x, i) => ({ ...x, profile: profiles[i]! }));
    this.termStats = new TfIdf(profiled.map((p) => p.profile.terms));
    this.themeStats = new TfIdf(profiled.map((p) => p.profile.themes));
    this.entries = profiled.map(({ plan, provision, profile }) => ({
      plan,
      provision,
      profile,
      text: this.termStats.vector(profile.terms),
      themes: this.themeStats.vector(profile.themes),
      relativePosition: plan.provisions.length > 1 ? provision.index / (plan.provisions.length - 1) : 0,
    }));
    for (const e of this.entries) this.byId.set(e.provision.id, e);
  }

  get(id: string): IndexedProvision | undefined {
    return this.byId.get(id);
  }

  ofPlan(planId: string): IndexedProvision[] {
    return this.entries.filter((e) => e.plan.id === planId);
  }
}
