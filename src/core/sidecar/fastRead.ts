import { fieldPath } from '../data/problem';
import type { FastRead, ItemLayout, ScalarSpan } from './fastReadLayout';
import { KEY_RANK, keyAt, UNKNOWN_KEY } from './fastReadKeys';
import { DASH, doubleQuoted, HASH, NL, SPACE, singleQuoted, TAB, UNSUPPORTED } from './quotedScalars';
import { literalScalar, plainValue } from './unquotedScalars';

export type { FastRead, ItemLayout, ScalarSpan } from './fastReadLayout';

/**
 * A fast reader for the YAML our serializer writes, and for hand edits that stay within the same
 * small subset of YAML: block mappings whose keys are sidecar field names, block sequences (also
 * "indentless" ones), `[]`, plain scalars on one line, single- and double-quoted scalars (folded over
 * several lines too), literal block scalars (`|`, `|-`, `|+`, with or without an indentation
 * indicator), full-line comments and end-of-line comments, '\n' line ends.
 *
 * It reads that subset exactly as the `yaml` package does (a property test holds the two to it) and
 * gives up — returns undefined — on anything else: flow collections, anchors, aliases, tags, folded
 * block scalars, multi-line plain scalars, tabs in indentation, CR, control characters, directives,
 * documents markers, unknown keys, keys in quotes, null values, numbers other than plain decimal
 * integers, booleans... The caller then parses with the `yaml` package, which explains problems at
 * their line and column. So what this reader accepts costs a tenth of the time; what it does not is
 * read as before.
 *
 * Besides the value it gives the layout the in-place writer needs: the lines of each annotation
 * (fastReadLayout.ts). The field names, plain and literal scalars, and quoted scalars are read by
 * fastReadKeys.ts, unquotedScalars.ts and quotedScalars.ts.
 */

/** Characters the yaml package never writes outside double quotes; the reader gives them to the full parser. */
const ODD_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\r]/;

const BLANK = -1;
const COMMENT = -2;
const TAB_FIRST = -3;

/**
 * Reads a whole sidecar text; undefined when it is outside the subset (then parse it with `yaml`).
 * With `positions`, the source offset of every scalar is recorded under its field path
 * (`annotations[3].codes[1]`), for problems found afterwards.
 */
export function fastRead(text: string, positions?: Map<string, number>): FastRead | undefined {
  try {
    return new Reader(text, positions).document();
  } catch (err) {
    if (err === UNSUPPORTED) return undefined;
    throw err;
  }
}

/**
 * Reads a piece of a sidecar that holds only items of a block sequence at column `dashCol` (with
 * comment and blank lines around them): the annotations and their layouts, or undefined.
 */
export function fastReadItems(text: string, dashCol: number): { values: unknown[]; items: ItemLayout[] } | undefined {
  try {
    return new Reader(text).items(dashCol);
  } catch (err) {
    if (err === UNSUPPORTED) return undefined;
    throw err;
  }
}

/** The value of one scalar as written after `document: ` on a line of its own; undefined if outside the subset. */
export function fastReadScalar(source: string): unknown {
  const r = fastRead(`document: ${source}\n`);
  return r ? r.value['document'] : undefined;
}

class Reader {
  private readonly starts: number[] = [];
  private readonly lineCount: number;
  /** Per line: its indentation, or BLANK, COMMENT (first non-space is '#'), TAB_FIRST. */
  private readonly kinds: Int32Array;
  /** The first '#' at or after some offset (a cache for end-of-line comment search). */
  private hashAt = -1;
  /** Comment lines seen, in order (each once). */
  private readonly commentLines: number[] = [];
  /** An end-of-line comment was seen since the last reset. */
  private inlineComment = false;
  /** The last value read was a block scalar keeping its trailing line breaks. */
  private lastKeep = false;
  private canonicalOrder = true;
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly text: string,
    private readonly positions?: Map<string, number>,
  ) {
    if (text.length === 0 || text.charCodeAt(text.length - 1) !== NL) throw UNSUPPORTED;
    if (ODD_CHARACTERS.test(text)) throw UNSUPPORTED;
    const starts = this.starts;
    starts.push(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineCount = starts.length - 1; // the last start is text.length
    // Each line classified once: its indentation, or BLANK, COMMENT, TAB_FIRST.
    const kinds = new Int32Array(this.lineCount);
    for (let i = 0; i < this.lineCount; i++) {
      const ls = starts[i]!;
      let p = ls;
      while (text.charCodeAt(p) === SPACE) p++;
      const c = text.charCodeAt(p);
      kinds[i] = c === NL ? BLANK : c === HASH ? COMMENT : c === TAB ? TAB_FIRST : p - ls;
    }
    this.kinds = kinds;
  }

  document(): FastRead {
    const first = this.skip(0);
    if (first >= this.lineCount || this.indent(first) !== 0) throw UNSUPPORTED;
    const top: TopInfo = {};
    const { value, next } = this.mapping(first, 0, top);
    if (this.skip(next) !== this.lineCount) throw UNSUPPORTED;
    return { value, canonicalOrder: this.canonicalOrder, lineStarts: this.starts, document: top.document, annotations: top.annotations };
  }

  items(dashCol: number): { values: unknown[]; items: ItemLayout[] } {
    const first = this.skip(0);
    if (first >= this.lineCount) return { values: [], items: [] };
    if (this.indent(first) !== dashCol || !this.isDash(first, dashCol)) throw UNSUPPORTED;
    const items: ItemLayout[] = [];
    const { value, next } = this.sequence(first, dashCol, items);
    if (this.skip(next) !== this.lineCount) throw UNSUPPORTED;
    return { values: value, items };
  }

  // ---- lines -------------------------------------------------------------------------------------

  /** The indentation of a line that is neither blank nor a comment. */
  private indent(line: number): number {
    return this.kinds[line]!;
  }

  /** The first line from `line` on that is neither blank nor a comment (lineCount if none). */
  private skip(line: number): number {
    const kinds = this.kinds;
    for (let i = line; i < this.lineCount; i++) {
      const k = kinds[i]!;
      if (k === BLANK) continue;
      if (k === COMMENT) {
        const seen = this.commentLines;
        if (seen.length === 0 || seen[seen.length - 1]! < i) seen.push(i);
        continue;
      }
      if (k === TAB_FIRST) throw UNSUPPORTED;
      return i;
    }
    return this.lineCount;
  }

  /** The first line from `line` on that is not blank (lineCount if none). */
  private nonBlank(line: number): number {
    const kinds = this.kinds;
    for (let i = line; i < this.lineCount; i++) {
      const k = kinds[i]!;
      if (k === TAB_FIRST) throw UNSUPPORTED;
      if (k !== BLANK) return i;
    }
    return this.lineCount;
  }

  /** The indentation of a line, comment lines included (blank lines: -1). */
  private indentAny(line: number): number {
    const k = this.kinds[line]!;
    if (k >= 0 || k === BLANK) return k;
    let p = this.starts[line]!;
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p - this.starts[line]!;
  }

  /**
   * After a value that ends on `lastLine`: nothing may continue it (a more indented line). Comment lines
   * end a plain or quoted scalar wherever they are; after a block scalar they count (they must be less
   * indented than its parent, though YAML allows a little more).
   */
  private ended(lastLine: number, parentIndent: number, commentsCount = false): number {
    const n = commentsCount ? this.nonBlank(lastLine + 1) : this.skip(lastLine + 1);
    if (n < this.lineCount && this.indentAny(n) > parentIndent) throw UNSUPPORTED;
    return lastLine + 1;
  }

  private isDash(line: number, col: number): boolean {
    const p = this.starts[line]! + col;
    return this.text.charCodeAt(p) === DASH && this.text.charCodeAt(p + 1) === SPACE;
  }

  private record(offset: number): void {
    if (this.positions) this.positions.set(fieldPath(this.path), offset);
  }

  // ---- collections -------------------------------------------------------------------------------

  /** A block mapping whose first key is at (`line`, `col`) and the others at column `col` of later lines. */
  private mapping(line: number, col: number, top?: TopInfo): { value: Record<string, unknown>; next: number } {
    const t = this.text;
    const value: Record<string, unknown> = {};
    let i = line;
    let lastRank = -1;
    for (;;) {
      const p = this.starts[i]! + col;
      const key = keyAt(this.text, p);
      // Not a key (a stray line), a key we do not read, or one given twice.
      if (key === undefined || key === UNKNOWN_KEY || Object.prototype.hasOwnProperty.call(value, key)) throw UNSUPPORTED;
      const rank = KEY_RANK.get(key)!;
      if (rank < lastRank) this.canonicalOrder = false;
      lastRank = rank;
      if (this.positions) this.path.push(key);
      let v = p + key.length + 1;
      while (t.charCodeAt(v) === SPACE) v++;
      let c = t.charCodeAt(v);
      if (c === HASH) {
        this.inlineComment = true;
        c = NL;
      }
      let next: number;
      if (c === NL) {
        // The value is on the following lines: a block sequence or mapping.
        const j = this.skip(i + 1);
        if (j >= this.lineCount) throw UNSUPPORTED;
        const ind = this.indent(j);
        if (ind > col || (ind === col && this.isDash(j, ind))) {
          if (this.isDash(j, ind)) {
            const items: ItemLayout[] | undefined = top && key === 'annotations' ? [] : undefined;
            const r = this.sequence(j, ind, items);
            value[key] = r.value;
            next = r.next;
            if (items) top!.annotations = { keyLine: i, items };
          } else {
            const r = this.mapping(j, ind);
            value[key] = r.value;
            next = r.next;
          }
        } else throw UNSUPPORTED; // an empty value (null)
      } else {
        const r = this.inline(i, v, col);
        value[key] = r.value;
        next = r.next;
        if (top && key === 'document') top.document = { start: v, end: r.end, simple: r.simple };
        if (top && key === 'annotations') {
          if (!Array.isArray(r.value) || r.value.length !== 0) throw UNSUPPORTED;
          top.annotations = { keyLine: i, emptyFlow: { start: v, end: r.end }, items: [] };
        }
      }
      if (this.positions) this.path.pop();
      const j = this.skip(next);
      if (j >= this.lineCount) return { value, next };
      const ind = this.indent(j);
      if (ind === col) {
        if (this.isDash(j, ind)) throw UNSUPPORTED; // a sequence where a key should be
        i = j;
        continue;
      }
      if (ind > col) throw UNSUPPORTED;
      return { value, next };
    }
  }

  /** A block sequence whose first `-` is at (`line`, `col`). */
  private sequence(line: number, col: number, layouts?: ItemLayout[]): { value: unknown[]; next: number } {
    const t = this.text;
    const value: unknown[] = [];
    let i = line;
    for (;;) {
      const dash = this.starts[i]! + col;
      let q = dash + 1;
      while (t.charCodeAt(q) === SPACE) q++;
      const c = t.charCodeAt(q);
      if (c === NL || c === HASH) throw UNSUPPORTED; // the item below its dash: a hand layout
      if (this.positions) this.path.push(value.length);
      const commentsBefore = this.commentLines.length;
      this.inlineComment = false;
      this.lastKeep = false;
      let next: number;
      if (keyAt(this.text, q) !== undefined) {
        const r = this.mapping(i, q - this.starts[i]!);
        value.push(r.value);
        next = r.next;
      } else {
        if (c === DASH && t.charCodeAt(q + 1) === SPACE) throw UNSUPPORTED; // a sequence in a sequence
        const r = this.inline(i, q, col);
        value.push(r.value);
        next = r.next;
      }
      if (this.positions) this.path.pop();
      if (layouts) {
        // Comment lines met while reading the item may lie after it (the next item's lead comments).
        let comments = this.inlineComment;
        for (let k = commentsBefore; k < this.commentLines.length && !comments; k++) comments = this.commentLines[k]! < next;
        layouts.push({ dashLine: i, dashCol: col, bodyEnd: next, comments, keepEnd: this.lastKeep });
      }
      const j = this.skip(next);
      if (j < this.lineCount) {
        const ind = this.indent(j);
        if (ind === col && this.isDash(j, col)) {
          i = j;
          continue;
        }
        if (ind > col) throw UNSUPPORTED;
      }
      return { value, next };
    }
  }

  // ---- scalars -----------------------------------------------------------------------------------

  /**
   * A value starting at offset `v` of `line`, after `key: ` or `- `. `parentIndent`: lines that continue
   * it must be indented more. Returns the value, the line after its last line, and its end offset.
   */
  private inline(line: number, v: number, parentIndent: number): { value: unknown; next: number; end: number; simple: boolean } {
    const t = this.text;
    const c = t.charCodeAt(v);
    this.record(v);
    this.lastKeep = false;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const r = c === 34 ? doubleQuoted(this.text, v, parentIndent) : singleQuoted(this.text, v, parentIndent);
      const endLine = this.lineOf(r.end, line);
      this.afterValue(r.end);
      return { value: r.value, next: this.ended(endLine, parentIndent), end: r.end, simple: endLine === line };
    }
    if (c === 124 /* | */) return this.literal(line, v, parentIndent);
    if (c === 91 /* [ */) {
      if (t.charCodeAt(v + 1) !== 93 /* ] */) throw UNSUPPORTED;
      this.afterValue(v + 2);
      return { value: [], next: this.ended(line, parentIndent), end: v + 2, simple: true };
    }
    // A plain scalar: to the end of the line or an end-of-line comment (a '#' after a space or tab).
    const lineEnd = this.starts[line + 1]! - 1;
    let end = lineEnd;
    if (this.hashAt < v) {
      this.hashAt = t.indexOf('#', v);
      if (this.hashAt === -1) this.hashAt = t.length;
    }
    while (this.hashAt < lineEnd) {
      const before = t.charCodeAt(this.hashAt - 1);
      if (this.hashAt > v && (before === SPACE || before === TAB)) {
        end = this.hashAt;
        this.inlineComment = true;
        break;
      }
      this.hashAt = t.indexOf('#', this.hashAt + 1);
      if (this.hashAt === -1) this.hashAt = t.length;
    }
    while (end > v && (t.charCodeAt(end - 1) === SPACE || t.charCodeAt(end - 1) === TAB)) end--;
    const value = plainValue(t.slice(v, end));
    return { value, next: this.ended(line, parentIndent), end, simple: true };
  }

  /** After a quoted scalar or `[]`: only spaces, or spaces and a comment, to the end of the line. */
  private afterValue(p: number): void {
    const t = this.text;
    let k = p;
    while (t.charCodeAt(k) === SPACE) k++;
    const c = t.charCodeAt(k);
    if (c === NL) return;
    if (c === HASH && k > p) {
      this.inlineComment = true;
      return;
    }
    throw UNSUPPORTED;
  }

  private lineOf(offset: number, from: number): number {
    let line = from;
    while (this.starts[line + 1]! <= offset) line++;
    return line;
  }

  /** A literal block scalar whose `|` is at offset `v` of `line`; its content lines are more indented than `parentIndent`. */
  private literal(line: number, v: number, parentIndent: number): { value: string; next: number; end: number; simple: boolean } {
    const r = literalScalar(this.text, this.starts, this.lineCount, line, v, parentIndent, (p) => this.afterValue(p));
    this.lastKeep = r.keep;
    const next = this.ended(r.lastLine, parentIndent, true);
    return { value: r.value, next, end: this.starts[r.lastLine + 1]!, simple: false };
  }
}

interface TopInfo {
  document?: ScalarSpan;
  annotations?: { keyLine: number; emptyFlow?: { start: number; end: number }; items: ItemLayout[] };
}
