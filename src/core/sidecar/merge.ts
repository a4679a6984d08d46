import { ANNOTATION_KEYS, canonicalAnnotation, sameValue, sortAnnotations, type Annotation, type Sidecar } from './model';

/**
 * Why an annotation needs a look after a merge. Nothing is dropped or silently replaced:
 * - 'both-changed': mine and theirs changed the same field(s) differently (or both added the id with
 *   different content); the merged annotation has my values for those fields, theirs is reported.
 * - 'changed-deleted-by-them': I changed it, they deleted it: my version is kept.
 * - 'deleted-changed-by-them': I deleted it, they changed it: their version is kept.
 */
export interface MergeConflict {
  readonly id: string;
  readonly kind: 'both-changed' | 'changed-deleted-by-them' | 'deleted-changed-by-them';
  /** Fields that differ (for 'both-changed'). */
  readonly fields: readonly string[];
  readonly base: Annotation | undefined;
  readonly mine: Annotation | undefined;
  readonly theirs: Annotation | undefined;
}

export interface SidecarMerge {
  /** The merged annotations, in document order. */
  readonly merged: Annotation[];
  readonly conflicts: MergeConflict[];
}

/**
 * Three-way merge by annotation id, for a sidecar changed on disk while its document is open:
 * `base` is what was last read from or written to disk (a sidecar or its annotations; undefined when
 * unknown, then every difference is a conflict), `mine` the annotations in the editor, `theirs`
 * the annotations now on disk. Per annotation and per field: a side that did not change yields to the
 * one that did; `modified` takes the later time; fields changed differently on both sides keep mine
 * and are reported. An annotation deleted on one side is deleted only if the other side left it as
 * it was; an annotation changed on one side and deleted on the other is kept (and reported).
 */
export function mergeSidecars(base: Sidecar | readonly Annotation[] | undefined, mine: readonly Annotation[], theirs: readonly Annotation[]): SidecarMerge {
  const baseList = base === undefined ? [] : 'annotations' in base ? base.annotations : base;
  const baseById = new Map(baseList.map((a) => [a.id, canonicalAnnotation(a)]));
  const mineById = new Map(mine.map((a) => [a.id, canonicalAnnotation(a)]));
  const theirsById = new Map(theirs.map((a) => [a.id, canonicalAnnotation(a)]));
  const ids = [...new Set([...mineById.keys(), ...theirsById.keys()])];
  const merged: Annotation[] = [];
  const conflicts: MergeConflict[] = [];
  for (const id of ids) {
    const b = baseById.get(id);
    const m = mineById.get(id);
    const t = theirsById.get(id);
    if (m && t) {
      const { annotation, fields } = mergeFields(b, m, t);
      merged.push(annotation);
      if (fields.length) conflicts.push({ id, kind: 'both-changed', fields, base: b, mine: m, theirs: t });
    } else if (m) {
      // Not on disk: new in the editor, or deleted on disk.
      if (!b) merged.push(m);
      else if (!sameValue(m, b)) {
        merged.push(m);
        conflicts.push({ id, kind: 'changed-deleted-by-them', fields: [], base: b, mine: m, theirs: undefined });
      }
    } else if (t) {
      // Not in the editor: added on disk, or deleted in the editor.
      if (!b) merged.push(t);
      else if (!sameValue(t, b)) {
        merged.push(t);
        conflicts.push({ id, kind: 'deleted-changed-by-them', fields: [], base: b, mine: undefined, theirs: t });
      }
    }
  }
  return { merged: sortAnnotations(merged), conflicts };
}

function mergeFields(base: Annotation | undefined, mine: Annotation, theirs: Annotation): { annotation: Annotation; fields: string[] } {
  if (sameValue(mine, theirs)) return { annotation: mine, fields: [] };
  const out: Record<string, unknown> = {};
  const fields: string[] = [];
  const m = mine as unknown as Record<string, unknown>;
  const t = theirs as unknown as Record<string, unknown>;
  const b = base as unknown as Record<string, unknown> | undefined;
  for (const key of ANNOTATION_KEYS) {
    let v: unknown;
    if (sameValue(m[key], t[key])) v = m[key];
    else if (key === 'modified') v = later(m[key] as string | undefined, t[key] as string | undefined);
    else if (b && sameValue(m[key], b[key])) v = t[key];
    else if (b && sameValue(t[key], b[key])) v = m[key];
    else {
      v = m[key];
      fields.push(key);
    }
    if (v !== undefined) out[key] = v;
  }
  return { annotation: canonicalAnnotation(out as unknown as Annotation), fields };
}

/** The later of two ISO timestamps (text order when either does not parse); undefined only when both are. */
export function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a > b ? a : b;
  return tb > ta ? b : a;
}
