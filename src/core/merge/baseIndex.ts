import type { Sidecar } from '../sidecar/model';
import { cutBlocks, readBlocks, TOP_LEVEL_LINE } from './sidecarBlocks';

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
  return readBlocks(cut, ids)?.sidecar;
}
