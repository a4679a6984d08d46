import { reanchorAll, type AnchorStatus } from '../anchoring';
import type { FileSystemPort } from '../fs/fileSystem';
import { readBytes } from '../fs/readBytes';
import { MAX_DOCUMENT_BYTES } from '../limits';
import type { Annotation } from '../sidecar/model';
import { decodeDocumentBytes } from '../text/documentText';

/**
 * Where each annotation stands in the document's text: exact when its quote is still at its position (the
 * common case, checked without any search), else what re-anchoring finds (moved, fuzzy or orphaned).
 */
export function anchorStatuses(text: string, annotations: readonly Annotation[]): Map<string, AnchorStatus> {
  const out = new Map<string, AnchorStatus>();
  const rest: Annotation[] = [];
  for (const a of annotations) {
    const { start, end } = a.target.position;
    const exact = a.target.quote.exact;
    if (end - start === exact.length && text.startsWith(exact, start)) out.set(a.id, 'exact');
    else rest.push(a);
  }
  if (rest.length > 0) reanchorAll(text, rest.map((a) => a.target)).forEach((r, i) => out.set(rest[i]!.id, r.status));
  return out;
}

/**
 * The statuses against the document as it is on disk (the one bounded reader, decoded as VS Code decodes it).
 * A document that is gone, binary or unreadable orphans every annotation: none of them can be shown there.
 */
export async function anchorOnDisk(port: FileSystemPort, document: string, annotations: readonly Annotation[], maxBytes = MAX_DOCUMENT_BYTES): Promise<Map<string, AnchorStatus>> {
  let text: string | undefined;
  try {
    const got = await readBytes(port, document, maxBytes);
    if (got) {
      const decoded = decodeDocumentBytes(got.bytes);
      if (!decoded.binary) text = decoded.text;
    }
  } catch {
    text = undefined;
  }
  if (text === undefined) return new Map(annotations.map((a) => [a.id, 'orphaned' as const]));
  return anchorStatuses(text, annotations);
}
