/**
 * How a merge conflict lives in a sidecar without a new field: when both branches changed the same field
 * of one annotation differently, the annotation keeps one branch's value and a copy with the other's value
 * is added under a derived id, `<id>.conflict` (`.conflict-2`, … when taken). Both load, both show in the
 * editor, and the parser reports the copy as a warning, so the Problems panel lists it until one is deleted.
 */

const SUFFIX = '.conflict';
const MAX_ID_LENGTH = 64;
const COPY_PATTERN = /^(.+)\.conflict(?:-[0-9]+)?$/;

/** The id of the annotation `id` is a conflict copy of, or undefined when it is not one. */
export function conflictCopyOf(id: string): string | undefined {
  return COPY_PATTERN.exec(id)?.[1];
}

/** A fresh id for the conflict copy of `id`, not in `taken` (and recorded there). */
export function conflictCopyId(id: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? SUFFIX : `${SUFFIX}-${n}`;
    // Ids are at most 64 characters: a long one is shortened (the copy is then found by its message only).
    const copy = `${id.slice(0, MAX_ID_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(copy)) {
      taken.add(copy);
      return copy;
    }
  }
}

/** The warning for an annotation that is a conflict copy (undefined for any other id). */
export function conflictCopyMessage(id: string, ids: { has(id: string): boolean }): string | undefined {
  const of = conflictCopyOf(id);
  if (of === undefined) return undefined;
  return ids.has(of)
    ? `merge conflict: annotation '${of}' was changed differently on two branches and '${id}' holds the other version; keep one, delete the other (to keep this one, also rename its id to '${of}')`
    : `'${id}' is the other version of '${of}' from a merge conflict, and '${of}' is gone: rename its id to '${of}' to finish the merge`;
}
