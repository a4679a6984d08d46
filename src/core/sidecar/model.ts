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
