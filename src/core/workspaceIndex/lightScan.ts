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
 * Gives up — undefined, the caller reads the file in full at once — on anything it is not sure of: another
 * layout (flow style, comments, another indentation), a scalar outside the fast reader's subset, an
 * annotation without its id, start or created line, a duplicate id or code. The full read, when it comes,
 * is still the truth: the index compares the two and shows the full one when they differ.
 */
export interface LightAnnotation {
  readonly id: string;
  readonly codes: readonly string[];
  readonly author?: string;
  readonly start: number;
}

const ITEM = '  - id: ';
/** Thrown (once made, never caught elsewhere) when the scan is not sure: the caller reads the file in full. */
const UNSURE = new Error('outside the light scan');

/** The fields of an annotation (its column-4 keys), with their colon, matched in place (no string made). */
const FIELDS = ['target:', 'codes:', 'created:', 'author:', 'note:', 'links:', 'modified:'] as const;
const [TARGET, CODES, CREATED, AUTHOR, , LINKS] = [0, 1, 2, 3, 4, 5];
const NO_CODES = -1;

/** Which field the line at `p` starts (an index in FIELDS), or -1. */
function fieldAt(text: string, p: number): number {
  for (let i = 0; i < FIELDS.length; i++) if (text.startsWith(FIELDS[i]!, p)) return i;
  return -1;
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
  // A copy: V8 keeps a long substring as a slice of the whole text, which would keep every file's text alive.
  return v.length < 13 ? v : `${v} `.slice(0, -1);
}

interface Lists {
  list?: readonly string[];
  next?: Map<string, Lists>;
}

/** What the scan makes of each annotation (the index makes its own entries directly). */
export type MakeLight<T> = (id: string, codes: readonly string[], author: string | undefined, start: number) => T;

const plain: MakeLight<LightAnnotation> = (id, codes, author, start) => (author === undefined ? { id, codes, start } : { id, codes, author, start });

export function lightScan(text: string): LightAnnotation[] | undefined;
export function lightScan<T>(text: string, make: MakeLight<T>): T[] | undefined;
export function lightScan<T>(text: string, make?: MakeLight<T>): (T | LightAnnotation)[] | undefined {
  try {
    return scan<T | LightAnnotation>(text, make ?? plain);
  } catch (err) {
    if (err === UNSURE) return undefined;
    throw err;
  }
}

/** The decimal after `start: `, up to the end of its line (as the serializer writes offsets). */
function offsetAt(text: string, p: number, e: number): number {
  if (e === p || e - p > 15 || (text.charCodeAt(p) === 48 && e - p > 1)) throw UNSURE;
  let n = 0;
  for (let i = p; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw UNSURE;
    n = n * 10 + d;
  }
  return n;
}

function scan<T>(text: string, make: MakeLight<T>): T[] {
  if (!text.startsWith('version: 1\ndocument: ') || !text.endsWith('\n') || text.includes('\r')) throw UNSURE;
  const key = text.indexOf('\nannotations:');
  if (key < 0) throw UNSURE;
  const keyEnd = text.indexOf('\n', key + 1);
  const rest = text.slice(key + '\nannotations:'.length, keyEnd);
  // The head (version, document) is two lines; `annotations: []` has no items.
  if (text.indexOf('\n', 'version: 1\ndocument: '.length) !== key) throw UNSURE;
  if (rest === ' []') {
    if (keyEnd !== text.length - 1) throw UNSURE;
    return [];
  }
  if (rest !== '') throw UNSURE;
  const out: T[] = [];
  const ids = new Set<string>();
  // Codes and authors repeat from one annotation to the next: each line's value is read once per file.
  const values = new Map<string, string>();
  const valueAt = (from: number, to: number): string => {
    const raw = text.slice(from, to);
    let v = values.get(raw);
    if (v === undefined) values.set(raw, (v = scalarAt(raw)));
    return v;
  };
  // Annotations with the same codes share one (read-only) list: found through a trie of the codes, no key made.
  const lists: Lists = {};
  const shared = (cs: readonly string[]): readonly string[] => {
    let node = lists;
    for (const c of cs) {
      const next = (node.next ??= new Map<string, Lists>());
      let child = next.get(c);
      if (!child) next.set(c, (child = {}));
      node = child;
    }
    return (node.list ??= cs.slice());
  };
  // The annotation being read: its id (undefined before the first), codes, author, start, created line.
  let id: string | undefined;
  const codes: string[] = [];
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
    out.push(make(id, shared(codes), author, start));
  };
  for (let s = keyEnd + 1; s < text.length; ) {
    const e = text.indexOf('\n', s);
    // Columns past 8 are not told apart: such lines (quotes, notes, links) are skipped unread.
    let p = s;
    const deep = s + 9;
    while (p < deep && text.charCodeAt(p) === 32) p++;
    const indent = p - s;
    s = e + 1;
    // Blank lines and anything deeper than column 8 belong to a block scalar or a nested value: skipped.
    if (p === e || indent === 9) continue;
    if (text.charCodeAt(p) === 35 /* # */ && indent <= 4) throw UNSURE; // a comment line: another layout
    if (indent === 2) {
      if (text.charCodeAt(p) !== 45 || !text.startsWith(ITEM, p - 2)) throw UNSURE;
      finish();
      const next = scalarAt(text.slice(p - 2 + ITEM.length, e));
      if (!ANNOTATION_ID_PATTERN.test(next)) throw UNSURE;
      id = next;
      codes.length = 0;
      author = undefined;
      start = -1;
      created = false;
      field = -2;
    } else if (id === undefined || indent < 4 || indent === 5) throw UNSURE;
    else if (indent === 4) {
      field = fieldAt(text, p);
      if (field < 0) throw UNSURE;
      const colon = p + FIELDS[field]!.length - 1;
      if (colon + 1 !== e && text.charCodeAt(colon + 1) !== 32) throw UNSURE;
      if (field === AUTHOR) author = valueAt(colon + 2, e);
      else if (field === CODES && colon + 4 === e && text.startsWith(' []', colon + 1)) field = NO_CODES;
      else if (field === CREATED) created = true;
      else if ((field === CODES || field === TARGET || field === LINKS) !== (colon + 1 === e)) throw UNSURE; // a list or mapping below, or a value here
    } else if (indent === 6 && field === CODES) {
      if (text.charCodeAt(p) !== 45 /* - */ || text.charCodeAt(p + 1) !== 32) throw UNSURE;
      const code = valueAt(p + 2, e);
      if (codes.includes(code)) throw UNSURE; // the schema's uniqueItems: the full read reports it
      codes.push(code);
    } else if (indent === 6 && field === TARGET) inPosition = e === p + 'position:'.length && text.startsWith('position:', p);
    else if (indent === 8 && field === TARGET && inPosition && text.startsWith('start: ', p)) {
      if (start >= 0) throw UNSURE;
      start = offsetAt(text, p + 'start: '.length, e);
    }
  }
  finish();
  return out;
}
