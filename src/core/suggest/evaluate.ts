import type { CounterpartLink, Plan } from '../data/model';

/** A ranking of one plan's provisions against a provision of the other: ids, best first. */
export type Ranker = (fromId: string, targets: readonly string[]) => readonly string[];

export interface Evaluation {
  /** Curated links between the two plans. */
  readonly links: number;
  /** Links found in the top k at either end (the suggestion shows in one end's hover). */
  readonly recallEither: number;
  /** Links found in the top k of their `from` end / of their `to` end. */
  readonly recallFrom: number;
  readonly recallTo: number;
  /** Provisions with at least one curated link whose first suggestion is one of them. */
  readonly precisionAt1: number;
  readonly provisionsWithLinks: number;
}

/**
 * Recall of the curated links in the top k, and precision at 1, for a ranker between plans a and b. Links
 * are judged in both directions because a suggestion is shown at either end; the per-direction figures are
 * reported too (a provision with nine curated links cannot have them all in its own top 3).
 */
export function evaluateRanker(rank: Ranker, a: Plan, b: Plan, links: readonly CounterpartLink[], k = 3): Evaluation {
  const ids = (p: Plan): string[] => p.provisions.map((x) => x.id);
  const inA = new Set(ids(a));
  const inB = new Set(ids(b));
  const pairs = links
    .map((l) => (inA.has(l.from) && inB.has(l.to) ? [l.from, l.to] : inB.has(l.from) && inA.has(l.to) ? [l.to, l.from] : undefined))
    .filter((p): p is string[] => p !== undefined);
  const memo = new Map<string, readonly string[]>();
  const ranked = (id: string): readonly string[] => {
    let r = memo.get(id);
    if (!r) memo.set(id, (r = rank(id, inA.has(id) ? ids(b) : ids(a))));
    return r;
  };
  let either = 0;
  let fromEnd = 0;
  let toEnd = 0;
  for (const [x, y] of pairs as [string, string][]) {
    const ax = ranked(x).slice(0, k).includes(y);
    const by = ranked(y).slice(0, k).includes(x);
    if (ax || by) either++;
    if (ax) fromEnd++;
    if (by) toEnd++;
  }
  const linked = new Map<string, Set<string>>();
  for (const [x, y] of pairs as [string, string][]) {
    (linked.get(x) ?? linked.set(x, new Set()).get(x)!).add(y);
    (linked.get(y) ?? linked.set(y, new Set()).get(y)!).add(x);
  }
  let hits = 0;
  for (const [id, partners] of linked) if (partners.has(ranked(id)[0] ?? '')) hits++;
  const n = pairs.length || 1;
  return {
    links: pairs.length,
    recallEither: either / n,
    recallFrom: fromEnd / n,
    recallTo: toEnd / n,
    precisionAt1: linked.size ? hits / linked.size : 0,
    provisionsWithLinks: linked.size,
  };
}

/**
 * The baseline: rank by overlap of the declared themes (Jaccard), ties in document order. What an analyst
 * gets today by filtering the other plan by theme.
 */
export function themeOverlapRanker(plans: readonly Plan[]): Ranker {
  const themes = new Map<string, ReadonlySet<string>>();
  const index = new Map<string, number>();
  for (const p of plans) for (const x of p.provisions) (themes.set(x.id, new Set(x.themes)), index.set(x.id, x.index));
  const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
    let shared = 0;
    for (const t of a) if (b.has(t)) shared++;
    const union = a.size + b.size - shared;
    return union ? shared / union : 0;
  };
  return (fromId, targets) => {
    const mine = themes.get(fromId) ?? new Set<string>();
    return targets
      .map((id) => ({ id, s: jaccard(mine, themes.get(id) ?? new Set()) }))
      .sort((x, y) => y.s - x.s || (index.get(x.id) ?? 0) - (index.get(y.id) ?? 0))
      .map((x) => x.id);
  };
}
