import { mapRange, type OffsetRange, type TextEdit } from '../../core/anchoring';

/**
 * Where an orphaned annotation's text stood when an edit removed it: the span of text that replaced it
 * (empty for a plain deletion), the quote's offset from that span's start, and the text just around it.
 * The span is followed through later edits, so when an undo (or the user typing it again) brings the
 * same text back between the same neighbours, the annotation is attached there again.
 */
export interface OrphanPlace {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
  readonly before: string;
  readonly after: string;
}

/** How much of the text on either side must be unchanged for a returning quote to count as back in its place. */
const CONTEXT = 32;

/**
 * The range after the edits, or, when one of them removed all of it, where it was (see OrphanPlace) and
 * the edit that removed it. Edits as in a VS Code change event (applied in order; see TextEdit).
 */
export function followRange(range: OffsetRange, edits: readonly TextEdit[]): { range: OffsetRange } | { removedBy: TextEdit; start: number; end: number; offset: number } {
  let r = range;
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i]!;
    const next = mapRange(r, [edit]);
    if (next !== 'orphaned') {
      r = next;
      continue;
    }
    const rest = edits.slice(i + 1);
    const start = mapPoint(edit.start, rest, false);
    const end = mapPoint(edit.start + edit.text.length, rest, true);
    return { removedBy: edit, start, end, offset: r.start - edit.start };
  }
  return { range: r };
}

/** The place of an orphan, with its neighbours read from the text after the edits. */
export function placeOf(gap: { start: number; end: number; offset: number }, text: string): OrphanPlace {
  return { ...gap, before: text.slice(Math.max(0, gap.start - CONTEXT), gap.start), after: text.slice(gap.end, gap.end + CONTEXT) };
}

/**
 * The place after more edits. Its start stays before text inserted at it and its end after: whatever is
 * put where the annotated text was (an undo re-inserting it) falls inside.
 */
export function followPlace(place: OrphanPlace, edits: readonly TextEdit[]): OrphanPlace {
  const start = mapPoint(place.start, edits, false);
  return { ...place, start, end: Math.max(start, mapPoint(place.end, edits, true)) };
}

/** The quote's range when it is back at its place between the same neighbours; otherwise undefined. */
export function returnedAt(place: OrphanPlace, quote: string, text: string): OffsetRange | undefined {
  const at = place.start + place.offset;
  if (quote.length === 0 || at + quote.length > place.end) return undefined;
  if (!text.startsWith(quote, at)) return undefined;
  if (text.slice(place.start - place.before.length, place.start) !== place.before) return undefined;
  if (text.slice(place.end, place.end + place.after.length) !== place.after) return undefined;
  return { start: at, end: at + quote.length };
}

/** A point through edits; `stickRight`: text inserted exactly at it goes before it. */
function mapPoint(point: number, edits: readonly TextEdit[], stickRight: boolean): number {
  let p = point;
  for (const { start, end, text } of edits) {
    const delta = text.length - (end - start);
    if (p < start || (p === start && !stickRight)) continue;
    if (p >= end) p += delta;
    else p = stickRight ? start + text.length : start;
  }
  return p;
}
