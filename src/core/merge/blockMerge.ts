import { sameAnnotationData, type Annotation } from '../sidecar/model';
import { renderAnnotationItem } from '../sidecar/serialize';
import { blockEnd, blockStart, blockText, cutBlocks, readBlocks, TOP_LEVEL_LINE, type SidecarBlocks } from './sidecarBlocks';
import { threeWayMerge, type KeptChange } from './threeWayMerge';

/**
 * The merge driver's common case, done on blocks: two branches of a 10,000-annotation sidecar share
 * nearly all their annotation blocks byte for byte, and a block both sides hold alike merges to itself
 * whatever the ancestor says. So the three texts are cut into blocks (sidecarBlocks.ts), only the blocks of
 * the ids the sides hold differently are read (by the fast reader, validated as any sidecar) and merged
 * (threeWayMerge), and the result is our text with those blocks replaced, removed or inserted in document
 * order — the text the editor's in-place writer gives, without reading the 10,000 first.
 *
 * What both sides hold alike is carried over unread, as git's own merge would carry it; the editor and
 * `check` validate the result. Anything else gives undefined and the caller merges the whole files: another
 * layout, CR line ends, a comment where a block changes, a block that does not read, a change of `document:`, a
 * conflict (its copy needs every id in use), our list out of document order, or nothing left in it.
 */

export interface BlockMerge {
  readonly text: string;
  readonly annotations: number;
  readonly kept: readonly KeptChange[];
}

export function blockMerge(base: string, ours: string, theirs: string): BlockMerge | undefined {
  const o = cutBlocks(ours);
  const t = cutBlocks(theirs);
  const b = base === '' ? undefined : cutBlocks(base);
  if (!o || !t || (base !== '' && !b)) return undefined;
  const head = ours.slice(0, o.bodyStart);
  if (head !== theirs.slice(0, t.bodyStart) || o.starts.length === 0) return undefined;
  const body = ours.slice(o.bodyStart - 1);
  if (TOP_LEVEL_LINE.test(body)) return undefined;

  // Our blocks that theirs holds alike stay as they are; the rest of both sides is read.
  const theirsAt = new Map(t.ids.map((id, k) => [id, k]));
  const alike = new Uint8Array(o.ids.length);
  const changed = new Set<string>();
  for (let k = 0; k < o.ids.length; k++) {
    const j = theirsAt.get(o.ids[k]!);
    if (j !== undefined && sameBlock(o, k, t, j)) alike[k] = 1;
    else changed.add(o.ids[k]!);
  }
  const oursAt = new Map(o.ids.map((id, k) => [id, k]));
  for (const id of t.ids) if (!oursAt.has(id)) changed.add(id);

  const oursRead = readBlocks(o, changed);
  const theirsRead = readBlocks(t, changed)?.sidecar;
  const baseRead = b ? readBlocks(b, changed)?.sidecar : { version: 1 as const, document: oursRead?.sidecar.document ?? '', annotations: [] };
  // Our comments inside a block that changes are kept by the in-place writer, not here.
  if (!oursRead || oursRead.comments || !theirsRead || !baseRead || oursRead.sidecar.document !== theirsRead.document) return undefined;
  const merged = threeWayMerge(baseRead, oursRead.sidecar, theirsRead);
  if (merged.conflicts.length || merged.documentConflict || merged.sidecar.document !== oursRead.sidecar.document) return undefined;

  const written = writeBlocks(o, oursAt, alike, oursRead.sidecar.annotations, merged.sidecar.annotations);
  return written && { text: written.text, annotations: written.count, kept: merged.kept };
}

/** Whether block `k` of `a` and block `j` of `b` are the same text (lengths first, then one comparison). */
function sameBlock(a: SidecarBlocks, k: number, b: SidecarBlocks, j: number): boolean {
  return blockEnd(a, k) - a.starts[k]! === blockEnd(b, j) - b.starts[j]! && blockText(a, k) === blockText(b, j);
}

/**
 * Whether the lines just before block `k` (the end of block k - 1, or the lines between `annotations:` and
 * the first block) hold a comment: the in-place writer keeps such a comment with the block below it, so a
 * change there is left to it. A note line starting with '#' counts too: the cost is only the slower path.
 */
function commentBefore(cut: SidecarBlocks, k: number): boolean {
  const t = cut.text;
  const floor = k === 0 ? cut.bodyStart : cut.starts[k - 1]!;
  let e = (k < cut.starts.length ? cut.starts[k]! : t.length) - 1; // the line break ending the line above
  while (e > floor) {
    const ls = t.lastIndexOf('\n', e - 1) + 1;
    const line = t.slice(ls, e).trimStart();
    if (line !== '') return line.startsWith('#');
    e = ls - 1;
  }
  return false;
}

/**
 * Our text with the merged annotations in place: blocks kept alike as they are, our own read blocks kept
 * when the merge left them as they were, every other one rendered as the serializer renders it; all in
 * document order (start, then id), which our list must already be in.
 */
function writeBlocks(o: SidecarBlocks, oursAt: ReadonlyMap<string, number>, alike: Uint8Array, oursRead: readonly Annotation[], merged: readonly Annotation[]): { text: string; count: number } | undefined {
  const ourById = new Map(oursRead.map((a) => [a.id, a]));
  // Ours as it was: its block as written; anything else as the serializer writes it.
  const render = (a: Annotation): string => {
    const mine = ourById.get(a.id);
    return mine && sameAnnotationData(mine, a) ? blockText(o, oursAt.get(a.id)!) : renderAnnotationItem(a, 2);
  };
  const parts: string[] = [o.text.slice(0, o.bodyStart)];
  let m = 0; // next merged annotation (sorted)
  let lastStart = -1;
  let lastId = '';
  for (let k = 0; k < o.ids.length; k++) {
    if (!alike[k]) {
      if (commentBefore(o, k)) return undefined; // our block k changes or goes
      continue;
    }
    const start = blockStart(o, k);
    const id = o.ids[k]!;
    if (start === undefined || precedes(start, id, lastStart, lastId)) return undefined;
    lastStart = start;
    lastId = id;
    if (m < merged.length && precedes(merged[m]!.target.position.start, merged[m]!.id, start, id) && commentBefore(o, k)) return undefined; // an insertion above block k
    while (m < merged.length && precedes(merged[m]!.target.position.start, merged[m]!.id, start, id)) parts.push(render(merged[m++]!));
    parts.push(blockText(o, k));
  }
  if (m < merged.length && commentBefore(o, o.ids.length)) return undefined;
  while (m < merged.length) parts.push(render(merged[m++]!));
  if (parts.length === 1) return undefined; // nothing left: `annotations: []`, as the full path writes it
  return { text: parts.join(''), count: parts.length - 1 };
}

/** Document order, as compareAnnotations sorts: by start, then id. */
function precedes(startA: number, idA: string, startB: number, idB: string): boolean {
  return startA < startB || (startA === startB && idA < idB);
}
