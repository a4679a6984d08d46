import { isSpaceCode } from './lineScan';

/**
 * Headings run into their paragraph, as every published English text of the Chinese plan sets them:
 * "1. Heading sentence. Body …", "- Heading sentence. Body …", "Heading In Title Case. Body …". The heading
 * is the paragraph's first sentence when it is short and the paragraph goes on after it. Scanned by hand,
 * from the start and a bounded distance, so a 20 MB line costs no more than its first few hundred characters.
 */

/** A heading is at most this many characters and words (the plans' longest run to about a dozen words). */
export const MAX_INLINE_HEADING = 160;
const MAX_INLINE_WORDS = 24;
const DOT = 46;
const STAR = 42;
const UNDERSCORE = 95;
/** Abbreviations whose full stop ends no sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'etc', 'eg', 'ie', 'art', 'para', 'sec', 'fig']);

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0xbf;
}

function isUpperStart(c: number): boolean {
  // A capital, a digit, or an opening quote or bracket: what a body sentence begins with.
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 0x22 || c === 0x27 || c === 0x2019 || c === 0x201c || c === 0x2018 || c === 0x28 || (c > 0xbf && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c));
}

/** Whether the full stop at `dot` follows an abbreviation or an initial ("U.S.", "e.g.", "No."). */
function isAbbreviation(text: string, from: number, dot: number): boolean {
  let s = dot;
  while (s > from && isLetterCode(text.charCodeAt(s - 1))) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 1) return true;
  return ABBREVIATIONS.has(word) || (s > from && text.charCodeAt(s - 1) === DOT);
}

/** A heading found at the start of a paragraph: `text.slice(start, end)`, the body beginning at `bodyStart`. */
export interface InlineHeading {
  readonly start: number;
  readonly end: number;
  readonly bodyStart: number;
}

/**
 * The first sentence of `text` from `from`, when it is short (MAX_INLINE_HEADING characters, MAX_INLINE_WORDS
 * words) and a sentence follows it on the same line: a full stop (closing emphasis marks allowed), blanks,
 * then a capital, digit or quote. Undefined otherwise.
 */
export function inlineHeading(text: string, from: number): InlineHeading | undefined {
  let start = from;
  while (start < text.length && isSpaceCode(text.charCodeAt(start))) start++;
  const limit = Math.min(text.length, start + MAX_INLINE_HEADING + 1);
  let words = 1;
  let letters = 0;
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (!isSpaceCode(text.charCodeAt(i - 1)) && ++words > MAX_INLINE_WORDS) return undefined;
      continue;
    }
    if (isLetterCode(c)) letters++;
    if (c !== DOT || letters === 0) continue;
    let k = i + 1;
    while (k < limit && k <= i + 2 && (text.charCodeAt(k) === STAR || text.charCodeAt(k) === UNDERSCORE)) k++;
    if (k >= text.length || !isSpaceCode(text.charCodeAt(k))) continue;
    let body = k;
    while (body < text.length && body < k + 8 && isSpaceCode(text.charCodeAt(body))) body++;
    if (body >= text.length || !isUpperStart(text.charCodeAt(body)) || isAbbreviation(text, start, i)) continue;
    return { start, end: i, bodyStart: body };
  }
  return undefined;
}

const MINOR_WORDS = new Set('a an and as at by for from in into of on or the to with vs via its their our'.split(' '));

/** Whether a heading is set in title case ("Seizing Artificial Intelligence Opportunities Together"): its minor words aside, nearly every word capitalised. */
export function isTitleCase(heading: string): boolean {
  const words = heading.split(/\s+/).filter((w) => w.length > 0);
  let content = 0;
  let capitalised = 0;
  words.forEach((w, k) => {
    const first = w.charCodeAt(0);
    if (!isLetterCode(first)) return;
    if (k > 0 && MINOR_WORDS.has(w.toLowerCase())) return;
    content++;
    if (first >= 65 && first <= 90) capitalised++;
  });
  return content >= 2 && capitalised >= content * 0.8 && isUpperStart(words[0]?.charCodeAt(0) ?? 0);
}

/** Words that cannot end a heading: a line ending in one is a heading wrapped onto the next line. */
const CONTINUING = new Set('a an and as at by for from in into of on or the to with towards toward its their'.split(' '));

/**
 * A heading hard-wrapped from a PDF: `line` holds no sentence end, and the next line reads on (it begins in
 * lower case, or `line` ends on a word no heading ends on) and ends the sentence early. The heading's end
 * on the next line, or undefined.
 */
export function wrappedHeadingEnd(line: string, next: string): InlineHeading | undefined {
  const trimmed = line.trimEnd();
  let s = trimmed.length;
  while (s > 0 && !isSpaceCode(trimmed.charCodeAt(s - 1))) s--;
  const lastWord = trimmed.slice(s).toLowerCase();
  let first = 0;
  while (first < next.length && isSpaceCode(next.charCodeAt(first))) first++;
  const c = next.charCodeAt(first);
  const readsOn = (c >= 97 && c <= 122) || CONTINUING.has(lastWord);
  if (!readsOn) return undefined;
  const rest = inlineHeading(next, first);
  if (!rest || trimmed.length + (rest.end - first) > MAX_INLINE_HEADING) return undefined;
  return rest;
}
