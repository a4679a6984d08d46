import type { GroupNode } from './grouping';
import { startOf, type IndexedAnnotation } from './model';

/** A recognised provision of a document as offsets (the editor maps the recognition's line ranges). */
export interface ProvisionSpan {
  readonly id: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** Deeper provisions sit inside shallower ones; the innermost that holds an annotation's start wins. */
  readonly depth: number;
}

/**
 * A document's annotations by provision (as the core recognition located them), in document order; the
 * annotations before the first provision, or in a document recognised as no plan, stay in the document itself.
 */
export function groupByProvision(document: GroupNode, spans: readonly ProvisionSpan[]): GroupNode {
  if (spans.length === 0) return document;
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.depth - b.depth);
  const buckets = new Map<ProvisionSpan, IndexedAnnotation[]>();
  const loose: IndexedAnnotation[] = [];
  for (const a of document.items) {
    const at = startOf(a);
    let hit: ProvisionSpan | undefined;
    for (const s of sorted) {
      if (s.start > at) break;
      if (at < s.end && (!hit || s.depth >= hit.depth)) hit = s;
    }
    if (!hit) loose.push(a);
    else {
      const b = buckets.get(hit) ?? [];
      b.push(a);
      buckets.set(hit, b);
    }
  }
  const children = sorted
    .filter((s) => buckets.has(s))
    .map((s): GroupNode => {
      const items = buckets.get(s)!;
      return { kind: 'provision', key: `${document.key}#${s.id}`, label: s.label, items, count: items.length, children: [], document: document.document };
    });
  return { ...document, items: loose, children };
}
