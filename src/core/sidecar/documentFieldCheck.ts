import type { Problem } from '../data/problem';

/**
 * A sidecar's `document:` field names the document it annotates, relative to the sidecar's folder. A sidecar
 * copied or renamed beside another file still says which file it was written for: its quotes and positions
 * belong to that one, so applying it silently would attach notes to look-alike passages.
 */
export interface DocumentFieldInput {
  /** The sidecar's location, as problems should name it. */
  readonly sidecarFile: string;
  /** The sidecar's text, to point the warning at the `document:` line (line 0 without it). */
  readonly sidecarText?: string;
  /** The field as written in the sidecar; undefined when the sidecar's top level did not load. */
  readonly documentField: string | undefined;
  /** Path of the document the sidecar sits beside, relative to the sidecar's folder ('/' separators). */
  readonly expected: string;
}

/** Lexically normal form of a relative path: '/' separators, no '.' or empty segments, '..' folded. */
export function normalizeRelativePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

const DOCUMENT_LINE = /^document[ \t]*:/;

function documentLine(text: string | undefined): number {
  if (!text) return 0;
  let line = 0;
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    if (DOCUMENT_LINE.test(text.slice(from, Math.min(end, from + 16)))) return line;
    if (nl < 0) break;
    from = nl + 1;
    line++;
  }
  return 0;
}

/** A warning when the sidecar names another document than the one it sits beside; undefined when they agree. */
export function checkDocumentField(input: DocumentFieldInput): Problem | undefined {
  if (input.documentField === undefined) return undefined;
  const named = normalizeRelativePath(input.documentField);
  const expected = normalizeRelativePath(input.expected);
  if (named === expected) return undefined;
  return {
    file: input.sidecarFile,
    line: documentLine(input.sidecarText),
    character: 0,
    severity: 'warning',
    field: 'document',
    // Quoted as JSON: the field comes from a file anyone may have written, and the message stays one line.
    message: `this sidecar names the document ${JSON.stringify(input.documentField)}, but it sits beside ${JSON.stringify(input.expected)}: its annotations may belong to another file`,
  };
}
