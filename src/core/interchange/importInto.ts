/**
 * An import written into a folder, never overwriting anything:
 *
 *   importInto(port: FileSystemPort, dir: string, result: ImportResult, options?: ImportIntoOptions): Promise<ImportSummary>
 *     Each document's text is written at DIR/<path> when no file is there (an existing one is kept, and
 *     the annotations find their passages by their quotes); its annotations are merged by id into its
 *     sidecar through the one persistence protocol (SidecarPersistence: lock, re-read, merge, validate,
 *     atomic write): an id already there keeps the sidecar's version. Codes that are neither known (the
 *     pack's themes) nor in DIR/.policy-lens/codebook.yaml are added to it. A document imported without its
 *     text (W3C, CSV: `textMissing`) must already be in DIR: its annotations are placed with attachText. A sidecar or codebook with
 *     errors is left untouched and reported in `warnings`; file-system failures throw FileSystemError.
 */
import { CODEBOOK_PATH } from '../codebook/codebook';
import type { FileSystemPort } from '../fs/fileSystem';
import { readBytes } from '../fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES, MAX_DOCUMENT_BYTES } from '../limits';
import { decodeSidecarBytes } from '../sidecar/decode';
import { SidecarPersistence, SidecarWriteRefused } from '../sidecar/persistence';
import { decodeDocumentBytes } from '../text/documentText';
import { attachText } from './attachText';
import { mergeCodebookText } from './codebookMerge';
import type { ImportResult } from './model';

export interface ImportIntoOptions {
  /** Code ids that need no codebook entry (the pack's themes). */
  readonly knownCodeIds?: Iterable<string>;
  /** Where a document's sidecar is; default `<document>.annotations.yaml` beside it. */
  readonly sidecarFor?: (document: string) => string;
  readonly maxSidecarBytes?: number;
}

export interface ImportSummary {
  /** Documents written (they were not there), as paths relative to DIR. */
  readonly documentsWritten: readonly string[];
  /** Documents already there: kept as they are. */
  readonly documentsKept: readonly string[];
  /** Sidecars written. */
  readonly sidecars: readonly string[];
  readonly annotationsAdded: number;
  /** Imported annotations whose id the sidecar already had: the sidecar's version stays. */
  readonly annotationsKept: number;
  readonly codesAdded: readonly string[];
  readonly codebook?: string;
  readonly warnings: readonly string[];
}

const encoder = new TextEncoder();

export async function importInto(port: FileSystemPort, dir: string, result: ImportResult, options: ImportIntoOptions = {}): Promise<ImportSummary> {
  const maxSidecar = options.maxSidecarBytes ?? DEFAULT_SIDECAR_MAX_BYTES;
  const store = new SidecarPersistence(port, { maxBytes: maxSidecar });
  const sidecarFor = options.sidecarFor ?? ((d: string) => `${d}.annotations.yaml`);
  const documentsWritten: string[] = [];
  const documentsKept: string[] = [];
  const sidecars: string[] = [];
  const warnings: string[] = [];
  let annotationsAdded = 0;
  let annotationsKept = 0;
  for (const imported of result.project.documents) {
    let doc = imported;
    const location = port.join(dir, ...doc.path.split('/'));
    const existing = await readBytes(port, location, MAX_DOCUMENT_BYTES);
    let documentLength: number | undefined = doc.text.length;
    if (doc.textMissing) {
      // W3C JSON and CSV carry no text: the document must be there, and the annotations are placed in it.
      if (!existing) {
        warnings.push(`${doc.path}: not in the folder, and the imported file does not carry its text; ${doc.annotations.length} annotation(s) not imported`);
        continue;
      }
      const text = decodeDocumentBytes(existing.bytes).text;
      const attached = attachText(doc, text);
      doc = attached.document;
      documentLength = text.length;
      documentsKept.push(doc.path);
      const orphans = [...attached.status.values()].filter((st) => st === 'orphaned').length;
      if (orphans) warnings.push(`${doc.path}: ${orphans} imported annotation(s) not found in the text; kept as orphans (Re-attach Orphaned Annotation… places them)`);
    } else if (existing) {
      documentsKept.push(doc.path);
      if (decodeDocumentBytes(existing.bytes).text !== doc.text) {
        warnings.push(`${doc.path}: already there with other text; kept as it is (its annotations are found by their quotes)`);
        documentLength = undefined;
      }
    } else {
      await port.writeFileAtomic(location, encoder.encode(doc.text));
      documentsWritten.push(doc.path);
    }
    if (doc.annotations.length === 0) continue;
    const sidecar = sidecarFor(location);
    const base = await store.read(sidecar, documentLength);
    if (base.readOnly) {
      warnings.push(`${sidecar}: has errors; left untouched, ${doc.annotations.length} annotation(s) not imported (policy-lens check lists them)`);
      continue;
    }
    const have = new Set(base.annotations.map((a) => a.id));
    const fresh = doc.annotations.filter((a) => !have.has(a.id));
    annotationsKept += doc.annotations.length - fresh.length;
    if (fresh.length === 0) continue;
    try {
      const written = await store.write({ sidecar, documentName: port.relative(port.dirname(sidecar), location), base, annotations: [...base.annotations, ...fresh], documentLength });
      const now = new Set(written.state.annotations.map((a) => a.id));
      annotationsAdded += fresh.filter((a) => now.has(a.id)).length;
      sidecars.push(sidecar);
    } catch (err) {
      if (!(err instanceof SidecarWriteRefused)) throw err;
      warnings.push(`${err.message.split('\n')[0]}; ${fresh.length} annotation(s) not imported`);
    }
  }
  const known = new Set(options.knownCodeIds ?? []);
  const codes = result.project.codes.filter((c) => !known.has(c.id));
  let codesAdded: readonly string[] = [];
  let codebook: string | undefined;
  if (codes.length) {
    const file = port.join(dir, ...CODEBOOK_PATH.split('/'));
    // Under the port's lock, as sidecars are: an editor adding a code meanwhile is not overwritten.
    const merge = async (): Promise<void> => {
      const read = await readBytes(port, file, maxSidecar);
      try {
        const merged = mergeCodebookText(read ? decodeSidecarBytes(read.bytes).text : undefined, codes);
        if (merged.added.length) {
          await port.writeFileAtomic(file, encoder.encode(merged.text));
          codebook = file;
        }
        codesAdded = merged.added;
      } catch (err) {
        warnings.push(`${file}: ${(err as Error).message}`);
      }
    };
    await (port.withLock ? port.withLock(file, merge) : merge());
  }
  return { documentsWritten, documentsKept, sidecars, annotationsAdded, annotationsKept, codesAdded, ...(codebook ? { codebook } : {}), warnings };
}
