import type { AnchorStatus } from '../anchoring';
import type { Code } from '../codebook/codebook';
import { filterPredicate, NO_AUTHOR, type ExplorerFilter } from './filter';
import { authorOf, codesOf, idOf, startOf, type IndexedAnnotation } from './model';

export type GroupMode = 'code' | 'document' | 'author';

export type GroupKind = 'code' | 'document' | 'provision' | 'author' | 'orphans';

/** One group of the explorer's tree: sub-groups first, then its own annotations. */
export interface GroupNode {
  readonly kind: GroupKind;
  /** Unique in the tree, stable across refreshes (the editor's tree item id). */
  readonly key: string;
  readonly label: string;
  /** Annotations in this group itself (not in a sub-group), in document order. */
  readonly items: readonly IndexedAnnotation[];
  /** Distinct annotations in this group and below. */
  readonly count: number;
  readonly children: readonly GroupNode[];
  readonly code?: Code;
  readonly document?: string;
  readonly author?: string;
  /** A code the annotations use that neither the pack nor the codebook defines. */
  readonly unknownCode?: boolean;
}

export interface GroupOptions {
  readonly mode: GroupMode;
  readonly filter?: ExplorerFilter;
  /** The codes on offer: the pack's themes, then the codebook's (with `parent` for the hierarchy). */
  readonly codes: readonly Code[];
  /** Where an annotation stands in its document; undefined while not checked yet (shown as attached). */
  readonly status?: (a: IndexedAnnotation) => AnchorStatus | undefined;
  /** How a document is named (a workspace-relative path). */
  readonly documentLabel?: (document: string) => string;
}

/**
 * The explorer's top level: orphaned annotations in their own group first (they are in no other group, as
 * they have no place in their document now), then the groups of the mode. Empty groups are left out.
 */
export function groupAnnotations(all: readonly IndexedAnnotation[], options: GroupOptions): GroupNode[] {
  const keep = options.filter ? filterPredicate(options.filter) : () => true;
  const status = options.status ?? (() => undefined);
  const label = options.documentLabel ?? ((d: string) => d);
  const attached: IndexedAnnotation[] = [];
  const orphans: IndexedAnnotation[] = [];
  for (const a of all) if (keep(a)) (status(a) === 'orphaned' ? orphans : attached).push(a);
  const order = documentOrder(label);
  const groups = options.mode === 'code' ? byCode(attached, options.codes, order) : options.mode === 'document' ? byDocument(attached, label) : byAuthor(attached, order);
  if (orphans.length === 0) return groups;
  return [sortedLater({ kind: 'orphans', key: 'orphans', label: 'Orphaned', count: orphans.length, children: [] }, orphans, order), ...groups];
}

type Order = (a: IndexedAnnotation, b: IndexedAnnotation) => number;

/**
 * The node with its items sorted on first read: the first level needs only the counts, and sorting
 * 100,000 annotations into every group would cost more than grouping them.
 */
function sortedLater(node: Omit<GroupNode, 'items'>, items: IndexedAnnotation[], order: Order): GroupNode {
  let sorted = false;
  return Object.defineProperty(node, 'items', {
    enumerable: true,
    get: () => {
      if (!sorted) items.sort(order);
      sorted = true;
      return items;
    },
  }) as GroupNode;
}

/** By document label, then position, then id: the same order on every refresh. */
function documentOrder(label: (d: string) => string): (a: IndexedAnnotation, b: IndexedAnnotation) => number {
  const labels = new Map<string, string>();
  const of = (d: string): string => {
    let l = labels.get(d);
    if (l === undefined) labels.set(d, (l = label(d)));
    return l;
  };
  return (a, b) => {
    if (a.document !== b.document) return of(a.document) < of(b.document) ? -1 : of(a.document) > of(b.document) ? 1 : a.document < b.document ? -1 : 1;
    const x = idOf(a);
    const y = idOf(b);
    return startOf(a) - startOf(b) || (x < y ? -1 : x > y ? 1 : 0);
  };
}

/**
 * By code, as a hierarchy: each code under its `parent` (codebook codes can sit under a theme or another
 * code; a cycle or an unknown parent makes a root). An annotation with several codes is in each of them;
 * a group's count is its distinct annotations, its sub-groups' included.
 */
function byCode(list: readonly IndexedAnnotation[], codes: readonly Code[], order: Order): GroupNode[] {
  const direct = new Map<string, IndexedAnnotation[]>();
  for (const a of list) {
    const cs = codesOf(a);
    for (const c of cs.length === 1 ? cs : new Set(cs)) {
      let bucket = direct.get(c);
      if (!bucket) direct.set(c, (bucket = []));
      bucket.push(a);
    }
  }
  const known = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<string | undefined, string[]>();
  const parentOf = (id: string): string | undefined => {
    const p = known.get(id)?.parent;
    if (!p || !known.has(p)) return undefined;
    // A cycle (a → b → a) would hide both: the code whose ancestors come back to it is a root.
    const seen = new Set([id]);
    for (let q: string | undefined = p; q; q = known.get(q)?.parent) {
      if (seen.has(q)) return undefined;
      seen.add(q);
    }
    return p;
  };
  const ids = [...codes.map((c) => c.id), ...[...direct.keys()].filter((c) => !known.has(c)).sort()];
  for (const id of ids) {
    const p = parentOf(id);
    const list2 = children.get(p) ?? [];
    list2.push(id);
    children.set(p, list2);
  }
  // Each built node with every annotation in it and below (unsorted, for the distinct count of its parent).
  const build = (id: string): { node: GroupNode; below: Set<IndexedAnnotation> } | undefined => {
    const subs = (children.get(id) ?? []).map(build).filter((n) => n !== undefined);
    const items = direct.get(id) ?? [];
    if (items.length === 0 && subs.length === 0) return undefined;
    let below: Set<IndexedAnnotation>;
    if (subs.length === 0) below = new Set(items);
    else {
      below = new Set(items);
      for (const s of subs) for (const a of s.below) below.add(a);
    }
    const code = known.get(id);
    const node = sortedLater({ kind: 'code', key: `code:${id}`, label: code?.label ?? id, count: below.size, children: subs.map((s) => s.node), code, unknownCode: code === undefined }, items, order);
    return { node, below };
  };
  return (children.get(undefined) ?? []).map(build).flatMap((n) => (n ? [n.node] : []));
}

/** Every annotation of a group and its sub-groups (with repeats when one is in several). */
export function allItems(node: GroupNode): IndexedAnnotation[] {
  const out = [...node.items];
  for (const c of node.children) out.push(...allItems(c));
  return out;
}

function byDocument(list: readonly IndexedAnnotation[], label: (d: string) => string): GroupNode[] {
  const docs = new Map<string, IndexedAnnotation[]>();
  for (const a of list) {
    let bucket = docs.get(a.document);
    if (!bucket) docs.set(a.document, (bucket = []));
    bucket.push(a);
  }
  const order = documentOrder(label);
  return [...docs]
    .map(([document, items]): GroupNode => sortedLater({ kind: 'document', key: `document:${document}`, label: label(document), count: items.length, children: [], document }, items, order))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function byAuthor(list: readonly IndexedAnnotation[], order: Order): GroupNode[] {
  const authors = new Map<string, IndexedAnnotation[]>();
  for (const a of list) {
    const who = authorOf(a) ?? NO_AUTHOR;
    let bucket = authors.get(who);
    if (!bucket) authors.set(who, (bucket = []));
    bucket.push(a);
  }
  return [...authors]
    .sort(([a], [b]) => (a === NO_AUTHOR ? 1 : b === NO_AUTHOR ? -1 : a.localeCompare(b)))
    .map(([author, items]): GroupNode => sortedLater({ kind: 'author', key: `author:${author}`, label: author, count: items.length, children: [], author: author === NO_AUTHOR ? undefined : author }, items, order));
}
