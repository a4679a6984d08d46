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

/** The fields of an annotation (its column-4 keys). */
const FIELDS = new Set(['target', 'codes', 'note', 'links', 'author', 'created', 'modified']);

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

interface Draft {
  id: string;
  codes: string[];
  author?: string;
  start?: number;
  created: boolean;
}

export function lightScan(text: string): LightAnnotation[] | undefined {
  try {
    return scan(text);
  } catch (err) {
    if (err === UNSURE) return undefined;
    throw err;
  }
}

function scan(text: string): LightAnnotation[] {
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
  const out: LightAnnotation[] = [];
  const ids = new Set<string>();
  let a: Draft | undefined;
  /** The field at column 4 the line is in, and whether a `position:` of the target was seen. */
  let field = '';
  let inPosition = false;
  const finish = (): void => {
    if (!a) return;
    if (a.start === undefined || !a.created || ids.has(a.id)) throw UNSURE;
    ids.add(a.id);
    out.push(a.author === undefined ? { id: a.id, codes: a.codes, start: a.start } : { id: a.id, codes: a.codes, author: a.author, start: a.start });
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
      const id = scalarAt(text.slice(p - 2 + ITEM.length, e));
      if (!ANNOTATION_ID_PATTERN.test(id)) throw UNSURE;
      a = { id, codes: [], created: false };
      field = 'id';
    } else if (!a || indent < 4 || indent === 5) throw UNSURE;
    else if (indent === 4) {
      const colon = text.indexOf(':', p);
      if (colon < 0 || colon > e) throw UNSURE;
      field = text.slice(p, colon);
      const after = text.charCodeAt(colon + 1);
      if (!FIELDS.has(field) || (colon + 1 !== e && after !== 32)) throw UNSURE;
      if (field === 'author') a.author = scalarAt(text.slice(colon + 2, e));
      else if (field === 'codes' && text.startsWith(' []', colon + 1) && colon + 4 === e) field = 'no codes';
      else if (field === 'created') a.created = true;
      else if (field !== 'no codes' && (field === 'codes' || field === 'target' || field === 'links') !== (colon + 1 === e)) throw UNSURE; // a list or mapping below, or a value here
    } else if (indent === 6 && field === 'codes') {
      if (text.charCodeAt(p) !== 45 /* - */ || text.charCodeAt(p + 1) !== 32) throw UNSURE;
      const code = scalarAt(text.slice(p + 2, e));
      if (a.codes.includes(code)) throw UNSURE; // the schema's uniqueItems: the full read reports it
      a.codes.push(code);
    } else if (indent === 6 && field === 'target') inPosition = e === p + 'position:'.length && text.startsWith('position:', p);
    else if (indent === 8 && field === 'target' && inPosition && text.startsWith('start: ', p)) {
      const n = text.slice(p + 'start: '.length, e);
      if (!/^(?:0|[1-9][0-9]{0,14})$/.test(n) || a.start !== undefined) throw UNSURE;
      a.start = Number(n);
    }
  }
  finish();
  return out;
}
