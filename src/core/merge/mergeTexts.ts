import { formatProblem } from '../data/problem';
import { decodeSidecarBytes } from '../sidecar/decode';
import { sameAnnotationData, type Annotation, type Sidecar } from '../sidecar/model';
import { fastAnalyse, parseSidecar, type FastAnalysis } from '../sidecar/parse';
import { serializeSidecar } from '../sidecar/serialize';
import { updateAnalysedSidecar, updateSidecarText } from '../sidecar/update';
import { readBaseAnnotations } from './baseIndex';
import { readAgainstOurs } from './blockReuse';
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

interface Side {
  readonly sidecar: Sidecar | undefined;
  readonly text: string;
  /** The fast reader's analysis, when the file is in its subset (the in-place writer reuses it). */
  readonly fast?: FastAnalysis;
}

const decoder = new TextDecoder('utf-8');

/** One side read and validated as parseSidecar does (the fast reader first); an empty file is no sidecar. */
function readSide(bytes: Uint8Array, label: string, shownAs: string, maxBytes: number): Side {
  // git passes an empty file for a side that does not have the path (add/add: the base).
  if (bytes.length === 0) return { sidecar: undefined, text: '' };
  const file = `${shownAs} (${label})`;
  if (bytes.length <= maxBytes) {
    const decoded = decodeSidecarBytes(bytes);
    const fast = decoded.problems.length ? undefined : fastAnalyse(file, decoded.text, {});
    if (fast) return { sidecar: fast.result.sidecar, text: decoded.text, fast };
  }
  const parsed = parseSidecar(file, bytes, { maxBytes });
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new MergeInputError(label, errors.map(formatProblem));
  return { sidecar: parsed.sidecar, text: decoder.decode(bytes) };
}

/** Their side, its blocks that are also ours not read again (blockReuse.ts); undefined: read it in full. */
function readTheirsAgainstOurs(bytes: Uint8Array, ours: FastAnalysis, shownAs: string, maxBytes: number): Side | undefined {
  if (bytes.length === 0 || bytes.length > maxBytes) return undefined;
  const decoded = decodeSidecarBytes(bytes);
  if (decoded.problems.length) return undefined;
  const sidecar = readAgainstOurs(`${shownAs} (their version)`, decoded.text, ours);
  return sidecar && { sidecar, text: decoded.text };
}

/** Ids whose merge needs the common ancestor: on one side only, or on both but different. */
function idsNeedingBase(ours: readonly Annotation[], theirs: readonly Annotation[]): Set<string> {
  const theirsById = new Map(theirs.map((a) => [a.id, a]));
  const out = new Set<string>();
  for (const a of ours) {
    const t = theirsById.get(a.id);
    if (!t || !sameAnnotationData(a, t)) out.add(a.id);
    theirsById.delete(a.id);
  }
  for (const id of theirsById.keys()) out.add(id);
  return out;
}

/**
 * The merge driver's work on bytes: ours and theirs validated, the common ancestor read for the
 * annotations that need it, merged by annotation id, and written as the editor saves — our text edited in
 * place (comments kept), or written afresh when we had no sidecar. Throws MergeInputError when a side has errors.
 */
export function mergeSidecarBytes(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array, shownAs: string, maxBytes: number): MergedText {
  const o = readSide(ours, 'our version', shownAs, maxBytes);
  const t = (o.fast && readTheirsAgainstOurs(theirs, o.fast, shownAs, maxBytes)) || readSide(theirs, 'their version', shownAs, maxBytes);
  const needed = idsNeedingBase(o.sidecar?.annotations ?? [], t.sidecar?.annotations ?? []);
  const baseText = base.length <= maxBytes ? decodeSidecarBytes(base) : undefined;
  const partial = baseText && !baseText.problems.length ? readBaseAnnotations(baseText.text, needed) : undefined;
  const b = partial ? { sidecar: partial, text: '' } : readSide(base, 'the common ancestor', shownAs, maxBytes);
  const document = o.sidecar?.document ?? t.sidecar?.document ?? b.sidecar?.document;
  if (document === undefined) return { text: undefined, result: undefined };
  const empty: Sidecar = { version: 1, document, annotations: [] };
  const result = threeWayMerge(b.sidecar ?? empty, o.sidecar ?? empty, t.sidecar ?? empty);
  const text = !o.sidecar ? serializeSidecar(result.sidecar) : o.fast ? updateAnalysedSidecar(o.fast, o.text, result.sidecar, shownAs).text : updateSidecarText(o.text, result.sidecar, shownAs);
  return { text, result };
}
