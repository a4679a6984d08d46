/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/) as JSON-LD: one AnnotationCollection whose
 * first page holds every annotation. Each annotation targets its document's workspace path with a
 * TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector, whose offsets the model counts in
 * code points (ours are UTF-16 units: converted). Codes are TextualBody tags, the note a comment.
 * Counterpart links have no body the model defines for them and are not written (the README says so).
 */
import type { Annotation } from '../sidecar/model';
import { CodePointOffsets } from '../text/codePointOffsets';
import { currentSpans, type CurrentSpan } from './currentSpans';
import { ANNOTATION_URN_PREFIX } from './importValues';
import type { InterchangeProject } from './model';

export { importW3c } from './w3cImport';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The project as a W3C AnnotationCollection, pretty-printed JSON (UTF-8 when written). */
export function exportW3c(project: InterchangeProject): string {
  const items: object[] = [];
  for (const doc of project.documents) {
    const points = new CodePointOffsets(doc.text);
    for (const span of currentSpans(doc)) items.push(annotationJson(doc.path, span, points));
  }
  const collection = {
    '@context': W3C_CONTEXT,
    type: 'AnnotationCollection',
    label: project.name,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

function annotationJson(path: string, span: CurrentSpan, points: CodePointOffsets): object {
  const a = span.annotation;
  const body = [
    ...a.codes.map((code) => ({ type: 'TextualBody', purpose: 'tagging', value: code })),
    ...(a.note !== undefined ? [{ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' }] : []),
  ];
  const selector: object[] = [{ type: 'TextQuoteSelector', exact: span.quote.exact, prefix: span.quote.prefix, suffix: span.quote.suffix }];
  // An orphan's passage is nowhere in the text now: it keeps its quote, and no position would be true.
  if (span.status !== 'orphaned') selector.push({ type: 'TextPositionSelector', start: points.toCodePoint(span.start), end: points.toCodePoint(span.end) });
  // Annotations embedded in a page share the collection's @context (the model lets them leave it out).
  return {
    id: ANNOTATION_URN_PREFIX + a.id,
    type: 'Annotation',
    motivation: motivationOf(a),
    ...(a.author !== undefined ? { creator: { type: 'Person', name: a.author } } : {}),
    created: a.created,
    ...(a.modified !== undefined ? { modified: a.modified } : {}),
    ...(body.length ? { body } : {}),
    target: { source: path, selector },
  };
}

function motivationOf(a: Annotation): string {
  if (a.note !== undefined) return 'commenting';
  return a.codes.length ? 'tagging' : 'highlighting';
}
