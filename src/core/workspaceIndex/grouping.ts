import type { AnchorStatus } from '../anchoring';
import type { Code } from '../codebook/codebook';
import { filterPredicate, NO_AUTHOR, type ExplorerFilter } from './filter';
import { authorOf, codesOf, idOf, startOf, type IndexedAnnotation } from './model';
import { addUp, hasCode, tally, type Tally } from './tally';

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
  const keep = options.filter ? filterPredicate(options.filter) : undefined;
  return groupTallies([tally(all, keep, options.status)], options);
}

/**
 * The same from parts counted apart (tally.ts: one per sidecar, firstLevel.ts): only counts are added up
 * here; a group's annotations are picked out of the parts that hold some, and sorted, when first read.
 */
export function groupTallies(parts: readonly Tally[], options: Pick<GroupOptions, 'mode' | 'codes' | 'documentLabel'>): GroupNode[] {
  const label = options.documentLabel ?? ((d: string) => d);
  const order = documentOrder(label);
  const sum = addUp(parts);
  const groups = options.mode === 'code' ? byCode(parts, sum, options.codes, order) : options.mode === 'document' ? byDocument(parts, sum, label, order) : byAuthor(parts, sum, order);
  if (sum.orphans === 0) return groups;
  const orphans = (): IndexedAnnotation[] => parts.flatMap((p) => p.orphans);
  return [itemsLater({ kind: 'orphans', key: 'orphans', label: 'Orphaned', count: sum.orphans, children: [] }, orphans, order), ...groups];
}

type Order = (a: IndexedAnnotation, b: IndexedAnnotation) => number;
type Sum = ReturnType<typeof addUp>;

/**
 * The node with its items collected and sorted on first read: the first level needs only the counts, and
 * sorting 100,000 annotations into every group would cost more than counting them.
 */
function itemsLater(node: Omit<GroupNode, 'items'>, collect: () => IndexedAnnotation[], order: Order): GroupNode {
  let items: IndexedAnnotation[] | undefined;
  return Object.defineProperty(node, 'items', {
    enumerable: true,
    get: () => (items ??= collect().sort(order)),
  }) as GroupNode;
}

/** The attached annotations of the parts that `has`, those that `pick`. */
function collect(parts: readonly Tally[], has: (p: Tally) => boolean, pick: (a: IndexedAnnotation) => boolean): IndexedAnnotation[] {
  const out: IndexedAnnotation[] = [];
  for (const p of parts) if (has(p)) for (const a of p.attached) if (pick(a)) out.push(a);
  return out;
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

/** Each code's parent as shown: a cycle (a → b → a) or an unknown parent makes a root. */
function parents(known: ReadonlyMap<string, Code>, ids: readonly string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const id of ids) {
    const p = known.get(id)?.parent;
    let shown = p && known.has(p) ? p : undefined;
    // A cycle would hide every code in it: the code whose ancestors come back to one of them is a root.
    const seen = new Set([id]);
    for (let q: string | undefined = shown; q; q = known.get(q)?.parent) {
      if (seen.has(q)) {
        shown = undefined;
        break;
      }
      seen.add(q);
    }
    out.set(id, shown);
  }
  return out;
}

/**
 * By code, as a hierarchy: each code under its `parent` (codebook codes can sit under a theme or another
 * code). An annotation with several codes is in each of them; a group's count is its distinct annotations,
 * its sub-groups' included: each code set counts once in every group that its codes or their ancestors make.
 */
function byCode(parts: readonly Tally[], sum: Sum, codes: readonly Code[], order: Order): GroupNode[] {
  const known = new Map(codes.map((c) => [c.id, c]));
  const used = new Set([...sum.single.keys(), ...[...sum.multi.values()].flatMap((s) => s.codes)]);
  const ids = [...codes.map((c) => c.id), ...[...used].filter((c) => !known.has(c)).sort()];
  const parentOf = parents(known, ids);
  const counts = new Map<string, number>();
  const reach = (code: string, n: number, seen?: Set<string>): void => {
    for (let q: string | undefined = code; q !== undefined; q = parentOf.get(q)) {
      if (seen) {
        if (seen.has(q)) return; // the rest of the chain was counted for this set already
        seen.add(q);
      }
      counts.set(q, (counts.get(q) ?? 0) + n);
    }
  };
  for (const [code, n] of sum.single) reach(code, n);
  for (const s of sum.multi.values()) {
    const seen = new Set<string>();
    for (const c of s.codes) reach(c, s.count, seen);
  }
  const children = new Map<string | undefined, string[]>();
  for (const id of ids) {
    const p = parentOf.get(id);
    const list = children.get(p) ?? [];
    list.push(id);
    children.set(p, list);
  }
  const build = (id: string): GroupNode | undefined => {
    const count = counts.get(id) ?? 0;
    if (count === 0) return undefined;
    const subs = (children.get(id) ?? []).map(build).filter((n) => n !== undefined);
    const code = known.get(id);
    const direct = (): IndexedAnnotation[] => collect(parts, (p) => hasCode(p, id), (a) => codesOf(a).includes(id));
    return itemsLater({ kind: 'code', key: `code:${id}`, label: code?.label ?? id, count, children: subs, code, unknownCode: code === undefined }, direct, order);
  };
  return (children.get(undefined) ?? []).map(build).filter((n) => n !== undefined);
}

/** Every annotation of a group and its sub-groups (with repeats when one is in several). */
export function allItems(node: GroupNode): IndexedAnnotation[] {
  const out = [...node.items];
  for (const c of node.children) out.push(...allItems(c));
  return out;
}

function byDocument(parts: readonly Tally[], sum: Sum, label: (d: string) => string, order: Order): GroupNode[] {
  return [...sum.documents]
    .map(([document, count]): GroupNode => {
      const items = (): IndexedAnnotation[] => collect(parts, (p) => p.documents.has(document), (a) => a.document === document);
      return itemsLater({ kind: 'document', key: `document:${document}`, label: label(document), count, children: [], document }, items, order);
    })
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function byAuthor(parts: readonly Tally[], sum: Sum, order: Order): GroupNode[] {
  return [...sum.authors]
    .sort(([a], [b]) => (a === NO_AUTHOR ? 1 : b === NO_AUTHOR ? -1 : a.localeCompare(b)))
    .map(([author, count]): GroupNode => {
      const items = (): IndexedAnnotation[] => collect(parts, (p) => p.authors.has(author), (a) => (authorOf(a) ?? NO_AUTHOR) === author);
      return itemsLater({ kind: 'author', key: `author:${author}`, label: author, count, children: [], author: author === NO_AUTHOR ? undefined : author }, items, order);
    });
}
