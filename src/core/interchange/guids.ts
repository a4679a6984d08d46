import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/**
 * Stable GUIDs for REFI-QDA files: UUIDv5 (SHA-1, RFC 9562) of a kind and our id, so exporting the same
 * workspace twice gives the same GUIDs and the files diff cleanly. Upper case, as ATLAS.ti and MAXQDA write them.
 */
const NAMESPACE = 'b2f1c7de-3a64-5c1e-9d0a-6f2e8c4b7a91';
/** Parsed once: uuid parses a namespace string on every call otherwise (a quarter of an export's GUID time). */
const NAMESPACE_BYTES = parseUuid(NAMESPACE);
/** uuid turns a string into UTF-8 with a slow per-character loop; TextEncoder gives the same bytes natively. */
const utf8 = new TextEncoder();

export type GuidKind = 'project' | 'user' | 'code' | 'source' | 'selection' | 'coding' | 'note' | 'link' | 'target';

export function stableGuid(kind: GuidKind, id: string): string {
  return uuidv5(utf8.encode(`${kind}:${id}`), NAMESPACE_BYTES).toUpperCase();
}

/** GUIDs compared as the schema allows them: either case, with or without braces. */
const NORMAL_GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export function normalGuid(guid: string): string {
  // Most GUIDs (all of ours) are written normal already: one test instead of three string copies.
  if (NORMAL_GUID.test(guid)) return guid;
  return guid.trim().replace(/^\{|\}$/g, '').toUpperCase();
}
