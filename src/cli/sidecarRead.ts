import * as path from 'path';
import { allCodes, CODEBOOK_PATH, parseCodebook, type Code } from '../core/codebook/codebook';
import type { Theme } from '../core/data/model';
import { formatProblem, type Problem } from '../core/data/problem';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';
import { checkDocumentField } from '../core/sidecar/documentFieldCheck';
import { parseSidecar, type SidecarParseResult } from '../core/sidecar/parse';
import { nodeFs } from './documents';

/**
 * Read-only access to a document's sidecar and the workspace codebook for commands that show annotations
 * (hover). Bytes come through the one bounded reader; a sidecar that cannot be used is a warning, never a
 * failure of the command. (The persistence work's SidecarPersistence will take this over.)
 */

export const SIDECAR_SUFFIX = '.annotations.yaml';

/** Warnings go to stderr, one line each, so stdout stays the command's output. */
export function warn(message: string): void {
  process.stderr.write(`policy-lens: warning: ${message}\n`);
}

export interface LoadedSidecar {
  readonly sidecarFile: string;
  readonly parsed: SidecarParseResult;
  /** Set when the sidecar's `document:` field names another file than the one it sits beside. */
  readonly documentMismatch: Problem | undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** FILE's sidecar (beside it, as the CLI does not read editor settings), or undefined when there is none. */
export async function loadSidecar(file: string, documentLength: number): Promise<LoadedSidecar | undefined> {
  const sidecarFile = `${file}${SIDECAR_SUFFIX}`;
  let read;
  try {
    read = await readBytes(nodeFs, sidecarFile, DEFAULT_SIDECAR_MAX_BYTES);
  } catch (err) {
    warn(`${err instanceof FileSystemError ? err.message : `${sidecarFile}: ${(err as Error).message}`}; its annotations are left out`);
    return undefined;
  }
  if (!read) return undefined;
  const parsed = parseSidecar(sidecarFile, read.bytes, { maxBytes: DEFAULT_SIDECAR_MAX_BYTES, documentLength });
  const documentMismatch = checkDocumentField({
    sidecarFile,
    sidecarText: decoder.decode(read.bytes.subarray(0, Math.min(read.bytes.length, 64 * 1024))),
    documentField: parsed.sidecar?.document,
    expected: nodeFs.relative(path.dirname(sidecarFile), file),
  });
  return { sidecarFile, parsed, documentMismatch };
}

/** Prints a sidecar's problems on stderr: the document-field warning in full, the rest as a count. */
export function reportSidecarProblems(s: LoadedSidecar): void {
  if (s.documentMismatch) process.stderr.write(`${formatProblem(s.documentMismatch)}\n`);
  const others = s.parsed.problems.length;
  if (others > 0) warn(`${s.sidecarFile} has ${others} problem${others === 1 ? '' : 's'} (policy-lens check ${s.sidecarFile} lists them)`);
}

/** The codes on offer for FILE: the pack's themes and the nearest `.policy-lens/codebook.yaml` above it. */
export async function codesFor(file: string, themes: readonly Theme[]): Promise<Map<string, Code>> {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, CODEBOOK_PATH);
    try {
      const read = await readBytes(nodeFs, candidate, DEFAULT_SIDECAR_MAX_BYTES);
      if (read) return new Map(allCodes(themes, parseCodebook(candidate, decoder.decode(read.bytes))).map((c) => [c.id, c]));
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
