import { promises as fs } from 'fs';
import * as path from 'path';
import { anchorAnnotations, createAnnotation } from '../core/annotations/annotationFactory';
import { formatProblem } from '../core/data/problem';
import type { KnowledgePack } from '../core/data/model';
import { parseSidecarForUpdate, type YamlAnalysis } from '../core/sidecar/parse';
import { serializeSidecar } from '../core/sidecar/serialize';
import { updateSidecar } from '../core/sidecar/update';
import { sortAnnotations } from '../core/sidecar/model';
import { LineIndex } from '../core/text/lineIndex';
import { CliError } from './cliError';
import type { Output } from './commands';
import { readDocument } from './documents';

export const SIDECAR_SUFFIX = '.annotations.yaml';
const MAX_BYTES = 10 * 1024 * 1024;

/** The sidecar beside a document (the CLI does not read editor settings such as policyLens.sidecarFolder). */
export function sidecarPathFor(file: string): string {
  return `${file}${SIDECAR_SUFFIX}`;
}

async function readSidecar(file: string, documentLength: number): Promise<{ text: string | undefined; parsed: ReturnType<typeof parseSidecarForUpdate>['result'] | undefined; yaml?: YamlAnalysis }> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return { text: undefined, parsed: undefined };
  }
  const { result, yaml } = parseSidecarForUpdate(file, new Uint8Array(bytes), { maxBytes: MAX_BYTES, documentLength });
  return { text: yaml?.text ?? bytes.toString('utf8'), parsed: result, yaml };
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

/** Adds an annotation through the same code the editor uses, writing the sidecar atomically. */
export async function annotateCommand(pack: KnowledgePack, file: string, span: string | undefined, codes: readonly string[], note: string | undefined): Promise<Output> {
  if (codes.length === 0) throw new CliError('give at least one --code ID', 2);
  const known = new Set(pack.themes.map((t) => t.id));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) process.stderr.write(`policy-lens: note: ${unknown.join(', ')} not among the knowledge pack's themes (a workspace code?)\n`);
  const text = await readDocument(file);
  const { start, end } = parseSpan(span, new LineIndex(text));
  const sidecarFile = sidecarPathFor(file);
  const existing = await readSidecar(sidecarFile, text.length);
  if (existing.parsed?.readOnly) {
    throw new CliError(`${sidecarFile} has errors; it is left untouched:\n${existing.parsed.problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n')}`);
  }
  const annotation = createAnnotation({ text, start, end, codes, note, author: process.env['USER'] });
  const annotations = sortAnnotations([...(existing.parsed?.annotations ?? []), annotation]);
  const sidecar = { version: 1 as const, document: path.basename(file), annotations };
  const out = existing.text !== undefined ? updateSidecar(existing.text, sidecar, sidecarFile, existing.yaml).text : serializeSidecar(sidecar);
  const tmp = `${sidecarFile}.${process.pid}.tmp`;
  await fs.writeFile(tmp, out, 'utf8');
  await fs.rename(tmp, sidecarFile);
  return { json: { id: annotation.id, sidecar: sidecarFile }, text: annotation.id };
}

/** Every annotation of a document, re-anchored in its current text by the editor's code. */
export async function annotationsCommand(file: string): Promise<Output> {
  const text = await readDocument(file);
  const sidecarFile = sidecarPathFor(file);
  const { parsed } = await readSidecar(sidecarFile, text.length);
  if (!parsed) return { json: [], text: `${file}: no annotations (${sidecarFile} does not exist)` };
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
