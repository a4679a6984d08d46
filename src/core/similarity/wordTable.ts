/**
 * Values keyed by a word of a text, ASCII case folded ("Data" and "data" are one key), looked up from the
 * text's character codes: a hit makes no string, where `text.slice(start, end).toLowerCase()` and a Map
 * lookup make one or two per word. The tokenizer looks up every word of a document, and a document repeats a
 * small vocabulary, so nearly every lookup is a hit.
 *
 * Open addressing with linear probing over a power-of-two table, grown at half full; bounded: past
 * `maxEntries` it starts again empty. Spans with a non-ASCII character are not kept (their lower case is not a
 * per-unit fold); `get` returns undefined for them and the caller takes its slow path.
 */
export class WordTable<V> {
  private keys: (string | undefined)[];
  private values: (V | undefined)[];
  private hashes: Int32Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly maxEntries = 1 << 16,
    initialSlots = 1 << 10,
  ) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(2, initialSlots)));
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    this.values = new Array<V | undefined>(slots).fill(undefined);
    this.hashes = new Int32Array(slots);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of text[start, end) folded, or undefined (absent, or not ASCII). */
  get(text: string, start: number, end: number): V | undefined {
    const h = foldedHash(text, start, end);
    if (h === NOT_ASCII) return undefined;
    const len = end - start;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const k = this.keys[s];
      if (k === undefined) return undefined;
      if (this.hashes[s] === h && k.length === len && sameFolded(text, start, k)) return this.values[s];
    }
  }

  /** Keeps `value` for text[start, end) folded; does nothing for a span that is not ASCII. */
  set(text: string, start: number, end: number, value: V): void {
    const h = foldedHash(text, start, end);
    if (h === NOT_ASCII) return;
    const key = text.slice(start, end).toLowerCase();
    const len = end - start;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const k = this.keys[s];
      if (k === undefined) break;
      if (this.hashes[s] === h && k.length === len && k === key) {
        this.values[s] = value;
        return;
      }
    }
    if (this.count >= this.maxEntries) this.clear();
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.put(h, key, value);
  }

  clear(): void {
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.count = 0;
  }

  private grow(): void {
    const { keys, values, hashes } = this;
    const slots = keys.length * 2;
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    this.values = new Array<V | undefined>(slots).fill(undefined);
    this.hashes = new Int32Array(slots);
    this.mask = slots - 1;
    this.count = 0;
    for (let s = 0; s < keys.length; s++) if (keys[s] !== undefined) this.put(hashes[s]!, keys[s]!, values[s] as V);
  }

  private put(h: number, key: string, value: V): void {
    let s = h & this.mask;
    while (this.keys[s] !== undefined) s = (s + 1) & this.mask;
    this.keys[s] = key;
    this.values[s] = value;
    this.hashes[s] = h;
    this.count++;
  }
}

/** Returned by foldedHash for a span with a character outside ASCII (hashes are 31-bit, never this). */
const NOT_ASCII = -1;

/** A 31-bit hash of text[start, end) with A–Z folded to a–z, or NOT_ASCII. */
function foldedHash(text: string, start: number, end: number): number {
  let h = 0x2345;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return NOT_ASCII;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h & 0x7fffffff;
}

/** Whether text from `start` folds to `key` (same length checked by the caller). */
function sameFolded(text: string, start: number, key: string): boolean {
  for (let j = 0; j < key.length; j++) {
    let c = text.charCodeAt(start + j);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== key.charCodeAt(j)) return false;
  }
  return true;
}
