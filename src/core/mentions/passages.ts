/**
 * A document cut into passages: sentences within paragraphs, and each Markdown heading, list item, quote or
 * table row on its own. A mention is judged within one passage (its evidence must be there), so passages
 * must not run across a paragraph break. One pass over the text; every regex here is linear.
 */

export interface Passage {
  readonly start: number;
  readonly end: number;
  /** Index of the paragraph (block) the passage belongs to: plan cues carry over within a block. */
  readonly block: number;
}

/** A line that starts a block of its own: heading, list item, quote, table row, horizontal rule. */
const BLOCK_START = /^[ \t]{0,3}(?:#{1,6}[ \t]|[-*+•][ \t]|\d{1,3}[.)][ \t]|>|\||(?:[-*_][ \t]*){3,}$)/;
const HEADING = /^[ \t]{0,3}#{1,6}[ \t]/;
/**
 * A sentence end: terminal punctuation, closing quotes or brackets, white space, and (looked ahead) what
 * starts a sentence. The classes are disjoint and in sequence, so there is one way to match.
 */
const SENTENCE_END = /[.!?]["'\u201D\u2019)\]]*[ \t\r\n]+(?=["'\u201C\u2018(\[]?[A-Z0-9])/g;
/** Words before a full stop that do not end a sentence (single letters catch U.S., e.g., i.e.). */
/** The regexes run on document text, for the ReDoS check. */
export const PASSAGE_PATTERNS: readonly RegExp[] = [BLOCK_START, HEADING, SENTENCE_END];

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'no', 'nos', 'vs', 'cf', 'etc', 'al', 'st', 'art', 'sec', 'para', 'fig', 'vol', 'ed', 'eds', 'inc', 'ltd', 'jr', 'sr']);

function abbreviationBefore(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[A-Za-z]/.test(text[i - 1]!)) i--;
  const word = text.slice(i, dot);
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}

function sentences(text: string, start: number, end: number, block: number, out: Passage[]): void {
  const chunk = text.slice(start, end);
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(chunk); m; m = SENTENCE_END.exec(chunk)) {
    if (abbreviationBefore(chunk, m.index)) continue;
    const stop = m.index + m[0].trimEnd().length;
    push(out, start + from, start + stop, block, text);
    from = m.index + m[0].length;
  }
  push(out, start + from, end, block, text);
}

function push(out: Passage[], start: number, end: number, block: number, text: string): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, block });
}

export function passages(text: string): Passage[] {
  const out: Passage[] = [];
  let block = 0;
  let blockStart = -1;
  let blockEnd = 0;
  const flush = (): void => {
    if (blockStart >= 0) sentences(text, blockStart, blockEnd, block++, out);
    blockStart = -1;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = text.length;
    const lineEnd = nl > lineStart && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') flush();
    else {
      if (BLOCK_START.test(line)) flush();
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = lineEnd;
      // A heading is one line: what follows starts a new block.
      if (HEADING.test(line)) flush();
    }
    lineStart = nl + 1;
  }
  flush();
  return out;
}
