/**
 * Small hand-written scanners for the line shapes whose regular expressions backtracked (issue 13):
 * an ATX heading's closing hashes and blanks, and a table-of-contents dot leader. Each is one pass over
 * the line from either end, so a heading followed by thousands of blanks, or ". . . ." many times over,
 * costs time linear in the line.
 */

/** Exactly the characters JavaScript's `\s` matches. */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const HASH = 35;
const DOT = 46;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index just past the last character that is not whitespace, at or before `end`. */
function trimEndIndex(s: string, end: number, from = 0): number {
  let e = end;
  while (e > from && isSpaceCode(s.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * An ATX heading (`## Title ##`): up to three spaces, one to six `#`, whitespace, then the text, whose
 * trailing blanks and closing hashes are dropped. The same results as the pattern it replaced
 * (` {0,3}(#{1,6})\s+(.*?)\s*#*\s*` anchored at both ends; lines without line terminators), in one pass.
 */
export function markdownHeading(line: string): { level: number; inner: string } | undefined {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const hashes = i;
  while (i < line.length && line.charCodeAt(i) === HASH) i++;
  const level = i - hashes;
  if (level < 1 || level > 6 || !isSpaceCode(line.charCodeAt(i))) return undefined;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  // The longest suffix of the form blanks, hashes, blanks.
  let e = trimEndIndex(line, line.length, i);
  while (e > i && line.charCodeAt(e - 1) === HASH) e--;
  e = trimEndIndex(line, e, i);
  return { level, inner: line.slice(i, e) };
}

/** Whether a line is a Markdown ATX heading (see `markdownHeading`). */
export function isMarkdownHeading(line: string): boolean {
  return markdownHeading(line) !== undefined;
}

/**
 * Whether a line ends like a table-of-contents entry: four or more dots (". . . ." or "....", at most one
 * blank between two dots) and an optional page number, or a page number of up to three digits after two
 * or more blanks. The same results as the pattern it replaced (`(?:\.\s?){4,}\s*\d*\s*$` or
 * `\s{2,}\d{1,3}\s*$`, unanchored at the start), read from the end.
 */
export function endsWithDotLeader(line: string): boolean {
  const end = trimEndIndex(line, line.length);
  let digitsStart = end;
  while (digitsStart > 0 && isDigitCode(line.charCodeAt(digitsStart - 1))) digitsStart--;
  const digits = end - digitsStart;
  // A page number after two or more blanks.
  if (digits >= 1 && digits <= 3 && digitsStart >= 2 && isSpaceCode(line.charCodeAt(digitsStart - 1)) && isSpaceCode(line.charCodeAt(digitsStart - 2))) {
    return true;
  }
  // Dots, each followed by at most one blank, then blanks, an optional number and blanks.
  let i = trimEndIndex(line, digitsStart);
  let dots = 0;
  while (i > 0 && line.charCodeAt(i - 1) === DOT) {
    dots++;
    if (dots >= 4) return true;
    i--;
    if (i >= 2 && isSpaceCode(line.charCodeAt(i - 1)) && line.charCodeAt(i - 2) === DOT) i--;
  }
  return false;
}

/** `text` without the characters of `chars` (and whitespace) at either end; `lead` chars only at the start. */
export function trimSet(text: string, lead: string, trail: string): string {
  let s = 0;
  let e = text.length;
  const isLead = (c: number): boolean => isSpaceCode(c) || lead.includes(String.fromCharCode(c));
  const isTrail = (c: number): boolean => isSpaceCode(c) || trail.includes(String.fromCharCode(c));
  while (s < e && isLead(text.charCodeAt(s))) s++;
  while (e > s && isTrail(text.charCodeAt(e - 1))) e--;
  return text.slice(s, e);
}
