import * as vscode from 'vscode';
import { anchorAnnotations } from '../../core/annotations/annotationFactory';
import { compareData, type CompareData } from '../../core/charts/compareCharts';
import type { AnnotatedDocument, PlacedAnnotation } from '../../core/charts/passages';
import type { FrequencyDocument } from '../../core/charts/themeFrequencies';
import { readBytes } from '../../core/fs/readBytes';
import { MAX_DOCUMENT_BYTES } from '../../core/limits';
import { parseSidecar } from '../../core/sidecar/api';
import { decodeDocumentBytes } from '../../core/text/documentText';
import type { AnnotationStore } from '../annotations/annotationStore';
import type { CodebookService } from '../annotations/codebookService';
import { sidecarUriFor } from '../annotations/sidecarPaths';
import type { KnowledgePackService } from '../knowledgePackService';
import { isMarkdownLanguage } from '../languages';
import { logWarning } from '../logger';
import { setting } from '../settings';
import { WorkspaceFileSystem } from '../workspaceFileSystem';

/** Documents the view reads at most (the CLI's `report` walks a whole folder; a workspace may be huge). */
export const MAX_COMPARED_DOCUMENTS = 1000;
const DOCUMENTS = '**/*.{md,markdown,txt}';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.policy-lens/**}';

export interface WorkspaceComparison {
  readonly data: CompareData;
  /** Documents read; true when the limit cut the list. */
  readonly documents: number;
  readonly truncated: boolean;
  /** Each document's text as read (passage positions are turned into lines from it). */
  readonly texts: ReadonlyMap<string, string>;
}

/** The text as the editor has it when the document is open (unsaved edits included), else from disk. */
async function documentText(port: WorkspaceFileSystem, uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const read = await readBytes(port, uri.toString(), MAX_DOCUMENT_BYTES);
  if (!read) return undefined;
  const doc = decodeDocumentBytes(read.bytes);
  return doc.binary ? undefined : doc.text;
}

/**
 * A document's annotations where they are now: the annotation store's live ranges when the document is open
 * (edits not yet saved included), else its sidecar re-anchored in the text; orphans are left out.
 */
async function annotationsOf(port: WorkspaceFileSystem, store: AnnotationStore, uri: vscode.Uri, text: string): Promise<PlacedAnnotation[]> {
  const live = store.peek(uri);
  if (live) {
    const out: PlacedAnnotation[] = [];
    for (const [id, a] of live.annotations) {
      const r = live.ranges.get(id);
      if (r && r !== 'orphaned') out.push({ id, codes: a.codes, start: r.start, end: r.end });
    }
    return out;
  }
  const sidecar = sidecarUriFor(uri);
  const maxBytes = setting('sidecarMaxBytes');
  const read = await readBytes(port, sidecar.toString(), maxBytes);
  if (!read) return [];
  const parsed = parseSidecar(vscode.workspace.asRelativePath(sidecar), read.bytes, { maxBytes });
  return anchorAnnotations(text, parsed.annotations).flatMap(({ annotation, anchor }) =>
    anchor.status === 'orphaned' ? [] : [{ id: annotation.id, codes: annotation.codes, start: anchor.start, end: anchor.end }],
  );
}

/**
 * Everything *Compare Plans* shows, for the whole workspace: each Markdown or text document (up to
 * MAX_COMPARED_DOCUMENTS) counted for themes when it is a known plan, and its annotations for the codes. A
 * file that cannot be read is left out and logged; the rest still count.
 */
export async function compareWorkspace(packs: KnowledgePackService, store: AnnotationStore, codebook: CodebookService, token?: vscode.CancellationToken): Promise<WorkspaceComparison | undefined> {
  const [{ pack, matcher }, codes, uris] = await Promise.all([packs.get(), codebook.codes(), vscode.workspace.findFiles(DOCUMENTS, EXCLUDE, MAX_COMPARED_DOCUMENTS + 1, token)]);
  const truncated = uris.length > MAX_COMPARED_DOCUMENTS;
  const port = new WorkspaceFileSystem();
  const documents: FrequencyDocument[] = [];
  const annotated: AnnotatedDocument[] = [];
  const sorted = uris.slice(0, MAX_COMPARED_DOCUMENTS).sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
  for (const uri of sorted) {
    if (token?.isCancellationRequested) return undefined;
    try {
      const text = await documentText(port, uri);
      if (text === undefined) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const markdown = open ? isMarkdownLanguage(open.languageId) : /\.(md|markdown)$/i.test(uri.path);
      const d = { document: uri.toString(), label: vscode.workspace.asRelativePath(uri), text, markdown };
      documents.push(d);
      const annotations = await annotationsOf(port, store, uri, text);
      if (annotations.length) annotated.push({ ...d, annotations });
    } catch (err) {
      logWarning(`Compare Plans: ${vscode.workspace.asRelativePath(uri)} left out: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const texts = new Map(documents.map((d) => [d.document, d.text]));
  return { data: compareData(pack, documents, annotated, codes, matcher), documents: documents.length, truncated, texts };
}
