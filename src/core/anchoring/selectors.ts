/**
 * W3C Web Annotation-style selectors for a span of a text: a quote selector (the exact text and a little
 * context on both sides) and a position selector (character offsets, used as a hint when re-anchoring).
 * Offsets are UTF-16 code-unit offsets into the whole document, as in VS Code's `offsetAt`.
 */

/** How many characters of context the quote selector keeps on each side. */
export const CONTEXT_LENGTH = 32;

export interface QuoteSelector {
  /** The annotated text itself. */
  exact: string;
  /** Up to CONTEXT_LENGTH characters just before it (fewer at the start of the document). */
  prefix: string;
  /** Up to CONTEXT_LENGTH characters just after it (fewer at the end of the document). */
  suffix: string;
}

export interface PositionSelector {
  /** Start offset when the selectors were made; only a hint once the document has changed. */
  start: number;
  /** End offset (exclusive). */
  end: number;
}

export interface Selectors {
  quote: QuoteSelector;
  position: PositionSelector;
}

/**
 * Selectors for `text[start, end)`. Offsets are clamped into the text and put in order. The context is cut at
 * the edges of the document, and never splits a surrogate pair (it is one character shorter instead).
 */
export function createSelectors(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): Selectors {
  const a = clampOffset(Math.min(start, end), text.length);
  const b = clampOffset(Math.max(start, end), text.length);
  let prefixStart = Math.max(0, a - contextLength);
  if (prefixStart > 0 && prefixStart < a && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, b + contextLength);
  if (suffixEnd < text.length && suffixEnd > b && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return {
    quote: { exact: text.slice(a, b), prefix: text.slice(prefixStart, a), suffix: text.slice(b, suffixEnd) },
    position: { start: a, end: b },
  };
}

function clampOffset(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return offset > 0 ? length : 0;
  return Math.max(0, Math.min(Math.trunc(offset), length));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
