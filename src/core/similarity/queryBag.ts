import type { TfIdf, Vector } from './sparse';

/** What the index knows about one of its terms, with the count of the bag being filled. */
interface TermEntry {
  readonly term: string;
  readonly idf: number;
  readonly documentFrequency: number;
  /** The indexed vectors that have the term, and its weight in each (a posting list). */
  readonly docs: Int32Array;
  readonly weights: Float64Array;
  /** Occurrences in the current bag (0 when not in it). */
  count: number;
}

/**
 * A bag of terms filled word by word (a passage of a document) and multiplied with every vector of an index,
 * as `Postings.dots(stats.vector(bag))` would, with the same arithmetic in the same order, so the same
 * cosines to the last bit: but the idf, the posting lists and the terms' entries are looked up once per
 * index, and filling the bag makes no Map. Terms the index never saw are dropped as they come: they have
 * no weight and share nothing.
 *
 * One bag at a time: `clear()` before filling the next. Not for concurrent use (find() is synchronous).
 */
export class QueryBag {
  private readonly entries = new Map<string, TermEntry>();
  /** Terms of the current bag in the order they first came (the order a Map bag iterates in). */
  private readonly touched: TermEntry[] = [];
  /** The terms' weights while computing dots (kept between calls). */
  private scratch = new Float64Array(64);

  constructor(
    stats: TfIdf,
    private readonly vectors: readonly Vector[],
  ) {
    const lists = new Map<string, { docs: number[]; weights: number[] }>();
    vectors.forEach((v, doc) => {
      for (const [term, weight] of v) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { docs: [], weights: [] }));
        list.docs.push(doc);
        list.weights.push(weight);
      }
    });
    for (const [term, list] of lists) {
      const entry = { term, idf: stats.idf(term), documentFrequency: stats.documentFrequency(term), docs: Int32Array.from(list.docs), weights: Float64Array.from(list.weights), count: 0 };
      this.entries.set(term, entry);
    }
  }

  /** Adds one occurrence of a term (ignored when the index never saw it). */
  add(term: string): void {
    const e = this.entries.get(term);
    if (e && e.count++ === 0) this.touched.push(e);
  }

  clear(): void {
    for (const e of this.touched) e.count = 0;
    this.touched.length = 0;
  }

  /** Distinct terms of the bag the index knows, in the order they came. */
  get size(): number {
    return this.touched.length;
  }

  /** The bag's terms the index knows, in the order they came, with their document frequency. */
  terms(): { readonly term: string; readonly documentFrequency: number }[] {
    return this.touched;
  }

  /**
   * Cosine of the bag (TF-IDF weighted, unit length) with every indexed vector, by position: into `out` when
   * given (zeroed first; a caller scoring passage after passage reuses one array, since a typed array of
   * more than a few numbers costs a buffer outside the heap to make and to collect).
   */
  dots(out: Float64Array = new Float64Array(this.vectors.length)): Float64Array {
    out.fill(0);
    const n = this.touched.length;
    if (n === 0) return out;
    if (this.scratch.length < n) this.scratch = new Float64Array(Math.max(n, 2 * this.scratch.length));
    const w = this.scratch;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = this.touched[i]!;
      w[i] = Math.log(1 + e.count) * e.idf;
      sum += w[i]! * w[i]!;
    }
    const k = 1 / Math.sqrt(sum);
    for (let i = 0; i < n; i++) {
      const e = this.touched[i]!;
      const x = w[i]! * k;
      for (let j = 0; j < e.docs.length; j++) out[e.docs[j]!]! += x * e.weights[j]!;
    }
    return out;
  }
}
