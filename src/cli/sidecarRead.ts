import * as path from 'path';
import { allCodes, CODEBOOK_PATH, parseCodebook, type Code } from '../core/codebook/codebook';
import type { Theme } from '../core/data/model';
import { formatProblem, type Problem } from '../core/data/problem';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';
import { checkDocumentField } from '../core/sidecar/documentFieldCheck';
import { decodeSidecarBytes } from '../core/sidecar/decode';
import { SidecarPersistence, type SidecarState } from '../core/sidecar/persistence';
import { nodeFs } from './documents';

/**
 * The CLI's access to a document's sidecar and the workspace codebook. Sidecars go through the one
 * persistence protocol (the editor's), so the CLI reads, and refuses, exactly what the editor does.
 */

export const SIDECAR_SUFFIX = '.annotations.yaml';

/** The sidecar beside a document (the CLI does not read editor settings such as policyLens.sidecarFolder). */
export function sidecarPathFor(file: string): string {
  return `${file}${SIDECAR_SUFFIX}`;
}

export function sidecarPersistence(): SidecarPersistence {
  return new SidecarPersistence(nodeFs, { maxBytes: DEFAULT_SIDECAR_MAX_BYTES });
}

/** Warnings go to stderr, one line each, so stdout stays the command's output. */
export function warn(message: string): void {
  process.stderr.write(`policy-lens: warning: ${message}\n`);
}

export interface LoadedSidecar {
  readonly sidecarFile: string;
  readonly state: SidecarState;
  /** Set when the sidecar's `document:` field names another file than the one it sits beside. */
  readonly documentMismatch: Problem | undefined;
}

/** The warning for a sidecar whose `document:` field names another file than the one it sits beside. */
export function documentMismatch(sidecarFile: string, file: string, state: SidecarState): Problem | undefined {
  return checkDocumentField({ sidecarFile, sidecarText: state.text?.slice(0, 64 * 1024), documentField: state.documentField, expected: nodeFs.relative(path.dirname(sidecarFile), file) });
}

/**
 * FILE's sidecar, or undefined when there is none. With `strict`, a sidecar that cannot be read stops the
 * command (FileSystemError); without, it is a warning and its annotations are left out (hover).
 */
export async function loadSidecar(file: string, documentLength: number, strict = false): Promise<LoadedSidecar | undefined> {
  const sidecarFile = sidecarPathFor(file);
  let state: SidecarState;
  try {
    state = await sidecarPersistence().read(sidecarFile, documentLength);
  } catch (err) {
    if (strict) throw err;
    warn(`${err instanceof FileSystemError ? err.message : `${sidecarFile}: ${(err as Error).message}`}; its annotations are left out`);
    return undefined;
  }
  if (!state.exists) return undefined;
  return { sidecarFile, state, documentMismatch: documentMismatch(sidecarFile, file, state) };
}

/** Prints a sidecar's problems on stderr: the document-field warning in full, the rest as a count. */
export function reportSidecarProblems(s: LoadedSidecar): void {
  if (s.documentMismatch) process.stderr.write(`${formatProblem(s.documentMismatch)}\n`);
  const others = s.state.problems.length;
  if (others > 0) warn(`${s.sidecarFile} has ${others} problem${others === 1 ? '' : 's'} (policy-lens check ${s.sidecarFile} lists them)`);
}

/** The codes on offer for FILE: the pack's themes and the nearest `.policy-lens/codebook.yaml` above it. */
export async function codesFor(file: string, themes: readonly Theme[]): Promise<Map<string, Code>> {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, CODEBOOK_PATH);
    try {
      const read = await readBytes(nodeFs, candidate, DEFAULT_SIDECAR_MAX_BYTES);
      if (read) return new Map(allCodes(themes, parseCodebook(candidate, decodeSidecarBytes(read.bytes).text)).map((c) => [c.id, c]));
    } catch (err) {
      warn(`${err instanceof FileSystemError ? err.message : (err as Error).message}; codebook left out`);
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return new Map(allCodes(themes, undefined).map((c) => [c.id, c]));
}
