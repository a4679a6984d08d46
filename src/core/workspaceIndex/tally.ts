import type { AnchorStatus } from '../anchoring';
import { NO_AUTHOR } from './filter';
import { authorOf, codesOf, type IndexedAnnotation } from './model';

/** Annotations with one set of distinct codes (two or more), and how many. */
export interface CodeSet {
  readonly codes: readonly string[];
  count: number;
}

/**
 * One part of the workspace (a sidecar's annotations) counted for the explorer's first level in one pass:
 * what passes the filter, attached or orphaned, and the attached ones per code, code set, author and
 * document. The first level adds parts up (grouping.ts); a group's annotations are picked out of the parts
 * that hold some only when it is expanded. A part is counted once per sidecar entry (firstLevel.ts).
 */
export interface Tally {
  readonly attached: readonly IndexedAnnotation[];
  readonly orphans: readonly IndexedAnnotation[];
  /** Annotations with a single distinct code, per code. */
  readonly single: ReadonlyMap<string, number>;
  /** Annotations with several distinct codes, per set (keyed by the codes as JSON). */
  readonly multi: ReadonlyMap<string, CodeSet>;
  /** Per author, NO_AUTHOR for none. */
  readonly authors: ReadonlyMap<string, number>;
  readonly documents: ReadonlyMap<string, number>;
}

const bump = (m: Map<string, number>, key: string, n = 1): void => {
  m.set(key, (m.get(key) ?? 0) + n);
};

/** The distinct codes of a list (the schema asks for unique items; a hand edit may repeat one). */
function distinct(cs: readonly string[]): readonly string[] {
  return cs.length < 2 || (cs.length === 2 && cs[0] !== cs[1]) ? cs : [...new Set(cs)];
}

export function tally(items: readonly IndexedAnnotation[], keep?: (a: IndexedAnnotation) => boolean, status?: (a: IndexedAnnotation) => AnchorStatus | undefined): Tally {
  // With nothing to leave out (no filter, no orphan known), the part's list is the attached list itself.
  const all = !keep && !status;
  const picked: IndexedAnnotation[] = [];
  const orphans: IndexedAnnotation[] = [];
  // Per codes array first: a scanned sidecar shares one array among the annotations with the same codes
  // (lightScan.ts), so this is a lookup by identity, and each distinct list is looked at once below.
  const lists = new Map<readonly string[], number>();
  const authors = new Map<string, number>();
  const documents = new Map<string, number>();
  let document: string | undefined;
  let inDocument = 0;
  for (const a of items) {
    if (keep && !keep(a)) continue;
    if (status && status(a) === 'orphaned') {
      orphans.push(a);
      continue;
    }
    if (!all) picked.push(a);
    const cs = codesOf(a);
    lists.set(cs, (lists.get(cs) ?? 0) + 1);
    bump(authors, authorOf(a) ?? NO_AUTHOR);
    // A sidecar's annotations all annotate one document: counted as a run.
    if (a.document !== document) {
      if (document !== undefined) bump(documents, document, inDocument);
      document = a.document;
      inDocument = 0;
    }
    inDocument++;
  }
  if (document !== undefined) bump(documents, document, inDocument);
  const single = new Map<string, number>();
  const multi = new Map<string, CodeSet>();
  for (const [list, n] of lists) {
    const cs = distinct(list);
    if (cs.length === 1) bump(single, cs[0]!, n);
    else if (cs.length > 1) {
      const key = JSON.stringify(cs);
      const set = multi.get(key);
      if (set) set.count += n;
      else multi.set(key, { codes: cs, count: n });
    }
  }
  return { attached: all ? items : picked, orphans, single, multi, authors, documents };
}

/** Parts added up: per code, code set, author and document over the whole workspace. */
export function addUp(parts: readonly Tally[]): Omit<Tally, 'attached' | 'orphans'> & { readonly orphans: number } {
  const single = new Map<string, number>();
  const multi = new Map<string, CodeSet>();
  const authors = new Map<string, number>();
  const documents = new Map<string, number>();
  let orphans = 0;
  for (const p of parts) {
    orphans += p.orphans.length;
    for (const [c, n] of p.single) bump(single, c, n);
    for (const [k, s] of p.multi) {
      const set = multi.get(k);
      if (set) set.count += s.count;
      else multi.set(k, { codes: s.codes, count: s.count });
    }
    for (const [who, n] of p.authors) bump(authors, who, n);
    for (const [d, n] of p.documents) bump(documents, d, n);
  }
  return { orphans, single, multi, authors, documents };
}

/** Whether a part has attached annotations coded `code` (without looking at them). */
export function hasCode(p: Tally, code: string): boolean {
  if (p.single.has(code)) return true;
  for (const s of p.multi.values()) if (s.codes.includes(code)) return true;
  return false;
}
