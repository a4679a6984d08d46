import { formatProblem } from '../data/problem';
import { decodeSidecarBytes } from '../sidecar/decode';
import { sameAnnotationData, type Annotation, type Sidecar } from '../sidecar/model';
import { fastAnalyse, parseSidecar, type FastAnalysis } from '../sidecar/parse';
import { serializeSidecar } from '../sidecar/serialize';
import { updateAnalysedSidecar, updateSidecarText } from '../sidecar/update';
import { readBaseAnnotations } from './baseIndex';
import { blockMerge } from './blockMerge';
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

/** What a merge did: the number of annotations in the result, and what to tell the user. */
export type MergeReport = Omit<ThreeWayMerge, 'sidecar'> & { readonly annotations: number };

export interface MergedText {
  /** The merged sidecar's text; undefined when no side has a sidecar (nothing to write). */
  readonly text: string | undefined;
  readonly result: MergeReport | undefined;
  /** The text is our side's text as it was (nothing to write). */
  readonly unchanged: boolean;
}

interface Side {
  readonly sidecar: Sidecar | undefined;
  readonly text: string;
  /** The fast reader's analysis, when the file is in its subset (the in-place writer reuses it). */
  readonly fast?: FastAnalysis;
}

const decoder = new TextDecoder('utf-8');

/** A side's text when it is within the size limit and valid UTF-8; else undefined (the full parse explains). */
function decodedOrUndefined(bytes: Uint8Array, maxBytes: number): string | undefined {
  if (bytes.length > maxBytes) return undefined;
  const decoded = decodeSidecarBytes(bytes);
  return decoded.problems.length ? undefined : decoded.text;
}

/** One side read and validated as parseSidecar does (the fast reader first); an empty file is no sidecar. */
function readSide(bytes: Uint8Array, decoded: string | undefined, label: string, shownAs: string, maxBytes: number): Side {
  // git passes an empty file for a side that does not have the path (add/add: the base).
  if (bytes.length === 0) return { sidecar: undefined, text: '' };
  const file = `${shownAs} (${label})`;
  if (decoded !== undefined) {
    const fast = fastAnalyse(file, decoded, {});
    if (fast) return { sidecar: fast.result.sidecar, text: decoded, fast };
  }
  const parsed = parseSidecar(file, bytes, { maxBytes });
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new MergeInputError(label, errors.map(formatProblem));
  return { sidecar: parsed.sidecar, text: decoder.decode(bytes) };
}

/** Their side, its blocks that are also ours not read again (blockReuse.ts); undefined: read it in full. */
function readTheirsAgainstOurs(decoded: string | undefined, ours: FastAnalysis, shownAs: string): Side | undefined {
  if (!decoded) return undefined;
  const sidecar = readAgainstOurs(`${shownAs} (their version)`, decoded, ours);
  return sidecar && { sidecar, text: decoded };
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
 * The merge driver's work on bytes: when the three sides are laid out as the serializer writes them, the
 * blocks they hold alike are carried over and only the others read and merged (blockMerge.ts). Otherwise
 * ours and theirs are validated, the common ancestor read for the annotations that need it, merged by
 * annotation id, and written as the editor saves — our text edited in place (comments kept), or written
 * afresh when we had no sidecar. Throws MergeInputError when a side has errors.
 */
export function mergeSidecarBytes(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array, shownAs: string, maxBytes: number, opts: { blocks?: boolean } = {}): MergedText {
  const [bText, oText, tText] = [base, ours, theirs].map((x) => decodedOrUndefined(x, maxBytes));
  if (opts.blocks !== false && oText && tText && bText !== undefined) {
    const done = blockMerge(bText, oText, tText);
    if (done) return { text: done.text, result: { annotations: done.annotations, conflicts: [], kept: done.kept }, unchanged: done.text === oText };
  }
  const o = readSide(ours, oText, 'our version', shownAs, maxBytes);
  const t = (o.fast && readTheirsAgainstOurs(tText, o.fast, shownAs)) || readSide(theirs, tText, 'their version', shownAs, maxBytes);
  const needed = idsNeedingBase(o.sidecar?.annotations ?? [], t.sidecar?.annotations ?? []);
  const partial = bText ? readBaseAnnotations(bText, needed) : undefined;
  const b = partial ? { sidecar: partial, text: '' } : readSide(base, bText, 'the common ancestor', shownAs, maxBytes);
  const document = o.sidecar?.document ?? t.sidecar?.document ?? b.sidecar?.document;
  if (document === undefined) return { text: undefined, result: undefined, unchanged: true };
  const empty: Sidecar = { version: 1, document, annotations: [] };
  const { sidecar, ...result } = threeWayMerge(b.sidecar ?? empty, o.sidecar ?? empty, t.sidecar ?? empty);
  const text = !o.sidecar ? serializeSidecar(sidecar) : o.fast ? updateAnalysedSidecar(o.fast, o.text, sidecar, shownAs).text : updateSidecarText(o.text, sidecar, shownAs);
  return { text, result: { ...result, annotations: sidecar.annotations.length }, unchanged: o.sidecar !== undefined && text === o.text };
}
