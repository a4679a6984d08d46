import * as path from 'path';
import { anchorAnnotations, createAnnotation } from '../core/annotations/annotationFactory';
import { formatProblem } from '../core/data/problem';
import type { KnowledgePack } from '../core/data/model';
import { FileSystemError } from '../core/fs/fileSystem';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';
import { codeProblems, documentFieldFor } from '../core/sidecar/fieldChecks';
import { uniqueAnnotationId } from '../core/sidecar/ids';
import { SidecarPersistence, SidecarWriteRefused, type SidecarState } from '../core/sidecar/persistence';
import { LineIndex } from '../core/text/lineIndex';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { CliError } from './cliError';
import type { Output } from './commands';
import { readDocument } from './documents';

export const SIDECAR_SUFFIX = '.annotations.yaml';

/** The sidecar beside a document (the CLI does not read editor settings such as policyLens.sidecarFolder). */
export function sidecarPathFor(file: string): string {
  return `${file}${SIDECAR_SUFFIX}`;
}

function persistence(): SidecarPersistence {
  return new SidecarPersistence(new NodeFileSystem(), { maxBytes: DEFAULT_SIDECAR_MAX_BYTES });
}

/** The protocol's failures as CLI errors: only "not found" is "no sidecar"; anything else stops, the file untouched. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FileSystemError || err instanceof SidecarWriteRefused) throw new CliError(err.message);
    throw err;
  }
}

function parseSpan(span: string | undefined, index: LineIndex): { start: number; end: number } {
  const m = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(span ?? '');
  if (!m) throw new CliError(`expected a span LINE:CHAR-LINE:CHAR (0-based), got '${span ?? ''}'`, 2);
  const [sl, sc, el, ec] = m.slice(1).map(Number) as [number, number, number, number];
  if (sl >= index.lineCount || el >= index.lineCount) throw new CliError(`span ${span} is past the end of the document (${index.lineCount} lines)`);
  const start = index.offsetAt({ line: sl, character: sc });
  const end = index.offsetAt({ line: el, character: ec });
  if (end <= start) throw new CliError(`span ${span} is empty`);
  return { start, end };
}

/** Adds an annotation through the same code the editor uses: the sidecar protocol (lock, re-read, merge, validate, atomic write). */
export async function annotateCommand(pack: KnowledgePack, file: string, span: string | undefined, codes: readonly string[], note: string | undefined): Promise<Output> {
  if (codes.length === 0) throw new CliError('give at least one --code ID', 2);
  const unique = [...new Set(codes)];
  const bad = codeProblems(unique);
  if (bad.length) throw new CliError(`${bad.join('; ')}`, 2);
  if (unique.length < codes.length) process.stderr.write(`policy-lens: note: a code given twice is recorded once\n`);
  const known = new Set(pack.themes.map((t) => t.id));
  const unknown = unique.filter((c) => !known.has(c));
  if (unknown.length) process.stderr.write(`policy-lens: note: ${unknown.join(', ')} not among the knowledge pack's themes (a workspace code?)\n`);
  const text = await readDocument(file);
  const { start, end } = parseSpan(span, new LineIndex(text));
  const documentName = path.basename(file);
  try {
    documentFieldFor(documentName);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  const sidecarFile = sidecarPathFor(file);
  const store = persistence();
  const base: SidecarState = await guarded(() => store.read(sidecarFile, text.length));
  if (base.readOnly) {
    throw new CliError(`${sidecarFile} has errors; it is left untouched:\n${base.problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n')}`);
  }
  const id = uniqueAnnotationId(new Set(base.annotations.map((a) => a.id)));
  const annotation = createAnnotation({ id, text, start, end, codes: unique, note, author: process.env['USER'] });
  const result = await guarded(() => store.write({ sidecar: sidecarFile, documentName, base, annotations: [...base.annotations, annotation], documentLength: text.length }));
  if (!result.state.annotations.some((a) => a.id === id)) throw new CliError(`${sidecarFile}: the annotation was not kept (the file changed while it was written); try again`);
  return { json: { id, sidecar: sidecarFile }, text: id };
}

/** Every annotation of a document, re-anchored in its current text by the editor's code. */
export async function annotationsCommand(file: string): Promise<Output> {
  const text = await readDocument(file);
  const sidecarFile = sidecarPathFor(file);
  const parsed = await guarded(() => persistence().read(sidecarFile, text.length));
  if (!parsed.exists) return { json: [], text: `${file}: no annotations (${sidecarFile} does not exist)` };
  for (const p of parsed.problems) process.stderr.write(`${formatProblem(p)}\n`);
  const index = new LineIndex(text);
  const rows = anchorAnnotations(text, parsed.annotations).map(({ annotation, anchor }) => ({
    id: annotation.id,
    status: anchor.status,
    score: Math.round(anchor.score * 1000) / 1000,
    start: anchor.status === 'orphaned' ? null : index.positionAt(anchor.start),
    end: anchor.status === 'orphaned' ? null : index.positionAt(anchor.end),
  }));
  const lines = rows.map((r) => `${r.id}\t${r.status.padEnd(8)}\t${r.score.toFixed(3)}\t${r.start ? `${r.start.line}:${r.start.character}-${r.end!.line}:${r.end!.character}` : '-'}`);
  return { json: rows, text: lines.join('\n') || `${file}: no annotations` };
}
