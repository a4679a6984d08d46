import type { Token } from './tokens';

interface Node<T> {
  readonly next: Map<string, Node<T>>;
  values: T[];
}

/**
 * Phrases as sequences of index terms (see tokens.ts), matched over a text's tokens: at each token the
 * longest phrase that starts there, left to right, never overlapping — the lexicon's own rule ("the longest
 * one wins"). Cost: one Map lookup per token and per word of a phrase being followed.
 */
export class TermTrie<T> {
  private readonly root: Node<T> = { next: new Map(), values: [] };

  add(terms: readonly string[], value: T): void {
    let n = this.root;
    for (const t of terms) {
      let next = n.next.get(t);
      if (!next) n.next.set(t, (next = { next: new Map(), values: [] }));
      n = next;
    }
    n.values.push(value);
  }

  /** Matches in tokens[from, to): first and last token index, and the values of the phrase. */
  match(tokens: readonly Token[], from = 0, to = tokens.length): { first: number; last: number; values: readonly T[] }[] {
    const out: { first: number; last: number; values: readonly T[] }[] = [];
    let i = from;
    while (i < to) {
      let n: Node<T> | undefined = this.root.next.get(tokens[i]!.term);
      let last = -1;
      let values: readonly T[] = [];
      for (let j = i; n; ) {
        if (n.values.length) (last = j), (values = n.values);
        if (++j >= to) break;
        n = n.next.get(tokens[j]!.term);
      }
      if (last >= 0) {
        out.push({ first: i, last, values });
        i = last + 1;
      } else i++;
    }
    return out;
  }
}
