import type { QuoteSelector } from './selectors';

/**
 * The remembered context on a quote's own line: the prefix after its last line break, the suffix before its
 * first. A block deleted next to a passage takes away what followed (or preceded) its line, seldom the line
 * itself; a look-alike's copy of a sentence sits in another line (another section's own sentence before it).
 */
export function ownLine(quote: QuoteSelector): { before: string; after: string } {
  const cut = quote.suffix.indexOf('\n');
  return {
    before: quote.prefix.slice(quote.prefix.lastIndexOf('\n') + 1),
    after: cut < 0 ? quote.suffix : quote.suffix.slice(0, cut),
  };
}

/** Whether the quote's own-line context (`ownLine`) is unchanged around the span [start, end). */
export function lineAgrees(text: string, quote: QuoteSelector, start: number, end: number): boolean {
  const { before, after } = ownLine(quote);
  return text.slice(start - before.length, start) === before && text.startsWith(after, end);
}

/** Non-blank characters of own-line context below which it tells nothing (an indent, a bullet's dash). */
const MIN_LINE_CONTEXT = 12;

/** Whether the quote's own-line context is long enough to tell a passage from a look-alike (see `lineAgrees`). */
export function lineContextTells(quote: QuoteSelector): boolean {
  const { before, after } = ownLine(quote);
  return (before + after).replace(/\s/g, '').length >= MIN_LINE_CONTEXT;
}
