import Fuse, { type IFuseOptions } from 'fuse.js';

/** One item of a fuzzy picker: a provision of a plan, an annotation, … (the fields a QuickPickItem shows). */
export interface PickerRecord {
  readonly kind: string;
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
}

export interface PickerHit<T> {
  readonly record: T;
  /** 0 is a perfect match, 1 no match (fuse.js's score); the cheap path of one-letter queries gives its rank tier / 10. */
  readonly score: number;
}

export interface PickerIndexOptions {
  /** Records ranked by fuse.js at most (the pre-filter keeps the best this many). Default 200. */
  readonly maxCandidates?: number;
  /** Kinds ranked before others at equal score, best first. Default ['provision']. */
  readonly preferredKinds?: readonly string[];
}

interface Doc {
  readonly index: number;
  readonly kind: string;
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  /** The start of the detail, what fuse.js ranks (the pre-filter searches all of it). */
  readonly detailHead: string;
  /** All fields, normalised, separated by \u0001: the pre-filter's substring tests run on this. */
  readonly hay: string;
  readonly kindRank: number;
}

/**
 * fuse.js, tuned: where the match is does not matter (ignoreLocation), a tighter threshold than the default
 * 0.6 (which lets nearly anything through on 10,000 records), the id and label weighted above the rest.
 * ignoreLocation makes fuse.js scan every field in full: affordable because it only ever sees the
 * pre-filtered candidates, never all records.
 */
const DETAIL_HEAD = 200;

const FUSE_OPTIONS: IFuseOptions<Doc> = {
  keys: [
    { name: 'id', weight: 2 },
    { name: 'label', weight: 3 },
    { name: 'description', weight: 1 },
    { name: 'detailHead', weight: 1 },
  ],
  ignoreLocation: true,
  threshold: 0.34,
  // Words apart and in any order ("source open"): whitespace is AND of fuzzy terms (queries are sanitised).
  useExtendedSearch: true,
  includeScore: true,
  shouldSort: true,
  isCaseSensitive: true, // the fields and the query are already normalised to lower case
};

/** Lower case, no accents, curly apostrophes straight, hyphens, underscores and slashes as spaces, one space. */
export function normaliseForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\s\-\u2010\u2011\u2013\u2014_/]+/g, ' ')
    .trim();
}

/**
 * A fuzzy index for pickers (Open Provision…, Link Selection as Counterpart…) over up to some 10,000 records,
 * fast enough to filter on every keystroke (issue 4, figure 5: p95 < 16 ms).
 *
 * Each search pre-filters before fuse.js ranks:
 * 1. every word of the query must occur in the record (any field, as a substring): one `includes` per
 *    record and word. While the user types on, the previous query's candidates are the only ones
 *    re-tested (a record without "expo" has no "expor" either);
 * 2. when no record has every word (a typo), records whose id and label share the most three-letter
 *    sequences with the query (an index of them, built with the index) are the candidates instead;
 * 3. of too many candidates (a query of one or two letters), the best by a cheap rank (id, then the label
 *    starting with the query, …) go on;
 * 4. fuse.js, tuned (FUSE_OPTIONS), ranks those; a one-letter query is ranked by the cheap rank alone.
 */
export class PickerIndex<T extends PickerRecord> {
  private readonly docs: Doc[];
  private readonly maxCandidates: number;
  private readonly trigramIndex: Map<number, number[]>;
  private last: { query: string; candidates: readonly number[] } | undefined;

  constructor(
    private readonly records: readonly T[],
    options: PickerIndexOptions = {},
  ) {
    this.maxCandidates = options.maxCandidates ?? 200;
    const preferred = options.preferredKinds ?? ['provision'];
    this.docs = records.map((r, index) => {
      const id = normaliseForSearch(r.id);
      const label = normaliseForSearch(r.label);
      const description = normaliseForSearch(r.description ?? '');
      const detail = normaliseForSearch(r.detail ?? '');
      const rank = preferred.indexOf(r.kind);
      return { index, kind: r.kind, id, label, description, detail, detailHead: detail.slice(0, DETAIL_HEAD), hay: `${id}\u0001${label}\u0001${description}\u0001${detail}`, kindRank: rank < 0 ? preferred.length : rank };
    });
    this.trigramIndex = this.buildTrigrams();
  }

  get size(): number {
    return this.records.length;
  }

  /** The best `limit` records for what the user typed; all records (in their order) for an empty query. */
  search(query: string, limit = 50): T[] {
    return this.searchWithScores(query, limit).map((h) => h.record);
  }

  searchWithScores(query: string, limit = 50): PickerHit<T>[] {
    const q = normaliseForSearch(query);
    if (!q) {
      this.last = undefined;
      return this.records.slice(0, limit).map((record) => ({ record, score: 0 }));
    }
    const words = q.split(' ');
    let candidates = this.withEveryWord(q, words);
    const everyWord = candidates.length > 0;
    if (!everyWord) candidates = this.sharingTrigrams(q);
    if (candidates.length > this.maxCandidates || q.length < 2) candidates = this.cheapest(candidates, q, words, q.length < 2 ? limit : this.maxCandidates);
    if (q.length < 2) return candidates.map((i) => ({ record: this.records[i]!, score: this.tier(this.docs[i]!, q, words) / 10 }));
    const docs = candidates.map((i) => this.docs[i]!);
    const scores = new Map<number, number>();
    for (const h of new Fuse(docs, FUSE_OPTIONS).search(extendedQuery(words))) scores.set(h.item.index, h.score ?? 1);
    // A record with every word is a hit even where fuse.js, scoring one field at a time, gives up.
    const ranked = everyWord ? docs : docs.filter((d) => scores.has(d.index));
    const score = (d: Doc): number => scores.get(d.index) ?? 0.99;
    // Records fuse.js scored first; among them, when they have every word, preferred kinds first (the plans'
    // provisions before thousands of notes); then by score.
    const scored = (d: Doc): number => (scores.has(d.index) ? 0 : 1);
    ranked.sort((a, b) => scored(a) - scored(b) || (everyWord ? a.kindRank - b.kindRank : 0) || score(a) - score(b) || a.kindRank - b.kindRank || a.index - b.index);
    return ranked.slice(0, limit).map((d) => ({ record: this.records[d.index]!, score: score(d) }));
  }

  /** Stage 1: records containing every word; narrows the previous candidates while the query grows. */
  private withEveryWord(q: string, words: readonly string[]): number[] {
    const from = this.last && q.startsWith(this.last.query) ? this.last.candidates : undefined;
    const out: number[] = [];
    const test = (i: number): void => {
      const hay = this.docs[i]!.hay;
      for (const w of words) if (!hay.includes(w)) return;
      out.push(i);
    };
    if (from) for (const i of from) test(i);
    else for (let i = 0; i < this.docs.length; i++) test(i);
    this.last = { query: q, candidates: out };
    return out;
  }

  /** Stage 2: records sharing the most trigrams with the query (at least half of them), best first. */
  private sharingTrigrams(q: string): number[] {
    const index = this.trigramIndex;
    const grams = trigrams(q);
    if (grams.size === 0) return [];
    const counts = new Uint16Array(this.docs.length);
    for (const g of grams) for (const i of index.get(g) ?? []) counts[i]!++;
    const need = Math.max(1, Math.ceil(grams.size / 2));
    const out: number[] = [];
    for (let i = 0; i < counts.length; i++) if (counts[i]! >= need) out.push(i);
    out.sort((a, b) => counts[b]! - counts[a]! || a - b);
    return out.slice(0, this.maxCandidates);
  }

  private buildTrigrams(): Map<number, number[]> {
    const index = new Map<number, number[]>();
    this.docs.forEach((d, i) => {
      for (const g of trigrams(`${d.id} ${d.label}`)) {
        let list = index.get(g);
        if (!list) index.set(g, (list = []));
        if (list[list.length - 1] !== i) list.push(i);
      }
    });
    return index;
  }

  /** Stage 3: the best `n` by a cheap rank (preferred kind, then tier, then shorter label, then order). */
  private cheapest(candidates: readonly number[], q: string, words: readonly string[], n: number): number[] {
    // Buckets by (kind, tier), then only the buckets needed sorted: no sort of thousands of candidates.
    const buckets = new Map<number, number[]>();
    for (const i of candidates) {
      const d = this.docs[i]!;
      const key = d.kindRank * 100 + this.tier(d, q, words) * 2;
      let list = buckets.get(key);
      if (!list) buckets.set(key, (list = []));
      list.push(i);
    }
    const out: number[] = [];
    for (const key of [...buckets.keys()].sort((a, b) => a - b)) {
      const list = buckets.get(key)!;
      list.sort((a, b) => this.docs[a]!.label.length - this.docs[b]!.label.length || a - b);
      for (const i of list) {
        if (out.length === n) return out;
        out.push(i);
      }
    }
    return out;
  }

  /** 0 id equal, 1 id starts with the query, 2 label starts with it, 3 a label word does, 4 label contains it, 5 description, 6 detail, 7 only words apart. */
  private tier(d: Doc, q: string, words: readonly string[]): number {
    if (d.id === q) return 0;
    if (d.id.startsWith(q)) return 1;
    if (d.label.startsWith(q)) return 2;
    if (d.label.includes(` ${q}`)) return 3;
    if (d.label.includes(q)) return 4;
    if (d.description.includes(q)) return 5;
    if (d.detail.includes(q)) return 6;
    return words.every((w) => d.label.includes(w)) ? 6.5 : 7;
  }
}

/** The distinct three-character sequences of the words of `s` (padded with a space at each end), as numbers. */
function trigrams(s: string): Set<number> {
  const out = new Set<number>();
  for (const word of s.split(' ')) {
    if (!word) continue;
    const w = ` ${word} `;
    for (let i = 0; i + 3 <= w.length; i++) out.add(((w.charCodeAt(i) & 0x3ff) << 20) | ((w.charCodeAt(i + 1) & 0x3ff) << 10) | (w.charCodeAt(i + 2) & 0x3ff));
  }
  return out;
}

/** The words as fuse.js extended-search terms (AND of fuzzy terms), with its operator characters left out. */
function extendedQuery(words: readonly string[]): string {
  return words
    .map((w) => w.replace(/^[='!^]+|\$+$/g, '').replace(/\|/g, ''))
    .filter(Boolean)
    .join(' ');
}
