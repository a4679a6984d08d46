import type { Sidecar } from '../sidecar/model';
import { fastAnalyse } from '../sidecar/parse';
import { blockText, cutBlocks, TOP_LEVEL_LINE, withBlocks } from './sidecarBlocks';

/**
 * The common ancestor is only consulted for annotations the two sides hold differently, usually a few of
 * thousands: instead of reading all of it, its annotation blocks are found by their `  - id: ` lines
 * (sidecarBlocks.ts) and only the ones asked for are read (with the `document:` field). Any layout other
 * than the serializer's gives undefined: the caller then parses the whole file.
 */
export function readBaseAnnotations(text: string, ids: ReadonlySet<string>): Sidecar | undefined {
  const cut = cutBlocks(text);
  // Everything after the key must belong to the list: indented lines, comments, blank lines.
  if (!cut || TOP_LEVEL_LINE.test(text.slice(cut.bodyStart - 1))) return undefined;
  const head = fastAnalyse('base', withBlocks(cut, []), {});
  if (!head) return undefined;
  const document = head.result.sidecar.document;
  const blocks: string[] = [];
  cut.ids.forEach((id, k) => {
    if (ids.has(id)) blocks.push(blockText(cut, k));
  });
  if (blocks.length === 0) return { version: 1, document, annotations: [] };
  const read = fastAnalyse('base', withBlocks(cut, blocks), {});
  if (!read || read.result.annotations.length !== blocks.length) return undefined;
  return { version: 1, document, annotations: read.result.annotations };
}
