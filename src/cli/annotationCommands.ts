import * as path from 'path';
import { anchorAnnotations, createAnnotation } from '../core/annotations/annotationFactory';
import { formatProblem } from '../core/data/problem';
import type { KnowledgePack } from '../core/data/model';
import { FileSystemError } from '../core/fs/fileSystem';
import { codeProblems, documentFieldFor } from '../core/sidecar/fieldChecks';
import { uniqueAnnotationId } from '../core/sidecar/ids';
import { SidecarWriteRefused, type SidecarState } from '../core/sidecar/persistence';
import { validateSpan } from '../core/text/codePoints';
import { parsePositionLiteral, positionShapeProblem, type PositionLiteral } from '../core/text/positionLiteral';
import { LineIndex } from '../core/text/lineIndex';
import { CliError } from './cliError';
import type { Output } from './commands';
import { readDocument } from './documents';
import { documentMismatch, loadSidecar, sidecarPathFor, sidecarPersistence } from './sidecarRead';

export { SIDECAR_SUFFIX, sidecarPathFor } from './sidecarRead';

/** The protocol's failures as CLI errors: only "not found" is "no sidecar"; anything else stops, the file untouched. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FileSystemError || err instanceof SidecarWriteRefused) throw new CliError(err.message);
    throw err;
  }
}

/** LINE:CHAR-LINE:CHAR, each end checked against the document; a span may not cut a character in two. */
function parseSpan(span: string | undefined, index: LineIndex): { start: number; end: number } {
  const ends = (span ?? '').split('-');
  if (ends.length !== 2 || ends.some((e) => positionShapeProblem(e) !== undefined)) throw new CliError(`expected a span LINE:CHAR-LINE:CHAR (0-based), got '${span ?? ''}'`, 2);
  const [from, to] = ends.map((e) => parsePositionLiteral(e, index)) as [PositionLiteral, PositionLiteral];
  if (!from.ok) throw new CliError(`span ${span}: ${from.message}`, 2);
  if (!to.ok) throw new CliError(`span ${span}: ${to.message}`, 2);
  const problem = validateSpan(index.text, from.offset, to.offset);
  if (problem) {
    const a = index.positionAt(problem.snapped.start);
    const b = index.positionAt(problem.snapped.end);
    const hint = problem.snapped.end > problem.snapped.start ? ` (use ${a.line}:${a.character}-${b.line}:${b.character})` : '';
    throw new CliError(`span ${span}: ${problem.message}${hint}`, 2);
  }
  return { start: from.offset, end: to.offset };
}

/** Adds an annotation through the same code the editor uses: the sidecar protocol (lock, re-read, merge, validate, atomic write). */
export async function annotateCommand(pack: KnowledgePack, file: string, span: string | undefined, codes: readonly string[], note: string | undefined, author?: string): Promise<Output> {
  if (author !== undefined && author.trim() === '') throw new CliError('--author needs a name', 2);
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
  const store = sidecarPersistence();
  const base: SidecarState = await guarded(() => store.read(sidecarFile, text.length));
  const mismatch = base.exists ? documentMismatch(sidecarFile, file, base) : undefined;
  if (mismatch) process.stderr.write(`${formatProblem(mismatch)}\n`);
  if (base.readOnly) {
    throw new CliError(`${sidecarFile} has errors; it is left untouched:\n${base.problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n')}`);
  }
  const id = uniqueAnnotationId(new Set(base.annotations.map((a) => a.id)));
  const annotation = createAnnotation({ id, text, start, end, codes: unique, note, author: author?.trim() ?? process.env['USER'] });
  const result = await guarded(() => store.write({ sidecar: sidecarFile, documentName, base, annotations: [...base.annotations, annotation], documentLength: text.length }));
  if (!result.state.annotations.some((a) => a.id === id)) throw new CliError(`${sidecarFile}: the annotation was not kept (the file changed while it was written); try again`);
  return { json: { id, sidecar: sidecarFile }, text: id };
}

/** Every annotation of a document, re-anchored in its current text by the editor's code. */
export async function annotationsCommand(file: string): Promise<Output> {
  const text = await readDocument(file);
  const sidecarFile = sidecarPathFor(file);
  const loaded = await guarded(() => loadSidecar(file, text.length, true));
  if (!loaded) return { json: [], text: `${file}: no annotations (${sidecarFile} does not exist)` };
  const parsed = loaded.state;
  for (const p of [...(loaded.documentMismatch ? [loaded.documentMismatch] : []), ...parsed.problems]) process.stderr.write(`${formatProblem(p)}\n`);
  const index = new LineIndex(text);
  const rows = anchorAnnotations(text, parsed.annotations).map(({ annotation, anchor }) => ({
    id: annotation.id,
    status: anchor.status,
    score: Math.round(anchor.score * 1000) / 1000,
    start: anchor.status === 'orphaned' ? null : index.positionAt(anchor.start),
    end: anchor.status === 'orphaned' ? null : index.positionAt(anchor.end),
  }));
  const lines = rows.map((r) => `${r.id}\t${r.status.padEnd(8)}\t${r.score.toFixed(3)}\t${r.start ? `${r.start.line}:${r.start.character}-${r.end!.line}:${r.end!.character}` : '-'}`);
  // A sidecar with errors is shown as far as it loads, but the command fails: scripts must not take it as fine.
  return { json: rows, text: lines.join('\n') || `${file}: no annotations`, failed: parsed.readOnly };
}
