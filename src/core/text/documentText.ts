/** A document's text as VS Code holds it, and what was normalised on the way. */
export interface DocumentText {
  readonly text: string;
  /** The file started with a byte-order mark (VS Code drops it from the text). */
  readonly bom: boolean;
  /** The line end VS Code uses for the whole text. */
  readonly eol: '\n' | '\r\n';
  /** Some line ends were changed to `eol` (mixed or CR-only line ends). */
  readonly normalized: boolean;
}

export type DocumentEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** What decoding found besides the text: the encoding VS Code would pick, and whether it would call it binary. */
export interface DecodedDocument extends DocumentText {
  readonly encoding: DocumentEncoding;
  /** Zero bytes that are not UTF-16: VS Code does not open such a file as text. */
  readonly binary: boolean;
}

/** VS Code looks at this many bytes for zero bytes (ZERO_BYTE_DETECTION_BUFFER_MAX_LEN in its encoding.ts). */
const ZERO_BYTE_WINDOW = 512;

/**
 * The encoding VS Code picks before any guessing (its default: files.autoGuessEncoding off): a BOM first;
 * else zero bytes in the first 512 bytes mean UTF-16 when every odd (LE) or every even (BE) byte is zero and
 * no other is, and binary otherwise; else UTF-8.
 */
export function detectDocumentEncoding(bytes: Uint8Array): { encoding: DocumentEncoding; binary: boolean } {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', binary: false };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', binary: false };
  // A UTF-8 BOM does not skip the zero-byte test (its bytes fit neither UTF-16 pattern: zeros mean binary).
  let le = true;
  let be = true;
  let zero = false;
  for (let i = 0; i < bytes.length && i < ZERO_BYTE_WINDOW; i++) {
    const odd = i % 2 === 1;
    const isZero = bytes[i] === 0;
    zero ||= isZero;
    if (le && odd !== isZero) le = false; // LE text: 'a' 0x00 'b' 0x00 …
    if (be && odd === isZero) be = false; // BE text: 0x00 'a' 0x00 'b' …
    if (isZero && !le && !be) break;
  }
  if (!zero) return { encoding: 'utf8', binary: false };
  return le ? { encoding: 'utf16le', binary: false } : be ? { encoding: 'utf16be', binary: false } : { encoding: 'utf8', binary: true };
}

// Each decoder drops one leading BOM, as VS Code's do (TextDecoder for UTF-8, iconv-lite for the others).
const decoders: Record<DocumentEncoding, { decode(bytes: Uint8Array): string }> = {
  utf8: new TextDecoder('utf-8', { fatal: false }),
  utf16le: new TextDecoder('utf-16le', { fatal: false }),
  utf16be: new TextDecoder('utf-16be', { fatal: false }),
};

function startsWithBom(bytes: Uint8Array, encoding: DocumentEncoding): boolean {
  if (encoding === 'utf8') return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.length >= 2 && (encoding === 'utf16le' ? bytes[0] === 0xff && bytes[1] === 0xfe : bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * Decodes a document's bytes into the text VS Code shows, so the CLI reports the editor's positions: the
 * encoding as VS Code detects it (UTF-8, or UTF-16 by BOM or zero bytes), the BOM dropped, and line ends
 * normalised as VS Code's text buffer does (CRLF when more than half of the line ends contain a CR, else
 * LF; every \r\n, \r and \n then becomes that one end). Invalid bytes become U+FFFD, as in the editor.
 *
 * VS Code drops a BOM twice over: its decoder drops the BOM bytes, then the text buffer builder drops a
 * U+FEFF that starts the decoded text. So a file that starts with two BOMs shows neither; we do the same.
 */
export function decodeDocumentBytes(bytes: Uint8Array, defaultEol: '\n' | '\r\n' = '\n'): DecodedDocument {
  const { encoding, binary } = detectDocumentEncoding(bytes);
  let raw = decoders[encoding].decode(bytes);
  const bomChar = raw.charCodeAt(0) === 0xfeff;
  if (bomChar) raw = raw.slice(1);
  return { ...normalizeLineEnds(raw, startsWithBom(bytes, encoding) || bomChar, defaultEol), encoding, binary };
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
