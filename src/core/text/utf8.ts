/**
 * The UTF-8 size of a string without Node's Buffer (the core runs in a web worker too) and without encoding
 * it: size limits are checked before any copy is made. Lone surrogates count as U+FFFD (3 bytes), as the
 * encoders write them.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
