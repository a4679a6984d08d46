import { CORE_NON_STRING } from './coreSchema';
import { COLON, DASH, NL, SPACE, TAB, UNSUPPORTED } from './quotedScalars';

/**
 * The unquoted scalars the fast sidecar reader accepts: plain scalars on one line, and literal block
 * scalars. Anything else throws UNSUPPORTED and the full parser takes over.
 */

const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * What a plain scalar may not be: the yaml package's own test before it writes a string plain,
 * `/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/`, here for a
 * string on one line, with no end-of-line comment (` #`) and no trailing white space.
 */
function plainSafe(s: string): boolean {
  const c0 = s.charCodeAt(0);
  if (FIRST_UNSAFE.has(c0)) return false;
  if (c0 === 63 /* ? */ || c0 === DASH) {
    const c1 = s.charCodeAt(1);
    if (s.length === 1 || c1 === SPACE || c1 === TAB) return false;
  }
  return s.charCodeAt(s.length - 1) !== COLON && !s.includes(': ') && !s.includes(':\t');
}
const FIRST_UNSAFE = new Set([...'\n\t ,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/**
 * The value of a plain scalar on one line (end-of-line comment and trailing spaces cut off): a string,
 * or a plain decimal integer. Throws UNSUPPORTED for what would need quotes, or would read as null,
 * a boolean or another number in the core schema.
 */
export function plainValue(s: string): unknown {
  if (!plainSafe(s)) throw UNSUPPORTED;
  let value: unknown = s;
  const c0 = s.charCodeAt(0);
  // Only strings starting like a number, null or boolean need the core schema's tests.
  if ((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 46) {
    if (DECIMAL.test(s)) value = Number(s);
    else if (CORE_NON_STRING.some((re) => re.test(s))) throw UNSUPPORTED;
  } else if ((c0 === 126 || c0 === 110 || c0 === 78 || c0 === 116 || c0 === 84 || c0 === 102 || c0 === 70) && s.length <= 5) {
    if (CORE_NON_STRING.some((re) => re.test(s))) throw UNSUPPORTED;
  }
  return value;
}

/**
 * A literal block scalar whose `|` is at offset `v` of `line`; its content lines are more indented than
 * `parentIndent`. `starts` are the text's line starts, `lineCount` its number of lines; `afterHeader`
 * checks what follows the header on its line. Gives the value, its last line, and whether it keeps its
 * trailing line breaks (`|+`).
 */
export function literalScalar(
  t: string,
  starts: readonly number[],
  lineCount: number,
  line: number,
  v: number,
  parentIndent: number,
  afterHeader: (p: number) => void,
): { value: string; lastLine: number; keep: boolean } {
  // Header: `|`, then an indentation indicator and a chomping indicator in either order, then a comment.
  let k = v + 1;
  let explicit = 0;
  let chomp = '';
  for (let n = 0; n < 2; n++) {
    const c = t.charCodeAt(k);
    if (c >= 49 && c <= 57 && !explicit) {
      explicit = c - 48;
      k++;
    } else if ((c === DASH || c === 43) && !chomp) {
      chomp = c === DASH ? '-' : '+';
      k++;
    }
  }
  afterHeader(k);
  let contentIndent = explicit ? parentIndent + explicit : -1;
  // Content lines: from the next line to the first non-blank line indented less than the content.
  const lines: string[] = [];
  let i = line + 1;
  let leadingBlankMax = 0;
  let sawText = false;
  let firstIndent = -1;
  for (; i < lineCount; i++) {
    const ls = starts[i]!;
    let p = ls;
    while (t.charCodeAt(p) === SPACE) p++;
    const spaces = p - ls;
    const c = t.charCodeAt(p);
    if (c === NL) {
      if (contentIndent < 0) {
        leadingBlankMax = Math.max(leadingBlankMax, spaces);
        lines.push('');
      } else lines.push(spaces > contentIndent ? t.slice(ls + contentIndent, p) : '');
      continue;
    }
    if (contentIndent < 0) {
      // Auto-detected from the first non-blank line.
      if (spaces <= parentIndent || leadingBlankMax > spaces) throw UNSUPPORTED;
      contentIndent = spaces;
    }
    if (firstIndent < 0) firstIndent = spaces;
    if (spaces < contentIndent) {
      if (c === TAB) throw UNSUPPORTED;
      break;
    }
    sawText = true;
    lines.push(t.slice(ls + contentIndent, starts[i + 1]! - 1));
  }
  // No line with text: the yaml package reads such a scalar in its own way (spaces-only lines as empty).
  if (contentIndent < 0 || !sawText) throw UNSUPPORTED;
  // Trailing blank lines are chomped, unless more indented than the content (then they are text). Like
  // the yaml package, without `+` "more indented" means than the first line of text, not the content.
  const threshold = chomp === '+' ? contentIndent : firstIndent;
  let last = lines.length;
  for (; last > 0; last--) {
    const ls = starts[line + last]!;
    const len = starts[line + last + 1]! - 1 - ls;
    if (len > threshold || t.slice(ls, ls + len).trim() !== '') break;
  }
  const trailing = lines.length - last;
  let value = lines.slice(0, last).join('\n');
  if (chomp === '+') value += last > 0 ? '\n' + '\n'.repeat(trailing) : '\n'.repeat(trailing);
  else if (chomp === '' && last > 0) value += '\n';
  // The scalar takes in its trailing blank lines only when it keeps them.
  const lastLine = chomp === '+' ? line + lines.length : line + Math.max(last, 0);
  return { value, lastLine, keep: chomp === '+' };
}
