import * as path from 'path';
import type { KnowledgePack } from '../core/data/model';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { collectProject } from '../core/interchange/collect';
import { EXPORT_FORMATS, exportProject, importBytes, isExportFormat, type ExportFormat } from '../core/interchange/formats';
import { importInto } from '../core/interchange/importInto';
import type { DataLossItem } from '../core/interchange/model';
import { SidecarWriteRefused } from '../core/sidecar/persistence';
import { CliError } from './cliError';
import type { Output } from './commands';
import { nodeFs } from './documents';
import { codesFor, warn } from './sidecarRead';

/** `export PATH... --format F --out FILE` and `import FILE --into DIR`: the core's interchange, on Node's file system. */

/** Imported files larger than this are refused before reading (a .qdpx holds every source text). */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

async function fsGuarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FileSystemError || err instanceof SidecarWriteRefused) throw new CliError(err.message);
    throw err;
  }
}

export function parseFormat(format: string | undefined): ExportFormat {
  if (format === undefined) throw new CliError(`give --format ${EXPORT_FORMATS.join('|')}`, 2);
  if (!isExportFormat(format)) throw new CliError(`unknown format '${format}' (one of ${EXPORT_FORMATS.join(', ')})`, 2);
  return format;
}

export async function exportCommand(pack: KnowledgePack, paths: readonly string[], format: string | undefined, out: string | undefined): Promise<Output> {
  const f = parseFormat(format);
  if (!out) throw new CliError('give --out FILE', 2);
  if (paths.length === 0) throw new CliError('give at least one PATH (a document, a folder or a workspace)', 2);
  const collected = await fsGuarded(() => collectProject(nodeFs, paths.map((p) => path.resolve(p)), { pack }));
  for (const w of collected.warnings) warn(w);
  const { project } = collected;
  const annotations = project.documents.reduce((n, d) => n + d.annotations.length, 0);
  let bytes: Uint8Array;
  try {
    bytes = exportProject(project, f);
  } catch (err) {
    throw new CliError(`cannot export as ${f}: ${(err as Error).message}`);
  }
  await fsGuarded(() => nodeFs.writeFileAtomic(path.resolve(out), bytes));
  const what = f === 'qdc' ? `${project.codes.length} codes` : `${project.documents.length} document(s), ${annotations} annotation(s), ${project.codes.length} codes`;
  return { json: { out, format: f, documents: project.documents.length, annotations, codes: project.codes.length, warnings: collected.warnings }, text: `${out}: ${what} (${f})` };
}

function dataLossLines(items: readonly DataLossItem[]): string[] {
  if (items.length === 0) return ['nothing left out'];
  return [`left out (${items.length}), as the imported file has it:`, ...items.map((d) => `  ${d.kind}: ${d.where}: ${d.reason}`)];
}

export async function importCommand(pack: KnowledgePack, file: string, into: string | undefined): Promise<Output> {
  if (!into) throw new CliError('give --into DIR (the folder to import into)', 2);
  const dir = path.resolve(into);
  const stat = await fsGuarded(() => nodeFs.stat(dir));
  if (stat && stat.kind !== 'directory') throw new CliError(`${into}: not a folder`);
  const read = await fsGuarded(() => readBytes(nodeFs, file, MAX_IMPORT_BYTES));
  if (!read) throw new CliError(`${file}: no such file`);
  const themeIds = pack.themes.map((t) => t.id);
  // Codes we exported come back with their ids when the workspace knows them (its themes and codebook).
  const known = [...(await codesFor(path.join(dir, 'x'), pack.themes)).keys()];
  let result;
  try {
    result = importBytes(path.basename(file), read.bytes, { knownCodeIds: known });
  } catch (err) {
    const message = (err as Error).message;
    throw new CliError(message.startsWith(`${path.basename(file)}:`) ? message.replace(path.basename(file), file) : `${file}: ${message}`);
  }
  const summary = await fsGuarded(() => importInto(nodeFs, dir, result, { knownCodeIds: themeIds }));
  for (const w of summary.warnings) warn(w);
  const text = [
    `${file} → ${into}: ${summary.annotationsAdded} annotation(s) added` + (summary.annotationsKept ? `, ${summary.annotationsKept} already there (kept as they are)` : ''),
    `documents: ${summary.documentsWritten.length} written, ${summary.documentsKept.length} already there (kept)`,
    `codes: ${summary.codesAdded.length} added to the codebook${summary.codesAdded.length ? ` (${summary.codesAdded.join(', ')})` : ''}`,
    ...dataLossLines(result.dataLoss),
  ].join('\n');
  return { json: { ...summary, dataLoss: result.dataLoss }, text };
}
