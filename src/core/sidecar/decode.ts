import type { Problem } from '../data/problem';

/** Text decoded from a sidecar's bytes, with every invalid UTF-8 sequence reported. */
export interface DecodedText {
  readonly text: string;
  /** UTF-16 offsets in `text` of the U+FFFD that replaced each invalid sequence. */
  readonly invalidOffsets: readonly number[];
  readonly problems: Problem[];
}

const MAX_REPORTED = 20;

/**
 * Decodes UTF-8 as VS Code and browsers do (WHATWG: a leading BOM is dropped, each maximal invalid
 * subpart becomes one U+FFFD) and reports each invalid sequence at its line and column in the decoded
 * text (0-based, columns in UTF-16 code units as in VS Code). Lines are counted at '\n' as YAML does.
 */
export function decodeSidecarBytes(bytes: Uint8Array, file = ''): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalidOffsets: [], problems: [] };
  } catch {
    // fall through to the slow path that finds where
  }
  const units: number[] = [];
  const invalid: { offset: number; byteOffset: number; byte: number }[] = [];
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      invalid.push({ offset: units.length, byteOffset: i, byte: b });
      units.push(0xfffd);
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = j < n ? bytes[j]! : -1;
      if (c < lower || c > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      // The maximal subpart (lead byte and the valid continuation bytes seen) becomes one U+FFFD.
      invalid.push({ offset: units.length, byteOffset: i, byte: b });
      units.push(0xfffd);
      i = j;
      continue;
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
    } else units.push(cp);
    i = j;
  }
  let text = '';
  for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.slice(k, k + 8192));
  const problems: Problem[] = [];
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (const bad of invalid.slice(0, MAX_REPORTED)) {
    for (; scanned < bad.offset; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const hex = bad.byte.toString(16).toUpperCase().padStart(2, '0');
    problems.push({ file, line, character: bad.offset - lineStart, severity: 'error', message: `invalid UTF-8: byte 0x${hex} at byte offset ${bad.byteOffset} (shown as U+FFFD)` });
  }
  if (invalid.length > MAX_REPORTED) {
    const last = problems[problems.length - 1]!;
    problems.push({ ...last, message: `invalid UTF-8: ${invalid.length - MAX_REPORTED} more invalid sequences not listed` });
  }
  return { text, invalidOffsets: invalid.map((b) => b.offset), problems };
}
