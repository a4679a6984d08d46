import { promises as fs } from 'fs';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';
import { mergeSidecarBytes, MergeInputError, type MergeReport } from '../core/merge/mergeTexts';
import { CliError } from './cliError';
import type { Output } from './commands';
import { nodeFs } from './documents';

async function bytesOf(file: string, shownAs: string): Promise<Uint8Array> {
  try {
    return (await readBytes(nodeFs, file, DEFAULT_SIDECAR_MAX_BYTES))?.bytes ?? new Uint8Array(0);
  } catch (err) {
    throw new CliError(`cannot merge ${shownAs}: ${err instanceof FileSystemError ? err.message : (err as Error).message}`);
  }
}

/**
 * `policy-lens merge-driver BASE OURS THEIRS PATH`, as git calls a merge driver (`%O %A %B %P`): merges the
 * three versions of a sidecar by annotation id (core/merge/) and writes the result into OURS. Exit 0 when
 * clean; exit 1 with each conflict named when a field was changed differently on both sides (both values
 * are in the file: ours in the annotation, theirs in `<id>.conflict`); a side with errors leaves OURS as it was.
 */
export async function mergeDriverCommand(baseFile: string, oursFile: string, theirsFile: string, pathName: string | undefined): Promise<Output> {
  const shown = pathName ?? oursFile;
  const [base, ours, theirs] = await Promise.all([bytesOf(baseFile, shown), bytesOf(oursFile, shown), bytesOf(theirsFile, shown)]);
  let merged;
  try {
    merged = mergeSidecarBytes(base, ours, theirs, shown, DEFAULT_SIDECAR_MAX_BYTES);
  } catch (err) {
    if (err instanceof MergeInputError) throw new CliError(`cannot merge ${shown}: ${err.side} has errors, fix them and merge again; the file is left as it was\n${err.errors.join('\n')}`);
    throw err;
  }
  if (!merged.result || merged.text === undefined) return { json: { clean: true, annotations: 0, conflicts: [], kept: [], documentConflict: null }, text: `${shown}: nothing to merge (no side has annotations)` };
  if (!merged.unchanged) {
    const tmp = `${oursFile}.${process.pid}.merge.tmp`;
    await fs.writeFile(tmp, merged.text, 'utf8');
    await fs.rename(tmp, oursFile);
  }
  return report(shown, merged.result);
}

function report(shown: string, r: MergeReport): Output {
  const lines: string[] = [];
  for (const c of r.conflicts) {
    lines.push(`${shown}: CONFLICT: annotation '${c.id}': ${c.fields.join(', ')} changed differently on both sides; ours is kept in '${c.id}', theirs in '${c.copyId}' — keep one, delete the other, then git add ${shown}`);
  }
  if (r.documentConflict) lines.push(`${shown}: CONFLICT: document: is '${r.documentConflict.ours}' on our side and '${r.documentConflict.theirs}' on theirs; ours is kept`);
  for (const k of r.kept) lines.push(`${shown}: kept annotation '${k.id}': deleted on ${k.changedBy === 'ours' ? 'their' : 'our'} side, changed on ${k.changedBy === 'ours' ? 'ours' : 'theirs'} (delete it again if it should go)`);
  const clean = r.conflicts.length === 0 && !r.documentConflict;
  if (clean) lines.unshift(`${shown}: merged by annotation id (${r.annotations} annotations)`);
  const json = { clean, annotations: r.annotations, conflicts: r.conflicts, kept: r.kept, documentConflict: r.documentConflict ?? null };
  return { json, text: lines.join('\n'), failed: !clean };
}
