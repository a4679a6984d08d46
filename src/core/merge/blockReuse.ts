import type { Annotation, Sidecar } from '../sidecar/model';
import { fastAnalyse, lfText, type FastAnalysis } from '../sidecar/parse';
import { blockEnd, cutBlocks, TOP_LEVEL_LINE, withBlocks } from './sidecarBlocks';

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
  const cut = mine && text !== undefined ? cutBlocks(text) : undefined;
  if (!mine || !cut) return undefined;
  const fresh: string[] = [];
  const slots: (Annotation | undefined)[] = [];
  const oursById = new Map(ours.result.annotations.map((a) => [a.id, a]));
  for (let k = 0; k < cut.starts.length; k++) {
    const s = cut.starts[k]!;
    const e = blockEnd(cut, k);
    const block = mine.get(cut.ids[k]!);
    // Equal lengths first; then one comparison of two flat strings (String.prototype.startsWith compares slower).
    if (block !== undefined && block.length === e - s && cut.text.slice(s, e) === block) {
      slots.push(oursById.get(cut.ids[k]!));
      continue;
    }
    const piece = cut.text.slice(s, e);
    if (TOP_LEVEL_LINE.test(piece)) return undefined;
    fresh.push(piece);
    slots.push(undefined);
  }
  const lead = cut.text.slice(cut.bodyStart, cut.starts[0] ?? cut.text.length);
  const read = fastAnalyse(file, withBlocks(cut, fresh.length ? [lead, ...fresh] : []), {});
  if (!read || read.result.annotations.length !== fresh.length) return undefined;
  let next = 0;
  const annotations = slots.map((a) => a ?? read.result.annotations[next++]!);
  return { version: 1, document: read.result.sidecar.document, annotations };
}
