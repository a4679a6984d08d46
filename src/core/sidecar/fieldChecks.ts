/**
 * Checks of what a writer is about to put in a sidecar, made before anything is written, with messages
 * for the person who typed it. They mirror the schema (annotations/schemas/sidecar.schema.json); the
 * written text is parsed back through the same check anyway, these only say what is wrong in plain words.
 */

/** A URI scheme at the start ("notes:draft.md", "c:x") reads as an absolute location in the schema. */
const SCHEME_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * The sidecar's `document:` field for a document path relative to the sidecar ('/' separators). A name
 * that looks like a URI scheme gets a leading "./" (the same file, and a relative path to every reader).
 * Throws a RangeError for what no sidecar can record: empty, absolute, a backslash or a control character.
 */
export function documentFieldFor(relativePath: string): string {
  if (relativePath === '') throw new RangeError('the document path is empty');
  if (relativePath.startsWith('/')) throw new RangeError(`the document path '${relativePath}' is absolute; a sidecar records a relative path`);
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(relativePath)) {
    throw new RangeError(`the document name ${JSON.stringify(relativePath)} holds a backslash or a control character, which a sidecar cannot record; rename the document`);
  }
  return SCHEME_LIKE.test(relativePath) ? `./${relativePath}` : relativePath;
}

/** What is wrong with a list of codes for a new annotation (empty list: nothing). Duplicates are reported too. */
export function codeProblems(codes: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const code of codes) {
    if (code === '') out.push('a code is empty');
    else if (/\s/.test(code)) out.push(`code ${JSON.stringify(code)} holds a space or line break; codes are single words such as open-source`);
    else if (seen.has(code)) out.push(`code '${code}' is given twice`);
    seen.add(code);
  }
  return out;
}
