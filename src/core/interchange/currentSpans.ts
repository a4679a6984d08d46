import { createSelectors, reanchorAll, type AnchorStatus, type QuoteSelector } from '../anchoring';
import type { Annotation } from '../sidecar/model';
import type { InterchangeDocument } from './model';

/** Where an annotation is in the document's text now, as the editor would show it. */
export interface CurrentSpan {
  readonly annotation: Annotation;
  readonly status: AnchorStatus;
  /** UTF-16 offsets into the text; -1 when orphaned. */
  readonly start: number;
  readonly end: number;
  /** Fresh selectors' quote where attached; the stored one when orphaned. */
  readonly quote: QuoteSelector;
}

/**
 * Re-anchors a document's annotations against its text with the core's one re-anchoring function, as the
 * editor does on opening it: an export then writes where each passage is now (a sidecar's position is only
 * a hint once the document changed), and says which could not be found. Results in document order.
 */
export function currentSpans(doc: InterchangeDocument): CurrentSpan[] {
  const results = reanchorAll(doc.text, doc.annotations.map((a) => a.target));
  const spans = doc.annotations.map((annotation, i): CurrentSpan => {
    const r = results[i]!;
    if (r.status === 'orphaned') return { annotation, status: r.status, start: -1, end: -1, quote: annotation.target.quote };
    return { annotation, status: r.status, start: r.start, end: r.end, quote: createSelectors(doc.text, r.start, r.end).quote };
  });
  const key = (s: CurrentSpan): number => (s.start >= 0 ? s.start : s.annotation.target.position.start);
  return spans.sort((a, b) => key(a) - key(b) || (a.annotation.id < b.annotation.id ? -1 : a.annotation.id > b.annotation.id ? 1 : 0));
}
