import { ANNOTATION_ID_PATTERN } from '../sidecar/ids';
import { plainValue } from '../sidecar/unquotedScalars';
import { fastReadScalar } from '../sidecar/fastRead';

/**
 * What the explorer's first level needs of a sidecar — each annotation's id, codes, author and start
 * offset — read from its lines alone, as the serializer lays them out (`  - id:` items, their fields at
 * column 4, codes at column 6, `start:` under `position:` at column 8). The rest of each annotation (quotes,
 * notes, links) is skipped by indentation, unread: the full read (readForIndex.ts) waits until a node is
 * expanded, a filter is typed, an annotation is revealed or the orphan check runs, so that 100,000
 * annotations are counted in a fraction of the time (and memory) of reading them.
 *
 * It reads the file's bytes, not a decoded text: the lines are found by their ASCII bytes (a byte of a UTF-8
 * sequence is never one of them) and only the values it keeps are decoded, so 50 MB of sidecars are not made
 * into strings at all. The rest of the file is not checked for valid UTF-8 here: the full read does that.
 *
 * Gives up — undefined, the caller reads the file in full at once — on anything it is not sure of: another
 * layout (flow style, comments, another indentation, a byte order mark), a scalar outside the fast reader's
 * subset or not valid UTF-8, an annotation without its id, start or created line, a duplicate id or code.
 * The full read, when it comes, is still the truth: the index compares the two and shows the full one when
 * they differ (invalid UTF-8 elsewhere in the file, say).
 */
export interface LightAnnotation {
  readonly id: string;
  readonly codes: readonly string[];
  readonly author?: string;
  readonly start: number;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const HEAD = ascii('version: 1\ndocument: ');
const ANNOTATIONS = ascii('\nannotations:');
const ITEM = ascii('  - id: ');
const EMPTY = ascii(' []');
const POSITION = ascii('position:');
const START = ascii('start: ');
const NL = 10;
const SPACE = 32;
const DASH = 45;
/** Thrown (once made, never caught elsewhere) when the scan is not sure: the caller reads the file in full. */
const UNSURE = new Error('outside the light scan');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The fields of an annotation (its column-4 keys), with their colon, matched in place. */
const FIELDS = ['target:', 'codes:', 'created:', 'author:', 'note:', 'links:', 'modified:'].map(ascii);
const [TARGET, CODES, CREATED, AUTHOR, , LINKS] = [0, 1, 2, 3, 4, 5];
const NO_CODES = -1;

/** Whether the bytes at `p` are `word`. */
function at(b: Uint8Array, p: number, word: Uint8Array): boolean {
  if (p < 0 || p + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
  return true;
}

/** Which field the line at `p` starts (an index in FIELDS), or -1. */
function fieldAt(b: Uint8Array, p: number): number {
  for (let i = 0; i < FIELDS.length; i++) if (at(b, p, FIELDS[i]!)) return i;
  return -1;
}

/** The bytes from..to as text: ASCII as it is, anything else (or a long value) as strict UTF-8 (else not sure). */
function textOf(b: Uint8Array, from: number, to: number): string {
  if (to - from <= 256) {
    const units = new Array<number>(Math.max(0, to - from));
    let i = from;
    for (; i < to && b[i]! < 0x80; i++) units[i - from] = b[i]!;
    if (i >= to) return String.fromCharCode(...units);
  }
  try {
    return utf8.decode(b.subarray(from, to));
  } catch {
    throw UNSURE;
  }
}

/** A scalar as written after `key: ` or `- ` on one line: a plain string, or a quoted one on one line. */
function scalarAt(line: string): string {
  const c = line.charCodeAt(0);
  // An end-of-line comment or trailing blanks: the full reader cuts them; not worth doing here.
  if (line.includes(' #') || line.includes('\t') || line.endsWith(' ')) throw UNSURE;
  let v: unknown;
  try {
    v = c === 34 || c === 39 ? fastReadScalar(line) : plainValue(line);
  } catch {
    throw UNSURE;
  }
  if (typeof v !== 'string') throw UNSURE;
  return v;
}

/** The decimal from p to e (as the serializer writes offsets). */
function offsetAt(b: Uint8Array, p: number, e: number): number {
  if (e === p || e - p > 15 || (b[p] === 48 && e - p > 1)) throw UNSURE;
  let n = 0;
  for (let i = p; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) throw UNSURE;
    n = n * 10 + d;
  }
  return n;
}

interface Lists {
  list?: readonly string[];
  next?: Map<string, Lists>;
}

/** What the scan makes of each annotation (the index makes its own entries directly). */
export type MakeLight<T> = (id: string, codes: readonly string[], author: string | undefined, start: number) => T;

const plain: MakeLight<LightAnnotation> = (id, codes, author, start) => (author === undefined ? { id, codes, start } : { id, codes, author, start });

export function lightScan(bytes: Uint8Array): LightAnnotation[] | undefined;
export function lightScan<T>(bytes: Uint8Array, make: MakeLight<T>): T[] | undefined;
export function lightScan<T>(bytes: Uint8Array, make?: MakeLight<T>): (T | LightAnnotation)[] | undefined {
  try {
    return scan<T | LightAnnotation>(bytes, make ?? plain);
  } catch (err) {
    if (err === UNSURE) return undefined;
    throw err;
  }
}

function scan<T>(b: Uint8Array, make: MakeLight<T>): T[] {
  const n = b.length;
  if (!at(b, 0, HEAD) || b[n - 1] !== NL || b.indexOf(13) >= 0) throw UNSURE;
  // The head (version, document) is two lines, then `annotations:`; `annotations: []` has no items.
  const key = b.indexOf(NL, HEAD.length);
  if (!at(b, key, ANNOTATIONS)) throw UNSURE;
  const keyEnd = b.indexOf(NL, key + 1);
  const after = key + ANNOTATIONS.length;
  if (keyEnd === after + EMPTY.length && at(b, after, EMPTY)) {
    if (keyEnd !== n - 1) throw UNSURE;
    return [];
  }
  if (keyEnd !== after) throw UNSURE;
  const out: T[] = [];
  const ids = new Set<string>();
  // Codes and authors repeat from one annotation to the next: each line's value is read once per file.
  const values = new Map<string, string>();
  const valueAt = (from: number, to: number): string => {
    const raw = textOf(b, from, to);
    let v = values.get(raw);
    if (v === undefined) values.set(raw, (v = scalarAt(raw)));
    return v;
  };
  // Annotations with the same codes share one (read-only) list: found through a trie of the codes, no key made.
  const lists: Lists = {};
  const shared = (cs: readonly string[], count: number): readonly string[] => {
    let node = lists;
    for (let k = 0; k < count; k++) {
      const next = (node.next ??= new Map<string, Lists>());
      let child = next.get(cs[k]!);
      if (!child) next.set(cs[k]!, (child = {}));
      node = child;
    }
    return (node.list ??= cs.slice(0, count));
  };
  // The annotation being read: its id (undefined before the first), codes, author, start, created line.
  let id: string | undefined;
  // The codes so far (the first `coded` of the list, reused from one annotation to the next).
  const codes: string[] = [];
  let coded = 0;
  let author: string | undefined;
  let start = -1;
  let created = false;
  /** The field at column 4 the line is in, and whether a `position:` of the target was seen. */
  let field = -2;
  let inPosition = false;
  const finish = (): void => {
    if (id === undefined) return;
    if (start < 0 || !created || ids.has(id)) throw UNSURE;
    ids.add(id);
    out.push(make(id, shared(codes, coded), author, start));
  };
  for (let s = keyEnd + 1; s < n; ) {
    // Columns past 8 are not told apart: such lines (quotes, notes, links) are skipped unread.
    let p = s;
    const deep = s + 9;
    while (p < deep && b[p] === SPACE) p++;
    const indent = p - s;
    const e = b.indexOf(NL, p);
    s = e + 1;
    // Blank lines and anything deeper than column 8 belong to a block scalar or a nested value: skipped.
    if (p === e || indent === 9) continue;
    if (b[p] === 35 /* # */ && indent <= 4) throw UNSURE; // a comment line: another layout
    if (indent === 2) {
      if (b[p] !== DASH || !at(b, p - 2, ITEM)) throw UNSURE;
      finish();
      const next = scalarAt(textOf(b, p - 2 + ITEM.length, e));
      if (!ANNOTATION_ID_PATTERN.test(next)) throw UNSURE;
      id = next;
      coded = 0;
      author = undefined;
      start = -1;
      created = false;
      field = -2;
    } else if (id === undefined || indent < 4 || indent === 5) throw UNSURE;
    else if (indent === 4) {
      field = fieldAt(b, p);
      if (field < 0) throw UNSURE;
      const colon = p + FIELDS[field]!.length - 1;
      if (colon + 1 !== e && b[colon + 1] !== SPACE) throw UNSURE;
      if (field === AUTHOR) author = valueAt(colon + 2, e);
      else if (field === CODES && colon + 4 === e && at(b, colon + 1, EMPTY)) field = NO_CODES;
      else if (field === CREATED) created = true;
      else if ((field === CODES || field === TARGET || field === LINKS) !== (colon + 1 === e)) throw UNSURE; // a list or mapping below, or a value here
    } else if (indent === 6 && field === CODES) {
      if (b[p] !== DASH || b[p + 1] !== SPACE) throw UNSURE;
      const code = valueAt(p + 2, e);
      for (let k = 0; k < coded; k++) if (codes[k] === code) throw UNSURE; // the schema's uniqueItems: the full read reports it
      codes[coded++] = code;
    } else if (indent === 6 && field === TARGET) inPosition = e === p + POSITION.length && at(b, p, POSITION);
    else if (indent === 8 && field === TARGET && inPosition && at(b, p, START)) {
      if (start >= 0) throw UNSURE;
      start = offsetAt(b, p + START.length, e);
    }
  }
  finish();
  return out;
}
