/** A document's text as VS Code holds it, and what was normalised on the way. */
export interface DocumentText {
  readonly text: string;
  /** The file started with a UTF-8 byte-order mark (VS Code drops it from the text). */
  readonly bom: boolean;
  /** The line end VS Code uses for the whole text. */
  readonly eol: '\n' | '\r\n';
  /** Some line ends were changed to `eol` (mixed or CR-only line ends). */
  readonly normalized: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Decodes a document's bytes into the text VS Code shows, so the CLI reports the editor's positions:
 * the BOM is dropped, and line ends are normalised as VS Code's text buffer does (CRLF when more than half
 * of the line ends contain a CR, else LF; every \r\n, \r and \n then becomes that one end).
 *
 * VS Code drops a BOM twice over: its UTF-8 decoder drops the BOM bytes, then the text buffer builder drops
 * a U+FEFF that starts the decoded text. So a file that starts with two BOMs shows neither; we do the same.
 */
export function decodeDocumentBytes(bytes: Uint8Array, defaultEol: '\n' | '\r\n' = '\n'): DocumentText {
  const bomBytes = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let raw = decoder.decode(bomBytes ? bytes.subarray(3) : bytes);
  const bomChar = raw.charCodeAt(0) === 0xfeff;
  if (bomChar) raw = raw.slice(1);
  return normalizeLineEnds(raw, bomBytes || bomChar, defaultEol);
}

export function normalizeLineEnds(raw: string, bom = false, defaultEol: '\n' | '\r\n' = '\n'): DocumentText {
  let cr = 0;
  let lf = 0;
  let crlf = 0;
  for (let i = raw.indexOf('\r'); i >= 0; i = raw.indexOf('\r', i + 1)) {
    if (raw.charCodeAt(i + 1) === 10) crlf++;
    else cr++;
  }
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  const total = cr + lf + crlf;
  const eol: '\n' | '\r\n' = total === 0 ? defaultEol : cr + crlf > total / 2 ? '\r\n' : '\n';
  const mixed = eol === '\r\n' ? cr > 0 || lf > 0 : cr > 0 || crlf > 0;
  const text = mixed ? raw.replace(/\r\n|\r|\n/g, eol) : raw;
  return { text, bom, eol, normalized: mixed };
}
