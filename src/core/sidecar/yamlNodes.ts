import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

export type NodePath = (string | number)[];

/** Tags a sidecar may carry explicitly: the YAML core schema's own. Anything else is refused. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`),
);

export interface UnsafeNode {
  readonly path: NodePath;
  readonly kind: 'alias' | 'tag';
  readonly detail: string;
}

/**
 * Aliases and non-core tags under `node`, with their value paths. Sidecars never need either: the
 * writer emits neither, aliases are how alias bombs work, and custom tags (`!!js/function`, `!foo`)
 * are how other YAML loaders are made to construct or run things.
 */
export function findUnsafeNodes(node: unknown, path: NodePath = [], out: UnsafeNode[] = []): UnsafeNode[] {
  if (isAlias(node)) {
    out.push({ path: [...path], kind: 'alias', detail: `*${node.source}` });
    return out;
  }
  // The yaml package sets `tag` on a parsed node only when the source names one (e.g. `!!str`).
  const tag = (node as Node | null | undefined)?.tag;
  if (typeof tag === 'string' && !CORE_TAGS.has(tag)) out.push({ path: [...path], kind: 'tag', detail: tag });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
      if (!isScalar(pair.key) || pair.key.tag !== undefined) findUnsafeNodes(pair.key, path, out);
      if (!isScalar(pair.value) || pair.value.tag !== undefined) findUnsafeNodes(pair.value, path, out);
      path.pop();
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      path.push(i);
      findUnsafeNodes(node.items[i], path, out);
      path.pop();
    }
  }
  return out;
}

/** Path of the innermost node whose source range contains `offset`. */
export function pathAt(root: unknown, offset: number): NodePath {
  const path: NodePath = [];
  let node: unknown = root;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && spanOf(p.key, p.value, offset));
      if (!pair) break;
      path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
      if (!contains(pair.value, offset)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = itemAt(node.items, offset);
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else break;
  }
  return path;
}

/**
 * Index of the item whose range contains `offset`, or -1. Items are in source order and do not overlap, so
 * a binary search: pathAt runs once per invalid byte, and a scan per call was quadratic on a list of 100,000.
 */
function itemAt(items: readonly unknown[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rangeOf(items[mid]);
    if (!r) return items.findIndex((it) => contains(it, offset)); // no range (not from a parse): scan
    if (offset < r[0]) hi = mid - 1;
    else if (offset >= Math.max(r[1], r[2])) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as Node | null | undefined)?.range ?? undefined;
}

function contains(node: unknown, offset: number): boolean {
  const r = rangeOf(node);
  return r !== undefined && r[0] <= offset && offset < Math.max(r[1], r[2]);
}

function spanOf(key: unknown, value: unknown, offset: number): boolean {
  const k = rangeOf(key);
  const v = rangeOf(value);
  const start = k?.[0] ?? v?.[0];
  const end = v ? Math.max(v[1], v[2]) : k ? Math.max(k[1], k[2]) : undefined;
  return start !== undefined && end !== undefined && start <= offset && offset < end;
}

/** Line starts counted at '\n' (as the yaml package's LineCounter does), for offset ↔ line/column. */
export class LineStarts {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** From line starts already counted (as the fast reader counts them). */
  static fromStarts(starts: readonly number[]): LineStarts {
    const lines = Object.create(LineStarts.prototype) as { starts: readonly number[] };
    lines.starts = starts;
    return lines as unknown as LineStarts;
  }

  get count(): number {
    return this.starts.length;
  }

  /** Offset of the start of `line` (0-based); the text length past the last line. */
  start(line: number, textLength: number): number {
    return line < this.starts.length ? this.starts[line]! : textLength;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
