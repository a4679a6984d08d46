import type { Annotation, Sidecar } from '../sidecar/model';
import { fastAnalyse, lfText, type FastAnalysis } from '../sidecar/parse';

/**
 * Their side of a merge read against ours. Two branches of one sidecar share nearly all of their annotation
 * blocks byte for byte, and an item of a block sequence reads the same wherever it stands, so a block of
 * theirs whose text is our block of the same id is our annotation — already read and validated — and only
 * the other blocks are read, together, by the fast reader (with the `version:`/`document:` head). Blocks
 * are cut at their `  - id: ` lines, as the serializer writes them, and compared in place (no copies, no
 * hashing of 6 MB of text). Any other layout, or anything the fast reader does not accept, gives
 * undefined: the caller then reads the whole file as before (which also positions its errors).
 */

const ITEM = '  - id: ';
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A line at column 0 (a top-level key) inside a piece of the list: not a layout cut here. */
const TOP_LEVEL_LINE = /\n[^ \t#\n]/;

/** Our blocks by id, cut as theirs are cut: from an item's dash line to the next one (the last to the end). */
function ourBlocks(ours: FastAnalysis): Map<string, string> | undefined {
  const items = ours.read.annotations?.items;
  const annotations = ours.result.annotations;
  if (!items || items.length !== annotations.length) return undefined;
  const starts = ours.read.lineStarts;
  const text = ours.text;
  const out = new Map<string, string>();
  for (let k = 0; k < items.length; k++) {
    const at = starts[items[k]!.dashLine]!;
    const id = annotations[k]!.id;
    if (items[k]!.dashCol !== 2 || !text.startsWith(ITEM, at) || !text.startsWith(id, at + ITEM.length) || text.charCodeAt(at + ITEM.length + id.length) !== 10) return undefined;
    out.set(id, text.slice(at, k + 1 < items.length ? starts[items[k + 1]!.dashLine]! : text.length));
  }
  const last = annotations.length ? out.get(annotations[annotations.length - 1]!.id)! : '';
  return TOP_LEVEL_LINE.test(last) ? undefined : out;
}

/** `theirs` (decoded) read with the help of `ours` (the fast reader's analysis of our side); or undefined. */
export function readAgainstOurs(file: string, theirs: string, ours: FastAnalysis): Sidecar | undefined {
  const mine = ourBlocks(ours);
  const text = lfText(theirs);
  if (!mine || text === undefined || !text.endsWith('\n')) return undefined;
  const key = /^annotations:[ \t]*\n/m.exec(text);
  if (!key) return undefined;
  const bodyStart = key.index + key[0].length;
  // Every dash at the list's column starts an item `  - id: ID` on a line of its own.
  const starts: number[] = [];
  const ids: string[] = [];
  for (let i = text.indexOf('\n  -', bodyStart - 1); i !== -1; i = text.indexOf('\n  -', i + 1)) {
    const s = i + 1;
    const lineEnd = text.indexOf('\n', s);
    const id = text.startsWith(ITEM, s) ? text.slice(s + ITEM.length, lineEnd) : '';
    if (!ID.test(id)) return undefined;
    starts.push(s);
    ids.push(id);
  }
  const lead = text.slice(bodyStart, starts[0] ?? text.length);
  if (TOP_LEVEL_LINE.test(`\n${lead}`) || new Set(ids).size !== ids.length) return undefined; // a duplicate id: the full reader reports it
  const fresh: string[] = [];
  const slots: (Annotation | undefined)[] = [];
  const oursById = new Map(ours.result.annotations.map((a) => [a.id, a]));
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    const e = k + 1 < starts.length ? starts[k + 1]! : text.length;
    const block = mine.get(ids[k]!);
    // Equal lengths first; then one comparison of two flat strings (String.prototype.startsWith compares slower).
    if (block !== undefined && block.length === e - s && text.slice(s, e) === block) {
      slots.push(oursById.get(ids[k]!));
      continue;
    }
    const piece = text.slice(s, e);
    if (TOP_LEVEL_LINE.test(piece)) return undefined;
    fresh.push(piece);
    slots.push(undefined);
  }
  // Nothing new: the head alone (`annotations:` with no item under it would read as null).
  const list = fresh.length ? `annotations:\n${lead}${fresh.join('')}` : 'annotations: []\n';
  const read = fastAnalyse(file, `${text.slice(0, key.index)}${list}`, {});
  if (!read || read.result.annotations.length !== fresh.length) return undefined;
  let next = 0;
  const annotations = slots.map((a) => a ?? read.result.annotations[next++]!);
  return { version: 1, document: read.result.sidecar.document, annotations };
}
