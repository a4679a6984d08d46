import { usedCodes, type ChartCode } from './codeCounts';
import { excerpt, type AnnotatedDocument, type Passage, type PlacedAnnotation } from './passages';

export interface Cooccurrence {
  readonly codes: readonly ChartCode[];
  /**
   * counts[i][j] (symmetric): for i ≠ j, the pairs of overlapping annotations (an annotation overlaps itself)
   * where one carries code i and the other code j; on the diagonal, the annotations that carry code i.
   */
  readonly counts: readonly (readonly number[])[];
  /** The passages behind a cell: each pair's overlap (the annotation itself on the diagonal), in document order. */
  passages(i: number, j: number): readonly Passage[];
}

/**
 * Code co-occurrence: two codes co-occur where annotations that overlap (share at least one character)
 * carry them, as qualitative-analysis tools count "overlapping segments". Each document's annotations are
 * swept once in start order, so only pairs that really overlap are visited (not all n² pairs).
 */
export function cooccurrence(documents: readonly AnnotatedDocument[], known: readonly ChartCode[]): Cooccurrence {
  const codes = usedCodes(documents, known);
  const index = new Map(codes.map((c, i) => [c.id, i]));
  const n = codes.length;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const cells = new Map<number, Passage[]>();
  const add = (i: number, j: number, p: Passage): void => {
    const [lo, hi] = i <= j ? [i, j] : [j, i];
    counts[lo]![hi]!++;
    if (lo !== hi) counts[hi]![lo]!++;
    const key = lo * n + hi;
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(p);
  };
  for (const d of documents) {
    const ordered = d.annotations.filter((a) => a.end > a.start).sort((a, b) => a.start - b.start || a.end - b.end);
    let active: PlacedAnnotation[] = [];
    for (const b of ordered) {
      active = active.filter((a) => a.end > b.start);
      const bCodes = [...new Set(b.codes)].map((c) => index.get(c)!);
      const own: Passage = { document: d.document, start: b.start, end: b.end, excerpt: excerpt(d.text, b.start, b.end), annotations: [b.id] };
      bCodes.forEach((i, k) => {
        add(i, i, own);
        for (const j of bCodes.slice(k + 1)) add(i, j, own);
      });
      for (const a of active) {
        // a starts no later than b and ends after b starts: they overlap over [b.start, min(ends)).
        const end = Math.min(a.end, b.end);
        const overlap: Passage = { document: d.document, start: b.start, end, excerpt: excerpt(d.text, b.start, end), annotations: [a.id, b.id] };
        const pairs = new Set<number>();
        for (const c of new Set(a.codes)) {
          const i = index.get(c)!;
          for (const j of bCodes) if (i !== j) pairs.add(Math.min(i, j) * n + Math.max(i, j));
        }
        for (const key of pairs) add(Math.floor(key / n), key % n, overlap);
      }
      active.push(b);
      // Passages go in at b.start, which only grows: each cell's list is in document order as it is built.
    }
  }
  return {
    codes,
    counts,
    passages: (i, j) => cells.get(Math.min(i, j) * n + Math.max(i, j)) ?? [],
  };
}
