/**
 * The annotations under the cursor, found without looking at every annotation: an interval index over
 * closed ranges [start, end] (a cursor at either end of an annotation is on it, as in AnnotationStore.at).
 *
 * Ranges are sorted by start and cut into blocks of BLOCK; each block knows the largest end in it and in
 * every block before it. A lookup finds by binary search the last range starting at or before the offset,
 * then walks back block by block, and stops at the first block before which no range reaches the offset.
 * Annotations are short, so that is one or two blocks; a long one early in the document costs more blocks,
 * never a wrong answer. Built in O(n log n) (10,000 ranges: a few milliseconds); the index is immutable —
 * build a new one when ranges change (the editor does so lazily, on the first lookup after a change: AnnotationStore.at).
 */

export interface IndexedRange {
  readonly start: number;
  readonly end: number;
}

const BLOCK = 32;

export class RangeIndex<K> {
  private readonly keys: K[];
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** Position of each range in the order given, to answer in that order. */
  private readonly order: Int32Array;
  /** Per block: the largest end in blocks 0..b. */
  private readonly reachUpTo: Float64Array;
  /** Per block: the largest end in block b. */
  private readonly reachIn: Float64Array;

  /** `entries` in the order lookups should answer in (e.g. a Map's insertion order); others are skipped. */
  constructor(entries: Iterable<readonly [K, IndexedRange | 'orphaned' | undefined]>) {
    const list: { key: K; start: number; end: number; order: number }[] = [];
    let n = 0;
    for (const [key, range] of entries) {
      const order = n++;
      if (!range || range === 'orphaned') continue;
      const start = Math.min(range.start, range.end);
      const end = Math.max(range.start, range.end);
      list.push({ key, start, end, order });
    }
    list.sort((a, b) => a.start - b.start || a.order - b.order);
    const size = list.length;
    this.keys = list.map((r) => r.key);
    this.starts = Float64Array.from(list, (r) => r.start);
    this.ends = Float64Array.from(list, (r) => r.end);
    this.order = Int32Array.from(list, (r) => r.order);
    const blocks = Math.ceil(size / BLOCK);
    this.reachIn = new Float64Array(blocks).fill(-Infinity);
    this.reachUpTo = new Float64Array(blocks).fill(-Infinity);
    for (let i = 0; i < size; i++) {
      const b = (i / BLOCK) | 0;
      if (this.ends[i]! > this.reachIn[b]!) this.reachIn[b] = this.ends[i]!;
    }
    let reach = -Infinity;
    for (let b = 0; b < blocks; b++) {
      reach = Math.max(reach, this.reachIn[b]!);
      this.reachUpTo[b] = reach;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** Keys of the ranges with start ≤ offset ≤ end, in the order they were given. */
  at(offset: number): K[] {
    return this.overlapping(offset, offset);
  }

  /** Keys of the ranges meeting [from, to] (start ≤ to and end ≥ from), in the order they were given. */
  overlapping(from: number, to: number): K[] {
    const { starts, ends } = this;
    // The last range starting at or before `to`.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= to) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    let i = lo - 1;
    while (i >= 0) {
      const b = (i / BLOCK) | 0;
      if (this.reachUpTo[b]! < from) break; // nothing in this block or before it reaches `from`
      const blockStart = b * BLOCK;
      if (this.reachIn[b]! >= from) {
        for (let k = i; k >= blockStart; k--) if (ends[k]! >= from) hits.push(k);
      }
      i = blockStart - 1;
    }
    if (hits.length > 1) hits.sort((x, y) => this.order[x]! - this.order[y]!);
    return hits.map((k) => this.keys[k]!);
  }
}
