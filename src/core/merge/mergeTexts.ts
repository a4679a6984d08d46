import { formatProblem } from '../data/problem';
import type { Sidecar } from '../sidecar/model';
import { parseSidecar } from '../sidecar/parse';
import { serializeSidecar } from '../sidecar/serialize';
import { updateSidecarText } from '../sidecar/update';
import { threeWayMerge, type ThreeWayMerge } from './threeWayMerge';

/** A merge that could not be made: one side has errors (each formatted as file:line:col: message). */
export class MergeInputError extends Error {
  constructor(
    readonly side: string,
    readonly errors: readonly string[],
  ) {
    super(`${side} has errors:\n${errors.join('\n')}`);
  }
}

export interface MergedText {
  /** The merged sidecar's text; undefined when no side has a sidecar (nothing to write). */
  readonly text: string | undefined;
  readonly result: ThreeWayMerge | undefined;
}

const decoder = new TextDecoder('utf-8');

function side(bytes: Uint8Array, label: string, shownAs: string, maxBytes: number): { sidecar: Sidecar | undefined; text: string } {
  // git passes an empty file for a side that does not have the path (add/add: the base).
  if (bytes.length === 0) return { sidecar: undefined, text: '' };
  const parsed = parseSidecar(`${shownAs} (${label})`, bytes, { maxBytes });
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new MergeInputError(label, errors.map(formatProblem));
  return { sidecar: parsed.sidecar, text: decoder.decode(bytes) };
}

/**
 * The merge driver's work on bytes: the three versions parsed (an empty one is an empty sidecar), merged
 * by annotation id, and written as the editor saves — our text edited in place (comments kept), or
 * written afresh when we had no sidecar. Throws MergeInputError when a side has errors.
 */
export function mergeSidecarBytes(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array, shownAs: string, maxBytes: number): MergedText {
  const b = side(base, 'the common ancestor', shownAs, maxBytes);
  const o = side(ours, 'our version', shownAs, maxBytes);
  const t = side(theirs, 'their version', shownAs, maxBytes);
  const document = o.sidecar?.document ?? t.sidecar?.document ?? b.sidecar?.document;
  if (document === undefined) return { text: undefined, result: undefined };
  const empty: Sidecar = { version: 1, document, annotations: [] };
  const result = threeWayMerge(b.sidecar ?? empty, o.sidecar ?? empty, t.sidecar ?? empty);
  const text = o.sidecar ? updateSidecarText(o.text, result.sidecar, shownAs) : serializeSidecar(result.sidecar);
  return { text, result };
}
