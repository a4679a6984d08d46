import { normaliseEdit, type TextEdit } from './textEdit';

/** A half-open span `[start, end)` of UTF-16 offsets. */
export interface OffsetRange {
  start: number;
  end: number;
}

/**
 * Where an annotated range is after `edits` (applied in order, see `TextEdit`), or `'orphaned'` when all of
 * its text has been deleted. The rules, for each edit, which is a deletion of `[start, end)` followed by an
 * insertion of `text` at `start`:
 *
 * - text inserted before the range shifts it; text inserted strictly inside it extends it;
 * - text inserted exactly at the range's start or end boundary does NOT join it (typing next to an annotation
 *   does not grow it, like VS Code's `DecorationRangeBehavior.ClosedClosed`). So the new text of a
 *   replacement that overlaps a boundary stays outside: a range keeps only its own surviving text plus
 *   whatever is typed strictly inside it;
 * - a deletion that overlaps part of the range shrinks it; one that removes all of it orphans it, even when
 *   the deletion is part of a replacement. (After an undo the text is back but the range stays orphaned:
 *   `reanchor` finds it again.)
 *
 * An empty range is a point: it is never orphaned, moves to the start of a deletion around it and stays
 * before text inserted at it.
 *
 * When `lengthBefore` (the document's length before the edits) is given, the range and every edit are
 * clamped into the document as it evolves, so the result is always inside the new document even for
 * inconsistent input. Without it the result is inside the new document whenever the input is consistent.
 */
export function mapRange(
  range: OffsetRange,
  edits: readonly TextEdit[],
  lengthBefore?: number,
): OffsetRange | 'orphaned' {
  let length = lengthBefore === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.trunc(lengthBefore));
  let a = clamp(Math.min(range.start, range.end), length);
  let b = clamp(Math.max(range.start, range.end), length);
  const point = a === b;
  for (const edit of edits) {
    const { start: s, end: e } = normaliseEdit(edit, length);
    const removed = e - s;
    if (removed > 0) {
      if (!point && s <= a && b <= e) return 'orphaned';
      a = a <= s ? a : a >= e ? a - removed : s;
      b = b <= s ? b : b >= e ? b - removed : s;
    }
    const inserted = edit.text.length;
    if (inserted > 0) {
      if (s < a || (s === a && !point)) {
        a += inserted;
        b += inserted;
      } else if (s < b) {
        b += inserted;
      }
    }
    if (length !== Number.MAX_SAFE_INTEGER) length += inserted - removed;
  }
  return { start: a, end: b };
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return offset > 0 ? length : 0;
  return Math.max(0, Math.min(Math.trunc(offset), length));
}
