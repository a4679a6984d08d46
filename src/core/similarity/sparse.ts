/** Sparse vectors over terms, and TF-IDF weighting against a corpus of term bags. */

export type Bag = Map<string, number>;
/** Unit-length sparse vector (or empty). */
export type Vector = ReadonlyMap<string, number>;

export function addTo(bag: Bag, term: string, weight: number): void {
  bag.set(term, (bag.get(term) ?? 0) + weight);
}

export function normalise(v: Map<string, number>): Map<string, number> {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  if (sum === 0) return v;
  const k = 1 / Math.sqrt(sum);
  for (const [t, x] of v) v.set(t, x * k);
  return v;
}

/** Dot product of two unit vectors: their cosine. Iterates over the smaller one. */
export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

/** Each shared term's part of the cosine, largest first (ties by term, so evidence is stable). */
export function contributions(a: Vector, b: Vector): { term: string; part: number }[] {
  const out: { term: string; part: number }[] = [];
  for (const [t, x] of a) {
    const y = b.get(t);
    if (y !== undefined) out.push({ term: t, part: x * y });
  }
  return out.sort((p, q) => q.part - p.part || (p.term < q.term ? -1 : p.term > q.term ? 1 : 0));
}

/**
 * Document frequencies of a corpus of bags, and TF-IDF vectors against them: sublinear tf (log(1 + count),
 * so a term said five times is not five times the evidence) times smoothed idf (log(1 + N/df)). Terms the
 * corpus never saw get no weight: they cannot be shared with any of its documents.
 */
export class TfIdf {
  private readonly df = new Map<string, number>();
  readonly size: number;

  constructor(bags: readonly Bag[]) {
    this.size = bags.length;
    for (const bag of bags) for (const t of bag.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  idf(term: string): number {
    const df = this.df.get(term);
    return df ? Math.log(1 + this.size / df) : 0;
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  vector(bag: Bag): Map<string, number> {
    const v = new Map<string, number>();
    for (const [t, c] of bag) {
      const w = Math.log(1 + c) * this.idf(t);
      if (w > 0) v.set(t, w);
    }
    return normalise(v);
  }
}

/**
 * An inverted index over a list of vectors: the dot products of one vector with all of them cost only the
 * postings of its terms, not a pass over every vector (most pairs share no term).
 */
export class Postings {
  /** Per term, the documents that have it and its weight in each, as two arrays (no object per posting). */
  private readonly lists = new Map<string, { readonly docs: number[]; readonly weights: number[] }>();

  constructor(readonly vectors: readonly Vector[]) {
    vectors.forEach((v, doc) => {
      for (const [term, weight] of v) {
        let list = this.lists.get(term);
        if (!list) this.lists.set(term, (list = { docs: [], weights: [] }));
        list.docs.push(doc);
        list.weights.push(weight);
      }
    });
  }

  /**
   * Dot product of `v` with every indexed vector (their cosines, all being unit vectors), by position: into
   * `out` when given (zeroed first), since a caller ranking one vector after another can reuse one array.
   */
  dots(v: Vector, out: Float64Array = new Float64Array(this.vectors.length)): Float64Array {
    out.fill(0);
    for (const [term, x] of v) {
      const list = this.lists.get(term);
      if (!list) continue;
      const { docs, weights } = list;
      for (let j = 0; j < docs.length; j++) out[docs[j]!]! += x * weights[j]!;
    }
    return out;
  }
}
