import { COLON, NL, SPACE } from './quotedScalars';

/** The sidecar field names the fast reader reads, and how it recognises one at the start of a line. */

/**
 * Keys a sidecar may have; any other key (a misspelling, `__proto__`) is left to the full parser. In an
 * order that agrees with the canonical order of every mapping (top level, annotation, target, quote,
 * position, link): a file whose mappings all follow it needs no reordering (FastRead.canonicalOrder).
 */
const KEY_ORDER = [
  'version',
  'id',
  'target',
  'quote',
  'exact',
  'prefix',
  'suffix',
  'position',
  'start',
  'end',
  'codes',
  'plan',
  'provision',
  'document',
  'annotation',
  'relation',
  'note',
  'links',
  'annotations',
  'author',
  'created',
  'modified',
];
const KEYS = new Set(KEY_ORDER);
export const KEY_RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

/** KEYS by length and first character. */
const KEYS_BY_SHAPE = new Map<number, string[]>();
for (const key of KEYS) {
  const shape = key.length * 128 + key.charCodeAt(0);
  KEYS_BY_SHAPE.set(shape, [...(KEYS_BY_SHAPE.get(shape) ?? []), key]);
}
/** What keyAt gives for a `key:` that is not a sidecar field name. */
export const UNKNOWN_KEY = '\0unknown';

/** The key starting at offset `p` if a `key:` (then a space or the line end) is there, and one we read. */
export function keyAt(t: string, p: number): string | undefined {
  let k = p;
  for (;;) {
    const c = t.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) k++;
    else break;
  }
  if (k === p || t.charCodeAt(k) !== COLON) return undefined;
  const after = t.charCodeAt(k + 1);
  if (after !== SPACE && after !== NL) return undefined;
  // The key's own string, without slicing one per line.
  const candidates = KEYS_BY_SHAPE.get((k - p) * 128 + t.charCodeAt(p));
  if (candidates) for (const key of candidates) if (t.startsWith(key, p)) return key;
  return UNKNOWN_KEY;
}
