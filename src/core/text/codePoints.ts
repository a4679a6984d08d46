/**
 * Spans that never cut a character in two. Offsets are UTF-16 code units (as VS Code's), so an offset can
 * fall between the two halves of a surrogate pair (an emoji, a rare CJK character); the editor's cursor
 * never stops there, so an annotation must not either.
 */

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when `offset` falls between the high and the low half of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

export interface OffsetSpan {
  readonly start: number;
  readonly end: number;
}

/** The span widened to whole code points: a start inside a pair moves back, an end inside one moves on. */
export function snapToCodePoints(text: string, start: number, end: number): OffsetSpan {
  return {
    start: splitsSurrogatePair(text, start) ? start - 1 : start,
    end: splitsSurrogatePair(text, end) ? end + 1 : end,
  };
}

/** Why a span cannot be annotated as given (undefined when it can): with the widened span to use instead. */
export interface SpanProblem {
  readonly message: string;
  readonly snapped: OffsetSpan;
}

/**
 * Checks a span of `text` (end exclusive): inside the text, not empty, and not cutting a surrogate pair.
 * A caller that wants to refuse prints `message`; one that wants to widen uses `snapped`.
 */
export function validateSpan(text: string, start: number, end: number): SpanProblem | undefined {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > text.length) {
    return { message: `the span ${start}-${end} is outside the text (0-${text.length})`, snapped: { start: Math.max(0, Math.min(start, text.length)), end: Math.max(0, Math.min(end, text.length)) } };
  }
  if (end <= start) return { message: `the span ${start}-${end} is empty`, snapped: { start, end } };
  const snapped = snapToCodePoints(text, start, end);
  const cut = [snapped.start !== start ? 'starts' : undefined, snapped.end !== end ? 'ends' : undefined].filter(Boolean);
  if (cut.length === 0) return undefined;
  return { message: `the span ${cut.join(' and ')} inside a character (a surrogate pair)`, snapped };
}
