import { authorOf, codesOf, type IndexedAnnotation } from './model';

/** How the explorer names (and filters) annotations that record no author. */
export const NO_AUTHOR = '(no author)';

/** What the explorer shows: annotations with one of the codes, by the author, containing the text. */
export interface ExplorerFilter {
  readonly codes?: readonly string[];
  readonly author?: string;
  /** Case-insensitive, in the quote, the note or a code. */
  readonly text?: string;
}

export function isEmptyFilter(f: ExplorerFilter): boolean {
  return !f.codes?.length && !f.author && !f.text?.trim();
}

/** A predicate for the filter (the text lower-cased once, not per annotation). */
export function filterPredicate(f: ExplorerFilter): (a: IndexedAnnotation) => boolean {
  const codes = f.codes?.length ? new Set(f.codes) : undefined;
  const author = f.author;
  const text = f.text?.trim().toLowerCase();
  return (x) => {
    // Codes and author are known without reading the annotation in full (a scanned sidecar): only text needs it.
    if (codes && !codesOf(x).some((c) => codes.has(c))) return false;
    if (author && (authorOf(x) ?? NO_AUTHOR) !== author) return false;
    if (!text) return true;
    const a = x.annotation;
    if (!a.target.quote.exact.toLowerCase().includes(text) && !(a.note ?? '').toLowerCase().includes(text) && !a.codes.some((c) => c.toLowerCase().includes(text))) return false;
    return true;
  };
}

/** The filter in a few words, for the view's description ("code: open-source · author: ana · “export”"). */
export function describeFilter(f: ExplorerFilter): string {
  const parts: string[] = [];
  if (f.codes?.length) parts.push(`code: ${f.codes.join(', ')}`);
  if (f.author) parts.push(`author: ${f.author}`);
  if (f.text?.trim()) parts.push(`“${f.text.trim()}”`);
  return parts.join(' · ');
}
