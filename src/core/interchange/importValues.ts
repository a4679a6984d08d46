/**
 * What an import makes of the values another tool wrote: code ids from free-text tags, annotation ids from foreign
 * ids or IRIs, workspace paths from a target's source, dates. Derived names are UUIDv5s of what the file says, so
 * importing the same file twice gives the same ids (and the merge by id adds nothing the second time).
 */
import { v5 as uuidv5 } from 'uuid';
import { ANNOTATION_ID_PATTERN } from '../sidecar/ids';
import type { Code } from '../codebook/codebook';
import { trimChars } from '../text/trimChars';

/** Our own namespace for derived names (a fixed random UUID: never change it, ids depend on it). */
const NAMESPACE = '6f4a8e2c-3b1d-4c7e-9a55-0d2f81b6c940';

/** The id our exports put in an annotation's IRI. */
export const ANNOTATION_URN_PREFIX = 'urn:policy-lens:annotation:';

/** A codebook id (kebab-case) for a tag: the tag's letters and digits; a hash when it has none in ASCII (CJK). */
export function codeIdOf(tag: string): string {
  const kebab = trimChars(
    tag
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
    '-',
  );
  if (/^[a-z]/.test(kebab)) return kebab;
  const hash = `tag-${uuidv5(`tag:${tag}`, NAMESPACE).slice(0, 8)}`;
  return kebab ? `${hash}-${kebab}` : hash;
}

/** Codes for the tags an import met, in the order first met; the label keeps the tag as written. */
export class ImportedCodes {
  private readonly byId = new Map<string, Code>();
  /** Tag → id: a file names the same few tags thousands of times. */
  private readonly ids = new Map<string, string>();

  /** The code id for `tag`, recorded with `tag` as its label. */
  idFor(tag: string): string {
    let id = this.ids.get(tag);
    if (id === undefined) {
      id = codeIdOf(tag);
      this.ids.set(tag, id);
      if (!this.byId.has(id)) this.byId.set(id, { id, label: tag, source: 'codebook' });
    }
    return id;
  }

  get codes(): Code[] {
    return [...this.byId.values()];
  }
}

/**
 * An annotation id for what a file calls it: our own URN or an id we could have written as it is, the last
 * segment of an IRI when that is one (Hypothesis' https://hypothes.is/a/ID), else a UUIDv5 of it. `seed`
 * names an annotation that has no id (its file and index); ids already taken get a suffix.
 */
export function annotationIdOf(raw: unknown, seed: string, taken: Set<string>): string {
  let id: string;
  const s = typeof raw === 'string' ? raw.trim() : '';
  const own = s.startsWith(ANNOTATION_URN_PREFIX) ? s.slice(ANNOTATION_URN_PREFIX.length) : s;
  const query = own.search(/[?#]/);
  const lastSegment = trimChars(query === -1 ? own : own.slice(0, query), '/', 'end').split(/[/:]/).pop() ?? '';
  if (ANNOTATION_ID_PATTERN.test(own)) id = own;
  else if (s && ANNOTATION_ID_PATTERN.test(lastSegment)) id = lastSegment;
  else id = `a-${uuidv5(s ? `id:${s}` : `seed:${seed}`, NAMESPACE)}`;
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id.slice(0, 60)}-${n}`;
  taken.add(unique);
  return unique;
}

/** A workspace path for a target's source: a relative path as it is; a URI by its last segment. */
export function documentPathOf(source: string): { path: string; fromUri: boolean } | { error: string } {
  const s = source.trim();
  if (!s) return { error: 'the target has no source (the document it annotates)' };
  const isUri = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && !/^[A-Za-z]:[\\/]/.test(s);
  let path = s;
  if (isUri) {
    let segment: string;
    try {
      const url = new URL(s);
      segment = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || url.hostname;
    } catch {
      segment = s.split(/[/:]/).filter(Boolean).pop() ?? '';
    }
    path = segment;
  }
  path = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!path || path.startsWith('/') || /^[A-Za-z]:\//.test(path)) return { error: `the source '${s}' is an absolute path, not one inside the workspace` };
  if (path.split('/').some((p) => p === '..' || p === '')) return { error: `the source '${s}' leaves the folder it is imported into` };
  if (/[\u0000-\u001f\u007f]/.test(path)) return { error: `the source '${s}' has control characters` };
  return { path, fromUri: isUri };
}

/** ISO 8601 as sidecars accept it (sidecar.schema.json). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The date as written when it is ISO 8601 as sidecars take it, else undefined. */
export function isoDateOf(value: unknown): string | undefined {
  return typeof value === 'string' && ISO_DATE.test(value.trim()) ? value.trim() : undefined;
}
