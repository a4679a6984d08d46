import { decodeSidecarBytes } from '../sidecar/decode';
import { fastRead } from '../sidecar/fastRead';
import { ANNOTATION_ID_PATTERN } from '../sidecar/ids';
import { canonicalAnnotation, SIDECAR_VERSION, type Annotation } from '../sidecar/model';
import { lfText, parseSidecar } from '../sidecar/parse';

export interface IndexRead {
  readonly annotations: Annotation[];
  readonly problemCount: number;
  readonly readOnly: boolean;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The fields the explorer shows and filters on, with the types the schema gives them. */
function looksRight(v: unknown): v is Annotation {
  const a = v as Partial<Annotation> | null;
  if (!a || typeof a !== 'object' || !isString(a.id) || !ANNOTATION_ID_PATTERN.test(a.id) || !isString(a.created)) return false;
  if (!Array.isArray(a.codes) || a.codes.length === 0 || !a.codes.every(isString)) return false;
  if ((a.note !== undefined && !isString(a.note)) || (a.author !== undefined && !isString(a.author)) || (a.links !== undefined && !Array.isArray(a.links))) return false;
  const q = a.target?.quote;
  const p = a.target?.position;
  return !!q && isString(q.exact) && isString(q.prefix) && isString(q.suffix) && !!p && isOffset(p.start) && isOffset(p.end) && p.end >= p.start;
}

/**
 * A sidecar's annotations for the index. A file as Policy Lens writes it is read by the sidecar fast reader
 * alone, with the fields the explorer uses checked (the full schema check and problem positions are the
 * editor's when the document is opened: that costs a third more on 100,000 annotations). Anything else — a
 * file outside the fast reader's subset, a field of the wrong type, a duplicate id, invalid UTF-8 — goes to
 * parseSidecar, the reader every load uses, so such a file shows exactly what the editor loads of it.
 */
export function readForIndex(display: string, bytes: Uint8Array, maxBytes: number): IndexRead {
  const decoded = decodeSidecarBytes(bytes);
  const lf = decoded.problems.length === 0 ? lfText(decoded.text) : undefined;
  const read = lf === undefined ? undefined : fastRead(lf);
  const value = read?.value;
  const items = value?.['annotations'];
  if (read && value?.['version'] === SIDECAR_VERSION && isString(value['document']) && Array.isArray(items)) {
    const ids = new Set<string>();
    const out: Annotation[] = [];
    for (const item of items) {
      if (!looksRight(item) || ids.has(item.id)) break;
      ids.add(item.id);
      out.push(read.canonicalOrder ? item : canonicalAnnotation(item));
    }
    if (out.length === items.length) return { annotations: out, problemCount: 0, readOnly: false };
  }
  const parsed = parseSidecar(display, bytes, { maxBytes });
  return { annotations: parsed.annotations, problemCount: parsed.problems.length, readOnly: parsed.readOnly };
}
