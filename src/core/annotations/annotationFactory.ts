import { createSelectors, reanchorAll, type AnchorResult } from '../anchoring';
import { newAnnotationId } from '../sidecar/ids';
import type { Annotation, AnnotationLink } from '../sidecar/model';

export interface NewAnnotation {
  /** The document's text and the annotated span in it (UTF-16 offsets, end exclusive). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly codes: readonly string[];
  readonly note?: string;
  readonly links?: readonly AnnotationLink[];
  readonly author?: string;
  readonly now?: Date;
  readonly id?: string;
}

/** A new annotation with quote and position selectors; the editor and the CLI both create them here. */
export function createAnnotation(n: NewAnnotation): Annotation {
  if (n.start < 0 || n.end > n.text.length || n.start >= n.end) throw new RangeError(`empty or invalid span ${n.start}-${n.end}`);
  const { quote, position } = createSelectors(n.text, n.start, n.end);
  const a: Annotation = { id: n.id ?? newAnnotationId(), target: { quote, position }, codes: [...n.codes], created: (n.now ?? new Date()).toISOString() };
  const note = n.note?.trim();
  if (note) a.note = note;
  if (n.links?.length) a.links = n.links.map((l) => ({ ...l }));
  if (n.author) a.author = n.author;
  return a;
}

/** The annotation with selectors refreshed for the span it now covers; the same object when nothing changed. */
export function withFreshSelectors(text: string, a: Annotation, start: number, end: number): Annotation {
  const { quote, position } = createSelectors(text, start, end);
  const t = a.target;
  if (t.position.start === position.start && t.position.end === position.end && t.quote.exact === quote.exact && t.quote.prefix === quote.prefix && t.quote.suffix === quote.suffix) return a;
  return { ...a, target: { quote, position } };
}

export interface AnchoredAnnotation {
  readonly annotation: Annotation;
  readonly anchor: AnchorResult;
}

/** Re-anchors every annotation of a sidecar in the document's current text. */
export function anchorAnnotations(text: string, annotations: readonly Annotation[]): AnchoredAnnotation[] {
  const results = reanchorAll(text, annotations.map((a) => a.target));
  return annotations.map((annotation, i) => ({ annotation, anchor: results[i]! }));
}
