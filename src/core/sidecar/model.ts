/** The sidecar data model: one `<document>.annotations.yaml` holds the annotations of one document. */

export const SIDECAR_VERSION = 1;

/** W3C Web Annotation ideas: a quote selector (exact text with context) and a position selector (a hint). */
export interface AnnotationTarget {
  quote: { exact: string; prefix: string; suffix: string };
  /** UTF-16 offsets into the document, as VS Code's `offsetAt`; end is exclusive. */
  position: { start: number; end: number };
}

/** A counterpart link from an annotation to a plan, a provision, another document or another annotation. */
export interface AnnotationLink {
  plan?: string;
  provision?: string;
  /** Path relative to the sidecar, '/' separators. */
  document?: string;
  annotation?: string;
  /** aligned, contrasting, partial, or a team-defined relation. */
  relation: string;
  note?: string;
}

export interface Annotation {
  id: string;
  target: AnnotationTarget;
  codes: string[];
  note?: string;
  links?: AnnotationLink[];
  author?: string;
  /** ISO 8601. */
  created: string;
  modified?: string;
}

export interface Sidecar {
  version: 1;
  /** Path of the annotated document relative to the sidecar, '/' separators. */
  document: string;
  annotations: Annotation[];
}

/** Field order of every written annotation and link (also the order the serializer emits). */
export const ANNOTATION_KEYS = ['id', 'target', 'codes', 'note', 'links', 'author', 'created', 'modified'] as const;
export const LINK_KEYS = ['plan', 'provision', 'document', 'annotation', 'relation', 'note'] as const;
export const LINK_TARGET_KEYS = ['plan', 'provision', 'document', 'annotation'] as const;

/** Document order: by start offset, then id (so equal starts are still deterministic). */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.target.position.start - b.target.position.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortAnnotations(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(compareAnnotations);
}

/** A fresh copy with keys in the canonical order and absent optional fields left out (never `undefined`). */
export function canonicalAnnotation(a: Annotation): Annotation {
  const out = {
    id: a.id,
    target: {
      quote: { exact: a.target.quote.exact, prefix: a.target.quote.prefix, suffix: a.target.quote.suffix },
      position: { start: a.target.position.start, end: a.target.position.end },
    },
    codes: [...a.codes],
  } as Annotation;
  if (a.note !== undefined) out.note = a.note;
  if (a.links !== undefined) out.links = a.links.map(canonicalLink);
  if (a.author !== undefined) out.author = a.author;
  out.created = a.created;
  if (a.modified !== undefined) out.modified = a.modified;
  return out;
}

export function canonicalLink(l: AnnotationLink): AnnotationLink {
  const out = {} as AnnotationLink;
  for (const k of LINK_KEYS) if (l[k] !== undefined) (out as unknown as Record<string, string>)[k] = l[k]!;
  return out;
}

/**
 * sameValue(canonicalAnnotation(a), canonicalAnnotation(b)) — whether two annotations hold the same data —
 * without copying them: compared field by field (a writer compares 10,000 of them at a time).
 */
export function sameAnnotationData(a: Annotation, b: Annotation): boolean {
  if (a === b) return true; // the merge driver shares one object between sides that hold the same block
  const wellFormed = (x: Annotation): boolean =>
    Array.isArray(x.codes) && (x.links === undefined || (Array.isArray(x.links) && x.links.every((l) => typeof l === 'object' && l !== null)));
  if (!wellFormed(a) || !wellFormed(b)) return sameValue(canonicalAnnotation(a), canonicalAnnotation(b));
  const qa = a.target.quote;
  const qb = b.target.quote;
  const pa = a.target.position;
  const pb = b.target.position;
  if (!same(a.id, b.id) || !same(qa.exact, qb.exact) || !same(qa.prefix, qb.prefix) || !same(qa.suffix, qb.suffix) || !same(pa.start, pb.start) || !same(pa.end, pb.end)) return false;
  if (!same(a.note, b.note) || !same(a.author, b.author) || !same(a.created, b.created) || !same(a.modified, b.modified)) return false;
  if (a.codes.length !== b.codes.length || a.codes.some((c, i) => !same(c, b.codes[i]))) return false;
  if (a.links === undefined || b.links === undefined) return a.links === b.links;
  const lb = b.links;
  return a.links.length === lb.length && a.links.every((l, i) => LINK_KEYS.every((k) => same(l[k], lb[i]![k])));
}

function same(x: unknown, y: unknown): boolean {
  return x === y || (typeof x === 'object' && typeof y === 'object' && sameValue(x, y));
}

/** Structural equality of two annotations (key order and absent-vs-undefined do not matter). */
export function sameAnnotation(a: Annotation, b: Annotation): boolean {
  return sameValue(a, b);
}

/** Structural equality of two JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
