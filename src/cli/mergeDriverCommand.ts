import { promises as fs } from 'fs';
import { formatProblem } from '../core/data/problem';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';
import { threeWayMerge, type ThreeWayMerge } from '../core/merge/threeWayMerge';
import type { Sidecar } from '../core/sidecar/model';
import { parseSidecar } from '../core/sidecar/parse';
import { serializeSidecar } from '../core/sidecar/serialize';
import { updateSidecarText } from '../core/sidecar/update';
import { CliError } from './cliError';
import type { Output } from './commands';
import { nodeFs } from './documents';

/** One side of the merge as read: the sidecar (undefined for an empty file) and its text. */
interface Side {
  readonly sidecar: Sidecar | undefined;
  readonly text: string;
}

const decoder = new TextDecoder('utf-8');

async function readSide(file: string, label: string, shownAs: string): Promise<Side> {
  let read;
  try {
    read = await readBytes(nodeFs, file, DEFAULT_SIDECAR_MAX_BYTES);
  } catch (err) {
    throw new CliError(`${shownAs} (${label}): ${err instanceof FileSystemError ? err.message : (err as Error).message}`);
  }
  // git passes an empty file for a side that does not have the path (add/add: the base).
  if (!read || read.bytes.length === 0) return { sidecar: undefined, text: '' };
  const parsed = parseSidecar(`${shownAs} (${label})`, read.bytes, { maxBytes: DEFAULT_SIDECAR_MAX_BYTES });
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new CliError(`cannot merge ${shownAs}: ${label} has errors, fix them and merge again; the file is left as it was\n${errors.map(formatProblem).join('\n')}`);
  return { sidecar: parsed.sidecar, text: decoder.decode(read.bytes) };
}

/**
 * `policy-lens merge-driver BASE OURS THEIRS PATH`, as git calls a merge driver (`%O %A %B %P`): merges the
 * three versions of a sidecar by annotation id (core/merge/threeWayMerge.ts) and writes the result into
 * OURS, in place of our text as the editor would have saved it (comments kept). Exit 0 when clean; exit 1
 * with each conflict named when a field was changed differently on both sides (both values are in the
 * file: ours in the annotation, theirs in `<id>.conflict`); a side with errors leaves OURS untouched.
 */
export async function mergeDriverCommand(baseFile: string, oursFile: string, theirsFile: string, pathName: string | undefined): Promise<Output> {
  const shown = pathName ?? oursFile;
  const [base, ours, theirs] = await Promise.all([readSide(baseFile, 'the common ancestor', shown), readSide(oursFile, 'our version', shown), readSide(theirsFile, 'their version', shown)]);
  const document = ours.sidecar?.document ?? theirs.sidecar?.document ?? base.sidecar?.document;
  if (document === undefined) return { json: { clean: true, conflicts: [], kept: [] }, text: `${shown}: nothing to merge (no side has annotations)` };
  const empty: Sidecar = { version: 1, document, annotations: [] };
  const result = threeWayMerge(base.sidecar ?? empty, ours.sidecar ?? empty, theirs.sidecar ?? empty);
  const out = ours.sidecar ? updateSidecarText(ours.text, result.sidecar, shown) : serializeSidecar(result.sidecar);
  if (out !== ours.text) {
    const tmp = `${oursFile}.${process.pid}.merge.tmp`;
    await fs.writeFile(tmp, out, 'utf8');
    await fs.rename(tmp, oursFile);
  }
  return report(shown, result);
}

function report(shown: string, r: ThreeWayMerge): Output {
  const lines: string[] = [];
  for (const c of r.conflicts) {
    lines.push(`${shown}: CONFLICT: annotation '${c.id}': ${c.fields.join(', ')} changed differently on both sides; ours is kept in '${c.id}', theirs in '${c.copyId}' — keep one, delete the other, then git add ${shown}`);
  }
  if (r.documentConflict) lines.push(`${shown}: CONFLICT: document: is '${r.documentConflict.ours}' on our side and '${r.documentConflict.theirs}' on theirs; ours is kept`);
  for (const k of r.kept) lines.push(`${shown}: kept annotation '${k.id}': deleted on ${k.changedBy === 'ours' ? 'their' : 'our'} side, changed on ${k.changedBy === 'ours' ? 'ours' : 'theirs'} (delete it again if it should go)`);
  const clean = r.conflicts.length === 0 && !r.documentConflict;
  if (clean) lines.unshift(`${shown}: merged by annotation id (${r.sidecar.annotations.length} annotations)`);
  const json = { clean, annotations: r.sidecar.annotations.length, conflicts: r.conflicts, kept: r.kept, documentConflict: r.documentConflict ?? null };
  return { json, text: lines.join('\n'), failed: !clean };
}
