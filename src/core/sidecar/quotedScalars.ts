/**
 * Quoted scalars as the fast sidecar reader accepts them: the double- and single-quoted styles, with line
 * breaks folded as YAML folds them. Anything else throws UNSUPPORTED and the full parser takes over.
 */

/** Thrown (and caught) inside the fast reader for anything outside its subset. */
export const UNSUPPORTED = new Error('outside the fast reader subset');

export const NL = 10;
export const SPACE = 32;
export const TAB = 9;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;

/**
 * A line break inside a quoted scalar at `i`: the text since `run` without its trailing white space (not
 * content; escaped white space is already in the output), then the break folded; `at` resumes after it.
 */
function lineBreak(t: string, run: number, i: number, parentIndent: number): { text: string; at: number } {
  let k = i;
  while (k > run && (t.charCodeAt(k - 1) === SPACE || t.charCodeAt(k - 1) === TAB)) k--;
  const f = fold(t, i + 1, parentIndent);
  return { text: t.slice(run, k) + f.folded, at: f.at };
}

/**
 * After a line break inside a quoted scalar at `p` (just after the break): the break folds to a space,
 * or to one '\n' per empty line after it. Returns the folded text and where the next line's text starts.
 */
function fold(t: string, p: number, parentIndent: number): { folded: string; at: number } {
  let breaks = 0;
  let ls = p;
  for (;;) {
    if (ls >= t.length) throw UNSUPPORTED;
    let k = ls;
    while (t.charCodeAt(k) === SPACE) k++;
    const c = t.charCodeAt(k);
    if (c === NL) {
      breaks++;
      ls = k + 1;
      continue;
    }
    if (c === TAB || k - ls <= parentIndent) throw UNSUPPORTED;
    return { folded: breaks === 0 ? ' ' : '\n'.repeat(breaks), at: k };
  }
}

/** A double-quoted scalar opening at `q`, with the escapes the yaml package writes. */
export function doubleQuoted(t: string, q: number, parentIndent: number): { value: string; end: number } {
  let out = '';
  let i = q + 1;
  let run = i;
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 34) return { value: out + t.slice(run, i), end: i + 1 };
    if (c === 92 /* \ */) {
      out += t.slice(run, i);
      const e = t.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 48: out += '\0'; break; // prettier-ignore
        case 97: out += '\x07'; break; // prettier-ignore
        case 98: out += '\b'; break; // prettier-ignore
        case 116: case TAB: out += '\t'; break; // prettier-ignore
        case 110: out += '\n'; break; // prettier-ignore
        case 118: out += '\v'; break; // prettier-ignore
        case 102: out += '\f'; break; // prettier-ignore
        case 114: out += '\r'; break; // prettier-ignore
        case 101: out += '\x1b'; break; // prettier-ignore
        case SPACE: out += ' '; break; // prettier-ignore
        case 34: out += '"'; break; // prettier-ignore
        case 47: out += '/'; break; // prettier-ignore
        case 92: out += '\\'; break; // prettier-ignore
        case 78: out += '\x85'; break; // prettier-ignore
        case 95: out += '\xa0'; break; // prettier-ignore
        case 76: out += '\u2028'; break; // prettier-ignore
        case 80: out += '\u2029'; break; // prettier-ignore
        case 120: out += hex(t, i, 2); i += 2; break; // prettier-ignore
        case 117: out += hex(t, i, 4); i += 4; break; // prettier-ignore
        case 85: out += hex(t, i, 8); i += 8; break; // prettier-ignore
        default:
          throw UNSUPPORTED; // an escaped line break, or not an escape
      }
      run = i;
      continue;
    }
    if (c === NL) {
      const b = lineBreak(t, run, i, parentIndent);
      out += b.text;
      i = run = b.at;
      continue;
    }
    if (i >= t.length) throw UNSUPPORTED;
    i++;
  }
}

function hex(t: string, p: number, digits: number): string {
  const h = t.slice(p, p + digits);
  if (h.length !== digits || !/^[0-9a-fA-F]+$/.test(h)) throw UNSUPPORTED;
  const code = parseInt(h, 16);
  if (code > 0x10ffff) throw UNSUPPORTED;
  return digits === 8 ? String.fromCodePoint(code) : String.fromCharCode(code);
}

/** A single-quoted scalar opening at `q`. */
export function singleQuoted(t: string, q: number, parentIndent: number): { value: string; end: number } {
  let out = '';
  let i = q + 1;
  let run = i;
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 39) {
      if (t.charCodeAt(i + 1) === 39) {
        out += t.slice(run, i + 1);
        i += 2;
        run = i;
        continue;
      }
      return { value: out + t.slice(run, i), end: i + 1 };
    }
    if (c === NL) {
      const b = lineBreak(t, run, i, parentIndent);
      out += b.text;
      i = run = b.at;
      continue;
    }
    if (i >= t.length) throw UNSUPPORTED;
    i++;
  }
}
