/** Annotation ids: 'a-' and 10 characters of lowercase Crockford base32 (50 random bits). */

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const ANNOTATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * A new annotation id. `random` returns a number in [0, 1) (tests pass a seeded one); by default the
 * platform's cryptographic generator is used, so ids made by two analysts at once do not collide.
 */
export function newAnnotationId(random?: () => number): string {
  let id = 'a-';
  if (random) {
    for (let i = 0; i < 10; i++) id += ALPHABET[Math.floor(random() * 32) & 31];
    return id;
  }
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  for (const b of bytes) id += ALPHABET[b & 31];
  return id;
}

/** An id not yet in `taken` (retries the astronomically unlikely collision). */
export function uniqueAnnotationId(taken: ReadonlySet<string>, random?: () => number): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = newAnnotationId(random);
    if (!taken.has(id)) return id;
  }
  throw new Error('cannot make a new annotation id: the random source keeps repeating');
}
