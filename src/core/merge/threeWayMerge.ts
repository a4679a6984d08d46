import { canonicalAnnotation, canonicalLink, sameAnnotationData, sameValue, sortAnnotations, type Annotation, type Sidecar } from '../sidecar/model';
import { conflictCopyId } from './conflictCopies';
import { later } from '../sidecar/merge';

/**
 * The three-way merge of sidecars that git's merge driver runs (`policy-lens merge-driver`): by annotation
 * id, field by field. Unlike the editor's reload merge (sidecar/merge.ts, which always keeps the editor's
 * side), a field changed differently on both branches is a conflict that keeps both values in the file.
 */

/** One field of one annotation changed differently on both branches. */
export interface FieldConflict {
  readonly id: string;
  readonly fields: readonly string[];
  /** The id of the copy that holds their values. */
  readonly copyId: string;
}

/** An annotation changed on one branch and deleted on the other: kept, as changed (nothing is lost). */
export interface KeptChange {
  readonly id: string;
  readonly changedBy: 'ours' | 'theirs';
}

export interface ThreeWayMerge {
  readonly sidecar: Sidecar;
  readonly conflicts: readonly FieldConflict[];
  readonly kept: readonly KeptChange[];
  /** Set when the `document:` field was changed differently on both branches (ours is kept). */
  readonly documentConflict?: { readonly ours: string; readonly theirs: string };
}

type Field = 'target' | 'codes' | 'note' | 'links' | 'author' | 'created' | 'modified';

/**
 * Merges `ours` and `theirs`, both descended from `base` (an empty sidecar when both branches added the
 * file). Per annotation: one side's change wins over the other side's no-change; deleted only when the
 * other side left it as it was. Per field: `codes` and `links` merge as sets (each side's additions and
 * removals applied); `modified` takes the later time; `target` changed on both sides to the same quote is
 * the same passage (ours kept: the position is only a hint that re-anchoring corrects); any other field
 * changed differently on both sides is a conflict.
 */
export function threeWayMerge(base: Sidecar, ours: Sidecar, theirs: Sidecar): ThreeWayMerge {
  const baseById = byId(base.annotations);
  const theirsById = byId(theirs.annotations);
  const oursIds = new Set(ours.annotations.map((a) => a.id));
  let taken: Set<string> | undefined; // every id in use, for conflict copies: built at the first conflict
  const merged: Annotation[] = [];
  const conflicts: FieldConflict[] = [];
  const kept: KeptChange[] = [];

  for (const o of ours.annotations) {
    const b = baseById.get(o.id);
    const t = theirsById.get(o.id);
    if (t) {
      const m = mergeAnnotation(b, o, t);
      merged.push(m.annotation);
      if (m.conflicts.length) {
        const copyId = conflictCopyId(o.id, (taken ??= new Set([...oursIds, ...theirsById.keys()])));
        merged.push(canonicalAnnotation({ ...m.theirs, id: copyId }));
        conflicts.push({ id: o.id, fields: m.conflicts, copyId });
      }
    } else if (!b) merged.push(o); // added by us
    else if (!sameAnnotationData(o, b)) {
      merged.push(o);
      kept.push({ id: o.id, changedBy: 'ours' });
    } // else: deleted by them, unchanged by us
  }
  for (const t of theirs.annotations) {
    if (oursIds.has(t.id)) continue;
    const b = baseById.get(t.id);
    if (!b) merged.push(t);
    else if (!sameAnnotationData(t, b)) {
      merged.push(t);
      kept.push({ id: t.id, changedBy: 'theirs' });
    }
  }

  let document = ours.document;
  let documentConflict: ThreeWayMerge['documentConflict'];
  if (ours.document !== theirs.document) {
    if (ours.document === base.document) document = theirs.document;
    else if (theirs.document !== base.document) documentConflict = { ours: ours.document, theirs: theirs.document };
  }
  return { sidecar: { version: 1, document, annotations: sortAnnotations(merged) }, conflicts, kept, ...(documentConflict ? { documentConflict } : {}) };
}

function byId(list: readonly Annotation[]): Map<string, Annotation> {
  return new Map(list.map((a) => [a.id, a]));
}

interface AnnotationMerge {
  readonly annotation: Annotation;
  /** The merged annotation with their values in the conflicting fields. */
  readonly theirs: Annotation;
  readonly conflicts: Field[];
}

function mergeAnnotation(b: Annotation | undefined, o: Annotation, t: Annotation): AnnotationMerge {
  if (sameAnnotationData(o, t)) return { annotation: o, theirs: o, conflicts: [] };
  const conflicts: Field[] = [];
  const out = { ...o } as Annotation;
  const alt = { ...o } as Annotation;
  const set = <K extends Field>(key: K, value: Annotation[K], theirValue: Annotation[K] = value): void => {
    if (value === undefined) delete out[key];
    else out[key] = value;
    if (theirValue === undefined) delete alt[key];
    else alt[key] = theirValue;
  };
  const scalar = <K extends Field>(key: K): void => {
    const ov = o[key];
    const tv = t[key];
    if (sameValue(ov, tv)) return set(key, ov);
    if (b && sameValue(ov, b[key])) return set(key, tv);
    if (b && sameValue(tv, b[key])) return set(key, ov);
    conflicts.push(key);
    set(key, ov, tv);
  };

  if (!sameValue(o.target, t.target)) {
    if (b && sameValue(o.target, b.target)) set('target', t.target);
    else if (b && sameValue(t.target, b.target)) set('target', o.target);
    else if (o.target.quote.exact === t.target.quote.exact) set('target', o.target);
    else scalar('target');
  }
  set('codes', mergeSet(b?.codes ?? [], o.codes, t.codes, (c) => c));
  const links = mergeSet(b?.links ?? [], o.links ?? [], t.links ?? [], (l) => JSON.stringify(canonicalLink(l)));
  set('links', links.length ? links : undefined);
  scalar('note');
  scalar('author');
  scalar('created');
  set('modified', later(o.modified, t.modified));
  return { annotation: canonicalAnnotation(out), theirs: canonicalAnnotation(alt), conflicts };
}

/** Three-way merge of a set kept as a list: ours in our order, then what they added; what either removed goes. */
function mergeSet<T>(base: readonly T[], ours: readonly T[], theirs: readonly T[], key: (x: T) => string): T[] {
  const inBase = new Set(base.map(key));
  const inOurs = new Set(ours.map(key));
  const inTheirs = new Set(theirs.map(key));
  const out = ours.filter((x) => !inBase.has(key(x)) || inTheirs.has(key(x)));
  for (const x of theirs) if (!inBase.has(key(x)) && !inOurs.has(key(x))) out.push(x);
  return out;
}


