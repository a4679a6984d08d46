import type { CounterpartLink, Relation } from '../data/model';
import type { Suggestions } from './suggest';

/** The relation of the curated link between two provisions, in either direction, if there is one. */
export function curatedRelations(links: readonly CounterpartLink[]): (a: string, b: string) => Relation | undefined {
  const byPair = new Map<string, Relation>();
  for (const l of links) {
    byPair.set(`${l.from}\u0000${l.to}`, l.relation);
    byPair.set(`${l.to}\u0000${l.from}`, l.relation);
  }
  return (a, b) => byPair.get(`${a}\u0000${b}`);
}

/** Labels the candidates a curated link also joins; the ranking itself is left exactly as it was. */
export function markCurated(suggestions: readonly Suggestions[], links: readonly CounterpartLink[]): Suggestions[] {
  const relation = curatedRelations(links);
  return suggestions.map((s) => ({
    from: s.from,
    candidates: s.candidates.map((c) => {
      const r = relation(s.from, c.to);
      return r ? { ...c, curated: r } : c;
    }),
  }));
}
