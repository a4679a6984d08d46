/**
 * FNV-1a, 64 bits, over bytes: the identity of a sidecar's content (what was read, what was written).
 * Pure JS on four 16-bit limbs (no BigInt in the loop), so it runs in a web worker and costs ~one pass.
 * Not a cryptographic hash: it tells "the bytes changed" from "the same bytes", nothing more.
 */
export function contentHash(bytes: Uint8Array): string {
  // Offset basis 0xcbf29ce484222325, low limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i]!;
    // h *= 0x100000001b3 (2^40 + 0x1b3): h * 0x1b3, plus h shifted left by 40 bits (limb 2, 8 bits up).
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = (t3 + (c2 >>> 16)) & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}
