import { createSelectors, reanchorAll, type AnchorStatus, type Selectors } from '../anchoring';
import type { Annotation } from '../sidecar/model';
import { CodePointOffsets } from '../text/codePointOffsets';
import { LineIndex } from '../text/lineIndex';
import type { InterchangeDocument, PositionHint } from './model';

export interface AttachedDocument {
  readonly document: InterchangeDocument;
  /** How each annotation (by id) was found in the text; orphans are kept, with the quote they came with. */
  readonly status: ReadonlyMap<string, AnchorStatus>;
}

/**
 * An imported document that came without its text (W3C JSON, CSV), given the text as the editor sees it:
 * each annotation's position hint converted to UTF-16 offsets, then every annotation re-anchored there with
 * the core's re-anchoring (the quote decides, the hint only guides), and given fresh selectors. An
 * annotation that came with a position but no quote takes its quote from the text. Documents that came with
 * their text are returned as they are.
 */
export function attachText(doc: InterchangeDocument, text: string): AttachedDocument {
  if (!doc.textMissing) return { document: doc, status: new Map(doc.annotations.map((a) => [a.id, 'exact'])) };
  const convert = hintConverter(text);
  const selectors = doc.annotations.map((a): Selectors => {
    const hint = doc.positionHints?.get(a.id);
    const span = hint ? convert(hint) : { start: 0, end: 0 };
    if (a.target.quote.exact === '' && span.end > span.start) return createSelectors(text, span.start, span.end);
    return { quote: a.target.quote, position: span };
  });
  const results = reanchorAll(text, selectors);
  const status = new Map<string, AnchorStatus>();
  const annotations = doc.annotations.map((a, i): Annotation => {
    const r = results[i]!;
    status.set(a.id, r.status);
    const target = r.status === 'orphaned' ? selectors[i]! : createSelectors(text, r.start, r.end);
    return { ...a, target: { quote: { ...target.quote }, position: { ...target.position } } };
  });
  const { textMissing: _missing, positionHints: _hints, ...rest } = doc;
  return { document: { ...rest, text, annotations }, status };
}

function hintConverter(text: string): (hint: PositionHint) => { start: number; end: number } {
  let points: CodePointOffsets | undefined;
  let lines: LineIndex | undefined;
  return (hint) => {
    let start: number;
    let end: number;
    if (hint.unit === 'codePoint') {
      points ??= new CodePointOffsets(text);
      start = points.toUtf16(hint.start);
      end = points.toUtf16(hint.end);
    } else {
      lines ??= new LineIndex(text);
      start = lines.offsetAt(hint.start);
      end = lines.offsetAt(hint.end);
    }
    return start <= end ? { start, end } : { start: end, end: start };
  };
}
