import type { Code } from '../codebook/codebook';
import type { DataLossItem } from './model';
import { normalGuid, stableGuid } from './guids';
import { asArray, attr, textOf, type XmlNode } from './xml';
import { trimChars } from '../text/trimChars';

/**
 * The REFI-QDA `<Codes>` tree, written from our codes and read back, shared by `.qde` and `.qdc`. The
 * hierarchy is the nesting; colours are `#RRGGBB`; a code's GUID is UUIDv5 of its id, so an import that
 * knows the ids (the pack's themes, the workspace codebook) recognises them again.
 */

export const CODE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const codeGuids = new Map<string, string>();

/** Memoised: every coding refers to its code's GUID, 20,000 times in a 10,000-annotation export. */
export function codeGuid(id: string): string {
  let g = codeGuids.get(id);
  if (g === undefined) {
    if (codeGuids.size > 10_000) codeGuids.clear();
    codeGuids.set(id, (g = stableGuid('code', id)));
  }
  return g;
}

/** `#RRGGBB` in upper case, from `#RGB` or `#RRGGBB`; undefined for anything else. */
export function normalColour(colour: string | undefined): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour?.trim() ?? '');
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex.toUpperCase()}`;
}

/** The `<Code>` elements of a codebook, children nested under their parent (an unknown parent or a cycle: at the top). */
export function codesToXml(codes: readonly Code[]): XmlNode[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<string | undefined, Code[]>();
  const rootOf = (c: Code): string | undefined => {
    const seen = new Set<string>([c.id]);
    for (let p = c.parent; p !== undefined; p = byId.get(p)?.parent) {
      if (!byId.has(p) || seen.has(p)) return undefined;
      seen.add(p);
    }
    return c.parent;
  };
  for (const c of codes) {
    const parent = rootOf(c);
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  const build = (c: Code): XmlNode => {
    const node: XmlNode = { '@_guid': codeGuid(c.id), '@_name': c.label || c.id, '@_isCodable': 'true' };
    const colour = normalColour(c.colour);
    if (colour) node['@_color'] = colour;
    if (c.description) node['Description'] = c.description;
    const kids = children.get(c.id);
    if (kids?.length) node['Code'] = kids.map(build);
    return node;
  };
  return (children.get(undefined) ?? []).map(build);
}

/** A code id made from a name: kebab-case ASCII, unique among `taken`. */
export function codeIdFor(name: string, guid: string, taken: Set<string>): string {
  const kebab = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  let base = trimChars(trimChars(kebab, '-').slice(0, 48), '-', 'end');
  if (!base) base = `code-${normalGuid(guid).slice(0, 8).toLowerCase()}`;
  if (!/^[a-z]/.test(base)) base = `c-${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export interface CodesRead {
  readonly codes: Code[];
  /** Normalised GUID → code id, for the codings that refer to them. */
  readonly idByGuid: Map<string, string>;
}

/**
 * Our codes from a `<Codes>` element. A GUID that is UUIDv5 of a known id (ours, from an earlier export)
 * gets that id back; other codes get an id made from the name. ATLAS.ti writes a hierarchy as names
 * `Parent::Child` side by side: such a code gets the code named `Parent` as its parent.
 */
export function codesFromXml(codesNode: XmlNode | undefined, knownIds: Iterable<string>, dataLoss: DataLossItem[]): CodesRead {
  const known = new Map<string, string>();
  for (const id of knownIds) known.set(codeGuid(id), id);
  const codes: Code[] = [];
  const idByGuid = new Map<string, string>();
  const taken = new Set<string>();
  const pending: { node: XmlNode; parent: string | undefined }[] = asArray(codesNode?.['Code']).map((node) => ({ node, parent: undefined }));
  // Ours first, so a name-made id never takes an id a known GUID needs.
  const walk: { node: XmlNode; parent: string | undefined }[] = [];
  while (pending.length) {
    const item = pending.shift()!;
    walk.push(item);
    const guid = normalGuid(attr(item.node, 'guid') ?? '');
    const id = known.get(guid);
    if (id) taken.add(id);
    for (const child of asArray(item.node['Code'])) pending.push({ node: child, parent: guid });
  }
  for (const { node, parent } of walk) {
    const guid = normalGuid(attr(node, 'guid') ?? '');
    const name = attr(node, 'name') ?? '';
    if (!guid) {
      dataLoss.push({ kind: 'Code', where: name, reason: 'a code without a guid cannot be referred to' });
      continue;
    }
    const id = known.get(guid) ?? codeIdFor(name, guid, taken);
    idByGuid.set(guid, id);
    let label = name.trim() || id;
    if (label.length > 80) {
      dataLoss.push({ kind: 'Code name', where: name, reason: 'longer than 80 characters: shortened' });
      label = `${label.slice(0, 79)}…`;
    }
    const description = textOf(node['Description'])?.slice(0, 1000);
    const colour = normalColour(attr(node, 'color'));
    codes.push({ id, label, source: 'codebook', ...(description ? { description } : {}), ...(colour ? { colour } : {}), ...(parent ? { parent } : {}) });
  }
  // Parents were GUIDs while reading: now ids; then ATLAS.ti's 'Parent::Child' names.
  const byName = new Map(codes.map((c) => [c.label, c.id]));
  return {
    codes: codes.map((c) => {
      const parent = c.parent !== undefined ? idByGuid.get(c.parent) : c.label.includes('::') ? byName.get(c.label.slice(0, c.label.lastIndexOf('::'))) : undefined;
      const { parent: _drop, ...rest } = c;
      return parent && parent !== c.id ? { ...rest, parent } : rest;
    }),
    idByGuid,
  };
}
