import { DataError, type Problem } from '../data/problem';
import { contentHash } from './contentHash';
import type { MergeConflict } from './merge';
import { sameAnnotationData, SIDECAR_VERSION, sortAnnotations, type Annotation, type Sidecar } from './model';
import { parseSidecar, type SidecarParseResult } from './parse';
import { serializeSidecar } from './serialize';
import { updateSidecarText } from './update';
import { mergeForWrite } from './writeMerge';

/** Why the protocol did not write: the file on disk has errors, the text would not load, or the file kept changing. */
export class SidecarWriteRefused extends Error {
  constructor(
    readonly reason: 'read-only' | 'invalid' | 'changing',
    readonly location: string,
    readonly problems: readonly Problem[],
    message: string,
  ) {
    super(message);
    this.name = 'SidecarWriteRefused';
  }
}

export interface TextInput {
  /** The sidecar as named in messages. */
  readonly where: string;
  readonly disk: { readonly text: string | undefined; readonly annotations: readonly Annotation[] };
  readonly base: readonly Annotation[];
  readonly wanted: readonly Annotation[];
  readonly deleted: ReadonlySet<string> | undefined;
  /** The `document:` field, already checked (documentFieldFor). */
  readonly document: string;
  readonly documentLength: number | undefined;
  readonly maxBytes: number;
}

export interface BuiltText {
  readonly annotations: Annotation[];
  readonly conflicts: MergeConflict[];
  readonly bytes: Uint8Array;
  readonly hash: string;
  readonly text: string;
  /** The check's reading of `bytes`: what a load of them gives. */
  readonly loaded: SidecarParseResult;
}

const encoder = new TextEncoder();

/**
 * The bytes to write: the merge against the disk, as the disk's text edited in place (else written
 * afresh), checked to load cleanly — no error, exactly the merged annotations — by the reader every load
 * uses. Throws SidecarWriteRefused with the problems otherwise; nothing is written then.
 */
export function buildSidecarText(input: TextInput): BuiltText {
  const { annotations, conflicts } = mergeForWrite(input.base, input.wanted, input.disk.annotations, input.deleted);
  const next: Sidecar = { version: SIDECAR_VERSION, document: input.document, annotations: sortAnnotations(annotations) };
  let text: string;
  try {
    text = input.disk.text !== undefined ? updateSidecarText(input.disk.text, next, input.where) : serializeSidecar(next);
  } catch (err) {
    if (err instanceof DataError) throw refusal(input.where, err.problems);
    throw err;
  }
  const bytes = encoder.encode(text);
  const check = parseSidecar(input.where, bytes, { maxBytes: input.maxBytes, documentLength: input.documentLength });
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (check.readOnly) throw refusal(input.where, errors);
  if (check.sidecar?.document !== next.document || !sameList(check.annotations, next.annotations)) {
    throw refusal(input.where, [{ file: input.where, line: 0, character: 0, severity: 'error', message: 'the text made would not read back as the annotations to write' }]);
  }
  return { annotations: next.annotations, conflicts, bytes, hash: contentHash(bytes), text, loaded: check };
}

function refusal(where: string, problems: readonly Problem[]): SidecarWriteRefused {
  const lines = problems.map((p) => `  ${p.line + 1}:${p.character + 1}: ${p.message}${p.field ? ` (${p.field})` : ''}`);
  return new SidecarWriteRefused('invalid', where, problems, `${where}: not written, it would not load cleanly:\n${lines.join('\n')}`);
}

function sameList(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  const sa = sortAnnotations(a);
  const sb = sortAnnotations(b);
  return sa.every((x, i) => sameAnnotationData(x, sb[i]!));
}
