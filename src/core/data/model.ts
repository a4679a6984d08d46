/** The knowledge pack's data model: themes, plans with provisions, counterpart links. */

export type Relation = 'aligned' | 'contrasting' | 'partial';
export type Confidence = 'high' | 'medium' | 'low';
export type ProvisionKind = 'introduction' | 'preamble' | 'pillar' | 'section' | 'action';

export interface ThemeColour {
  readonly dark: string;
  readonly light: string;
  readonly highContrast: string;
}

export interface Phrase {
  readonly text: string;
  readonly variants: readonly string[];
  readonly ambiguous: boolean;
}

export interface Theme {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly colour: ThemeColour;
  readonly phrases: readonly Phrase[];
}

export interface Provision {
  readonly id: string;
  readonly planId: string;
  readonly kind: ProvisionKind;
  readonly number: string | null;
  readonly parent: string | null;
  readonly heading: string;
  readonly headingVerified: boolean;
  readonly headingVariants: readonly string[];
  readonly summary: string;
  readonly keyPhrases: readonly string[];
  readonly themes: readonly string[];
  /** 0 for top-level provisions, 1 for those with a parent. */
  readonly depth: number;
  /** Position in the plan's provision list. */
  readonly index: number;
}

export interface Plan {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly titleVariants: readonly string[];
  readonly issuer?: string;
  readonly country?: string;
  readonly date?: string;
  readonly description?: string;
  readonly provisions: readonly Provision[];
}

export interface CounterpartLink {
  readonly from: string;
  readonly to: string;
  readonly relation: Relation;
  readonly confidence: Confidence;
  readonly evidence?: string;
  readonly summary: string;
}

/** A counterpart seen from one provision: the link and the provision at its other end. */
export interface Counterpart {
  readonly link: CounterpartLink;
  readonly provision: Provision;
  readonly plan: Plan;
}

const CONFIDENCE_ORDER: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
const RELATION_ORDER: Record<Relation, number> = { aligned: 0, partial: 1, contrasting: 2 };

/** Read-only indexes over a validated pack; lookups are O(1) so hovers never scan. */
export class KnowledgePack {
  private readonly provisionsById = new Map<string, Provision>();
  private readonly plansById = new Map<string, Plan>();
  private readonly themesById = new Map<string, Theme>();
  private readonly linksByProvision = new Map<string, CounterpartLink[]>();

  constructor(
    readonly themes: readonly Theme[],
    readonly plans: readonly Plan[],
    readonly links: readonly CounterpartLink[],
  ) {
    for (const t of themes) this.themesById.set(t.id, t);
    for (const p of plans) {
      this.plansById.set(p.id, p);
      for (const pr of p.provisions) this.provisionsById.set(pr.id, pr);
    }
    for (const l of links) {
      for (const end of [l.from, l.to]) {
        let list = this.linksByProvision.get(end);
        if (!list) this.linksByProvision.set(end, (list = []));
        list.push(l);
      }
    }
  }

  theme(id: string): Theme | undefined {
    return this.themesById.get(id);
  }

  plan(id: string): Plan | undefined {
    return this.plansById.get(id);
  }

  provision(id: string): Provision | undefined {
    return this.provisionsById.get(id);
  }

  /** Counterparts of a provision, strongest first (confidence, then relation, then document order). */
  counterpartsOf(provisionId: string): Counterpart[] {
    const out: Counterpart[] = [];
    for (const link of this.linksByProvision.get(provisionId) ?? []) {
      const otherId = link.from === provisionId ? link.to : link.from;
      const provision = this.provisionsById.get(otherId);
      const plan = provision && this.plansById.get(provision.planId);
      if (provision && plan) out.push({ link, provision, plan });
    }
    return out.sort(
      (a, b) =>
        CONFIDENCE_ORDER[a.link.confidence] - CONFIDENCE_ORDER[b.link.confidence] ||
        RELATION_ORDER[a.link.relation] - RELATION_ORDER[b.link.relation] ||
        a.plan.id.localeCompare(b.plan.id) ||
        a.provision.index - b.provision.index,
    );
  }
}
