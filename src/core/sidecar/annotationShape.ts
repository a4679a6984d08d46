import sidecarSchema from '../../../annotations/schemas/sidecar.schema.json';

/**
 * A shortcut for the fast reader: whether a value it read is an annotation that ANNOTATION_SCHEMA accepts,
 * checked by hand, field by field (Ajv's generated validator took a seventh of reading a 10,000-annotation
 * sidecar). It is only ever sure: `true` means the schema accepts the value; `false` means "ask Ajv", which
 * decides (so nothing the schema says is restated here as a rule of its own: the patterns are the
 * schema's, and a unit test holds this check to Ajv's verdict on generated and broken annotations).
 * Values are the fast reader's: plain objects, arrays, strings and numbers.
 */

const defs = sidecarSchema.definitions;
const ID = new RegExp(defs.annotationId.pattern, 'u');
const TIMESTAMP = new RegExp(defs.timestamp.pattern, 'u');
const RELATIVE_PATH = new RegExp(defs.relativePath.pattern, 'u');
const CODE = new RegExp(defs.annotation.properties.codes.items.pattern, 'u');
const RELATION = new RegExp(defs.annotation.properties.links.items.properties.relation.pattern, 'u');

type Obj = Record<string, unknown>;

function isPlain(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Every own key of `o` one of `allowed` (additionalProperties: false), with nothing inherited to list. */
function onlyKeys(o: Obj, allowed: ReadonlySet<string>): boolean {
  for (const k in o) if (!allowed.has(k) || !Object.prototype.hasOwnProperty.call(o, k)) return false;
  return true;
}

/** Every element (holes too: `every` skips them, Ajv does not) satisfies `test`. */
function all(list: readonly unknown[], test: (x: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!test(list[i])) return false;
  return true;
}

const str = (v: unknown): v is string => typeof v === 'string';
const offset = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const ANNOTATION_KEYS = new Set(Object.keys(defs.annotation.properties));
const TARGET_KEYS = new Set(Object.keys(defs.annotation.properties.target.properties));
const QUOTE_KEYS = new Set(Object.keys(defs.annotation.properties.target.properties.quote.properties));
const POSITION_KEYS = new Set(Object.keys(defs.annotation.properties.target.properties.position.properties));
const LINK_KEYS = new Set(Object.keys(defs.annotation.properties.links.items.properties));

function surelyValidLink(l: unknown): boolean {
  if (!isPlain(l) || !onlyKeys(l, LINK_KEYS)) return false;
  if (!str(l['relation']) || !RELATION.test(l['relation'])) return false;
  for (const k of ['plan', 'provision'] as const) if (l[k] !== undefined && !(str(l[k]) && l[k].length > 0)) return false;
  if (l['document'] !== undefined && !(str(l['document']) && l['document'].length > 0 && RELATIVE_PATH.test(l['document']))) return false;
  if (l['annotation'] !== undefined && !(str(l['annotation']) && ID.test(l['annotation']))) return false;
  return l['note'] === undefined || str(l['note']);
}

export function surelyValidAnnotation(v: unknown): boolean {
  if (!isPlain(v) || !onlyKeys(v, ANNOTATION_KEYS)) return false;
  if (!str(v['id']) || !ID.test(v['id'])) return false;
  const target = v['target'];
  if (!isPlain(target) || !onlyKeys(target, TARGET_KEYS)) return false;
  const quote = target['quote'];
  const position = target['position'];
  if (!isPlain(quote) || !onlyKeys(quote, QUOTE_KEYS) || !str(quote['exact']) || quote['exact'].length === 0 || !str(quote['prefix']) || !str(quote['suffix'])) return false;
  if (!isPlain(position) || !onlyKeys(position, POSITION_KEYS) || !offset(position['start']) || !offset(position['end'])) return false;
  const codes = v['codes'];
  if (!Array.isArray(codes) || !all(codes, (c) => str(c) && CODE.test(c)) || new Set(codes).size !== codes.length) return false;
  if (!str(v['created']) || !TIMESTAMP.test(v['created'])) return false;
  if (v['modified'] !== undefined && !(str(v['modified']) && TIMESTAMP.test(v['modified']))) return false;
  if (v['note'] !== undefined && !str(v['note'])) return false;
  if (v['author'] !== undefined && !str(v['author'])) return false;
  const links = v['links'];
  return links === undefined || (Array.isArray(links) && all(links, surelyValidLink));
}
