/**
 * The sentence around an offset in prose (Markdown or plain policy text), for "Annotate" with no
 * selection. A sentence never crosses a paragraph (a blank line) nor the start of a heading, list item or
 * quote line; it ends after . ! ? (followed by space or the end, closing quotes or brackets kept with it)
 * or after a CJK full stop, and not after an abbreviation (U.S., e.g., No.) or before a lower-case word.
 */

export interface SentenceRange {
  readonly start: number;
  readonly end: number;
}

/** A line that starts a block of its own: a heading, a list item, a numbered provision, a quote. */
const BLOCK_MARKER = /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\(?\d+(?:\.\d+)*[.)][ \t]+|\(?[a-z][.)][ \t]+|>[ \t]*)/;
/** A heading is a block of one line: the text under it is another. */
const HEADING = /^[ \t]*#{1,6}[ \t]+/;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'mr', 'mrs', 'ms', 'dr', 'no', 'nos', 'art', 'arts', 'sec', 'para', 'vs', 'cf', 'inc', 'ltd', 'co', 'st', 'vol', 'fig', 'p', 'pp']);
const CLOSERS = '"\'”’)]»';
const CJK_STOPS = '。！？';

/** The sentence that holds `offset`, trimmed; undefined on a blank line or a bare list marker. */
export function sentenceAt(text: string, offset: number): SentenceRange | undefined {
  const at = Math.max(0, Math.min(offset, text.length));
  const block = blockAround(text, at);
  if (!block) return undefined;
  let start = block.contentStart;
  // Boundaries are scanned from the block's content start; the sentence is the one holding the offset.
  for (let i = block.contentStart; i < block.end; i++) {
    const end = boundaryAfter(text, i, block.end);
    if (end === undefined) continue;
    if (at <= end || end >= block.end) return trimmed(text, start, end);
    start = end;
    i = end - 1;
  }
  return trimmed(text, start, block.end);
}

/** The lines around the offset up to a blank line or a block marker, and where its text starts. */
function blockAround(text: string, at: number): { contentStart: number; end: number } | undefined {
  // lastIndexOf treats a negative start as 0, which would find a leading newline: guard the first line.
  const lineStartOf = (p: number): number => (p <= 0 ? 0 : text.lastIndexOf('\n', p - 1) + 1);
  const lineEndOf = (p: number): number => {
    const n = text.indexOf('\n', p);
    return n < 0 ? text.length : n;
  };
  const blank = (s: number): boolean => text.slice(s, lineEndOf(s)).trim() === '';
  let start = lineStartOf(at);
  if (blank(start)) return undefined;
  while (start > 0 && !BLOCK_MARKER.test(text.slice(start, lineEndOf(start)))) {
    const previous = lineStartOf(start - 1);
    if (blank(previous) || HEADING.test(text.slice(previous, lineEndOf(previous)))) break;
    start = previous;
  }
  let end = lineEndOf(at);
  while (end < text.length && !HEADING.test(text.slice(start, lineEndOf(start)))) {
    const next = end + 1;
    const line = text.slice(next, lineEndOf(next));
    if (line.trim() === '' || BLOCK_MARKER.test(line)) break;
    end = lineEndOf(next);
  }
  const marker = BLOCK_MARKER.exec(text.slice(start, end));
  const contentStart = start + (marker ? marker[0].length : 0);
  return text.slice(contentStart, end).trim() === '' ? undefined : { contentStart, end };
}

/** Where a sentence ending at text[i] ends (after its closers), or undefined when i ends none. */
function boundaryAfter(text: string, i: number, limit: number): number | undefined {
  const c = text[i]!;
  let end = i + 1;
  while (end < limit && CLOSERS.includes(text[end]!)) end++;
  if (CJK_STOPS.includes(c)) return end;
  if (c !== '.' && c !== '!' && c !== '?') return undefined;
  if (end < limit && !/\s/.test(text[end]!)) return undefined;
  if (c === '.') {
    // The word before the stop (at most 12 characters back), by a scan: `/[\p{L}.]+$/` is quadratic on dots.
    let from = i;
    while (from > Math.max(0, i - 12) && /[\p{L}.]/u.test(text[from - 1]!)) from--;
    const word = text.slice(from, i);
    if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase())) return undefined;
    const next = /\S/u.exec(text.slice(end, limit));
    if (next && /[\p{Ll}\d]/u.test(next[0])) return undefined;
  }
  return end;
}

function trimmed(text: string, start: number, end: number): SentenceRange | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return s < e ? { start: s, end: e } : undefined;
}
