import { fieldPath } from '../data/problem';
import { CORE_NON_STRING } from './coreSchema';
import { doubleQuoted, NL, SPACE, singleQuoted, TAB, UNSUPPORTED } from './quotedScalars';

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
 * Besides the value it gives the layout the in-place writer needs: the lines of each annotation.
 */

/** The lines of one item of the `annotations` sequence. */
export interface ItemLayout {
  /** The line of its `-`, and the column of the `-`. */
  readonly dashLine: number;
  readonly dashCol: number;
  /** The line after its last line (trailing comment and blank lines not included). */
  readonly bodyEnd: number;
  /** A comment (a comment line or an end-of-line comment) lies within [dashLine, bodyEnd). */
  readonly comments: boolean;
  /** Its last value is a block scalar that keeps trailing line breaks (`|+`): blank lines after it are its. */
  readonly keepEnd: boolean;
}

export interface ScalarSpan {
  /** Offsets of the scalar's source, from its first character (a quote, or the `|`) to just after its end. */
  readonly start: number;
  readonly end: number;
  /** On one line, plain or quoted. */
  readonly simple: boolean;
}

export interface FastRead {
  /** The top-level mapping as the yaml package's toJS would give it. */
  readonly value: Record<string, unknown>;
  /** Every mapping has its keys in the canonical order (as the serializer writes them). */
  readonly canonicalOrder: boolean;
  /** Line start offsets ('\n' line ends; the text ends with a line break). */
  readonly lineStarts: readonly number[];
  /** The `document` value's source, when there is one. */
  readonly document?: ScalarSpan;
  /** The `annotations` key's line, and how its value is written. */
  readonly annotations?: {
    readonly keyLine: number;
    /** `annotations: []`: the offsets of `[]`. */
    readonly emptyFlow?: { readonly start: number; readonly end: number };
    /** One per item of a block sequence. */
    readonly items: readonly ItemLayout[];
  };
}

/**
 * Keys a sidecar may have; any other key (a misspelling, `__proto__`) is left to the full parser. In an
 * order that agrees with the canonical order of every mapping (top level, annotation, target, quote,
 * position, link): a file whose mappings all follow it needs no reordering (FastRead.canonicalOrder).
 */
const KEY_ORDER = [
  'version',
  'id',
  'target',
  'quote',
  'exact',
  'prefix',
  'suffix',
  'position',
  'start',
  'end',
  'codes',
  'plan',
  'provision',
  'document',
  'annotation',
  'relation',
  'note',
  'links',
  'annotations',
  'author',
  'created',
  'modified',
];
const KEYS = new Set(KEY_ORDER);
const KEY_RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

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
/** Characters the yaml package never writes outside double quotes; the reader gives them to the full parser. */
const ODD_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\r]/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
/** KEYS by length and first character. */
const KEYS_BY_SHAPE = new Map<number, string[]>();
for (const key of KEYS) {
  const shape = key.length * 128 + key.charCodeAt(0);
  KEYS_BY_SHAPE.set(shape, [...(KEYS_BY_SHAPE.get(shape) ?? []), key]);
}
const UNKNOWN_KEY = '\0unknown';

const BLANK = -1;
const COMMENT = -2;
const TAB_FIRST = -3;

const HASH = 35;
const DASH = 45;
const COLON = 58;

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

  /** The key starting at offset `p` if a `key:` (then a space or the line end) is there, and one we read. */
  private keyAt(p: number): string | undefined {
    const t = this.text;
    let k = p;
    for (;;) {
      const c = t.charCodeAt(k);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) k++;
      else break;
    }
    if (k === p || t.charCodeAt(k) !== COLON) return undefined;
    const after = t.charCodeAt(k + 1);
    if (after !== SPACE && after !== NL) return undefined;
    // The key's own string, without slicing one per line.
    const candidates = KEYS_BY_SHAPE.get((k - p) * 128 + t.charCodeAt(p));
    if (candidates) for (const key of candidates) if (t.startsWith(key, p)) return key;
    return UNKNOWN_KEY;
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
      const key = this.keyAt(p);
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
      if (this.keyAt(q) !== undefined) {
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
    const s = t.slice(v, end);
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
    const t = this.text;
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
    this.afterValue(k);
    let contentIndent = explicit ? parentIndent + explicit : -1;
    // Content lines: from the next line to the first non-blank line indented less than the content.
    const lines: string[] = [];
    let i = line + 1;
    let leadingBlankMax = 0;
    let sawText = false;
    let firstIndent = -1;
    for (; i < this.lineCount; i++) {
      const ls = this.starts[i]!;
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
      lines.push(t.slice(ls + contentIndent, this.starts[i + 1]! - 1));
    }
    // No line with text: the yaml package reads such a scalar in its own way (spaces-only lines as empty).
    if (contentIndent < 0 || !sawText) throw UNSUPPORTED;
    // Trailing blank lines are chomped, unless more indented than the content (then they are text). Like
    // the yaml package, without `+` "more indented" means than the first line of text, not the content.
    const threshold = chomp === '+' ? contentIndent : firstIndent;
    let last = lines.length;
    for (; last > 0; last--) {
      const ls = this.starts[line + last]!;
      const len = this.starts[line + last + 1]! - 1 - ls;
      if (len > threshold || t.slice(ls, ls + len).trim() !== '') break;
    }
    const trailing = lines.length - last;
    let value = lines.slice(0, last).join('\n');
    if (chomp === '+') value += last > 0 ? '\n' + '\n'.repeat(trailing) : '\n'.repeat(trailing);
    else if (chomp === '' && last > 0) value += '\n';
    // The scalar takes in its trailing blank lines only when it keeps them.
    const lastLine = chomp === '+' ? line + lines.length : line + Math.max(last, 0);
    this.lastKeep = chomp === '+';
    const next = this.ended(lastLine, parentIndent, true);
    return { value, next, end: this.starts[lastLine + 1]!, simple: false };
  }
}

interface TopInfo {
  document?: ScalarSpan;
  annotations?: { keyLine: number; emptyFlow?: { start: number; end: number }; items: ItemLayout[] };
}
