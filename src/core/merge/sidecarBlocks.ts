/**
 * A sidecar text cut into its annotation blocks, as the serializer lays them out: the head (`version:`,
 * `document:`, the `annotations:` line), then one block per item, from its `  - id: ID` line to the next
 * one (the last to the end of the text). Two branches of one sidecar share nearly all their blocks byte for
 * byte, and an item of a block sequence reads the same wherever it stands, so the merge compares blocks
 * before it reads any (blockReuse.ts, baseIndex.ts, blockMerge.ts).
 *
 * A cut is only a layout: what the blocks hold is read by the fast reader when it matters, and anything
 * it does not accept sends the caller back to reading the whole file.
 */

import type { Sidecar } from '../sidecar/model';
import { fastAnalyse } from '../sidecar/parse';

const ITEM = '  - id: ';
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A line at column 0 (a top-level key) after the `annotations:` line: not a layout cut here. */
export const TOP_LEVEL_LINE = /\n[^ \t#\n]/;

export interface SidecarBlocks {
  /** The text cut ('\n' line ends, ending with one). */
  readonly text: string;
  /** Where the `annotations:` line starts, and the offset after it. */
  readonly keyAt: number;
  readonly bodyStart: number;
  /** Per block, in file order: its id and where it starts; blocks end where the next one starts. */
  readonly ids: readonly string[];
  readonly starts: readonly number[];
}

/** The cut of `text` (LF line ends), or undefined when its layout is not the serializer's or an id repeats. */
export function cutBlocks(text: string): SidecarBlocks | undefined {
  if (!text.endsWith('\n') || text.includes('\r')) return undefined;
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
  if (TOP_LEVEL_LINE.test(`\n${text.slice(bodyStart, starts[0] ?? text.length)}`) || new Set(ids).size !== ids.length) return undefined;
  return { text, keyAt: key.index, bodyStart, ids, starts };
}

/** Where block `k` ends. */
export function blockEnd(cut: SidecarBlocks, k: number): number {
  return k + 1 < cut.starts.length ? cut.starts[k + 1]! : cut.text.length;
}

/** The text of block `k`. */
export function blockText(cut: SidecarBlocks, k: number): string {
  return cut.text.slice(cut.starts[k]!, blockEnd(cut, k));
}

/** A sidecar made of the cut's head and the given blocks (`annotations: []` when there are none). */
export function withBlocks(cut: SidecarBlocks, blocks: readonly string[]): string {
  const head = cut.text.slice(0, cut.keyAt);
  return blocks.length ? `${head}annotations:\n${blocks.join('')}` : `${head}annotations: []\n`;
}

/**
 * The blocks of `cut` whose ids are in `ids`, read by the fast reader as one sidecar with the cut's head (and
 * whether any of them holds a comment); undefined when they do not read, each as exactly one annotation.
 */
export function readBlocks(cut: SidecarBlocks, ids: ReadonlySet<string>): { sidecar: Sidecar; comments: boolean } | undefined {
  const blocks: string[] = [];
  cut.ids.forEach((id, k) => {
    if (ids.has(id)) blocks.push(blockText(cut, k));
  });
  const read = fastAnalyse('block', withBlocks(cut, blocks), {});
  if (!read || read.result.annotations.length !== blocks.length) return undefined;
  return { sidecar: read.result.sidecar, comments: read.read.annotations?.items.some((it) => it.comments) ?? false };
}

const POSITION = '\n      position:\n        start: ';
const TARGET_FIRST = '    target:\n      quote:\n';

/**
 * The `position.start` of block `k` read from its lines as the serializer writes them (`target` first, its
 * `position:` at column 6: quote values, even over several lines, are indented deeper); undefined when the
 * block is laid out otherwise.
 */
export function blockStart(cut: SidecarBlocks, k: number): number | undefined {
  const t = cut.text;
  const s = cut.starts[k]!;
  const afterId = s + ITEM.length + cut.ids[k]!.length + 1;
  if (!t.startsWith(TARGET_FIRST, afterId)) return undefined;
  const p = t.indexOf(POSITION, afterId);
  if (p === -1 || p >= blockEnd(cut, k)) return undefined;
  let v = 0;
  let q = p + POSITION.length;
  const first = q;
  for (let c = t.charCodeAt(q); c >= 48 && c <= 57; c = t.charCodeAt(++q)) v = v * 10 + (c - 48);
  const digits = q - first;
  if (digits === 0 || digits > 15 || (digits > 1 && t.charCodeAt(first) === 48) || t.charCodeAt(q) !== 10) return undefined;
  return v;
}
