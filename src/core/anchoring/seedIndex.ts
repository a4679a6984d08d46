/**
 * Where in a long text a remembered passage can be: a hash index of the text's word-start k-grams, built once
 * per text, that turns a passage (its context and quote) into the few places where several of its k-grams
 * occur in the same order and spacing, as BLAST seeds a sequence alignment. Looking a passage up costs
 * a few dozen hash probes instead of an approximate search of the whole text, so a passage moved to the
 * other end of a 10 MB document is found as quickly as one that stayed put.
 *
 * Only k-grams that begin a word are indexed (about one position in six): an edit changes the k-grams of
 * the word or two around it and leaves the rest, and word starts line up between the remembered text and
 * the new one wherever the two agree. Spaces, tabs, line breaks, form feeds and no-break spaces all count as
 * a space, so re-wrapped lines still match. (Text without spaces between words, such as Chinese, has few
 * word starts, hence few seeds: there the search falls back to the hints and the approximate search.)
 */

/** Characters per k-gram: long enough to be specific in prose, short enough that most survive 5% of edits. */
export const SEED_LENGTH = 10;
/**
 * A k-gram occurring more often than this is common phrasing ("of the Uni"), not evidence of a place; a
 * second lookup with a higher limit (`clusters`' `maxOccurrences`) is for passages made of common phrasing.
 */
export const DEFAULT_MAX_OCCURRENCES = 24;
/** Only the first this many characters of a pattern are looked up (plenty to place it). */
const PATTERN_SPAN = 65536;
/** Seeds whose diagonals are this close chain into one place (indels inside a passage shift its diagonal). */
const CHAIN_GAP = 24;

/** A place where a pattern may lie: it would start between `from` and `to` (its seeds' diagonals). */
export interface SeedCluster {
  from: number;
  to: number;
  /** Occurrences of the pattern's k-grams there. */
  votes: number;
}

export class SeedIndex {
  private tables: Tables | undefined;

  /** Nothing is computed until the first lookup: re-anchoring often settles every quote without one. */
  constructor(private readonly text: string) {}

  private build(): Tables {
    const { text } = this;
    const starts: number[] = [];
    for (let i = 0; i + SEED_LENGTH <= text.length; i++) {
      if (isWordStart(text, i)) starts.push(i);
    }
    const n = starts.length;
    let size = 1024;
    while (size < n) size *= 2;
    const mask = size - 1;
    // Bucket by bucket, each bucket's entries side by side (hash, position), positions in increasing order: a
    // lookup reads one short run of memory, which matters when the index is larger than the processor's cache.
    const hashes = new Int32Array(n);
    const offsets = new Int32Array(size + 1);
    for (let e = 0; e < n; e++) {
      const h = gramHash(text, starts[e]!);
      hashes[e] = h;
      offsets[(h & mask) + 1]!++;
    }
    for (let b = 0; b < size; b++) offsets[b + 1]! += offsets[b]!;
    const fill = offsets.slice(0, size);
    const entries = new Int32Array(2 * n);
    for (let e = 0; e < n; e++) {
      const h = hashes[e]!;
      const slot = fill[h & mask]!++;
      entries[2 * slot] = h;
      entries[2 * slot + 1] = starts[e]!;
    }
    return { mask, offsets, entries };
  }

  /**
   * Start offsets of the exact occurrences of `s` in the text (at most `limit`, in increasing order), found
   * through its rarest k-gram: every occurrence holds that k-gram at the same offset. Undefined when `s` has no
   * k-gram of its own (see `hasSeed`): then only a search of the text will do.
   */
  occurrences(s: string, limit: number): number[] | undefined {
    const { mask, offsets, entries } = (this.tables ??= this.build());
    let rarest = -1;
    let rarestHash = 0;
    let fewest = Infinity;
    for (let j = 1; j + SEED_LENGTH <= s.length; j++) {
      if (!isWordStart(s, j)) continue;
      const h = gramHash(s, j);
      let n = 0;
      for (let slot = offsets[h & mask]!, to = offsets[(h & mask) + 1]!; slot < to && n < fewest; slot++) if (entries[2 * slot] === h) n++;
      if (n < fewest) [rarest, rarestHash, fewest] = [j, h, n];
      if (n === 0) break;
    }
    if (rarest < 0) return undefined;
    const out: number[] = [];
    const b = rarestHash & mask;
    for (let slot = offsets[b]!; slot < offsets[b + 1]! && out.length < limit; slot++) {
      const start = entries[2 * slot + 1]! - rarest;
      if (entries[2 * slot] === rarestHash && start >= 0 && this.text.startsWith(s, start)) out.push(start);
    }
    return out;
  }

  /** Whether this index was built for `text` (the same string). */
  indexes(text: string): boolean {
    return this.text === text;
  }

  /**
   * The places where `pattern` may lie, most votes first: its word-start k-grams looked up, each occurrence a
   * vote for the pattern starting at (occurrence − offset in the pattern), votes a few characters apart
   * chained into one place. Places with fewer than `minVotes` are left out.
   */
  clusters(pattern: string, minVotes: number, maxOccurrences = DEFAULT_MAX_OCCURRENCES): SeedCluster[] {
    const { mask, offsets, entries } = (this.tables ??= this.build());
    // Each vote encoded as one number, (diagonal + PATTERN_SPAN) * PATTERN_SPAN + offset in the pattern, so
    // that a native numeric sort orders them by diagonal.
    let votes: Float64Array = voteBuffer;
    let count = 0;
    const last = Math.min(pattern.length, PATTERN_SPAN) - SEED_LENGTH;
    for (let j = 1; j <= last; j++) {
      if (!isWordStart(pattern, j)) continue;
      const h = gramHash(pattern, j);
      const from = offsets[h & mask]!;
      const to = offsets[(h & mask) + 1]!;
      // Counted first, so that a common k-gram costs no votes to take back. (Equal 32-bit hashes are taken for
      // equal k-grams: a rare collision casts a stray vote, which one vote cannot make a place.)
      let occurrences = 0;
      for (let slot = from; slot < to && occurrences <= maxOccurrences; slot++) if (entries[2 * slot] === h) occurrences++;
      // (Past MAX_VOTES, a very long passage has said enough about where it is.)
      if (occurrences === 0 || occurrences > maxOccurrences || count + occurrences > MAX_VOTES) continue;
      if (count + occurrences > votes.length) votes = voteBuffer = grow(votes, count, count + occurrences);
      for (let slot = from; slot < to; slot++) {
        if (entries[2 * slot] === h) votes[count++] = (entries[2 * slot + 1]! - j + PATTERN_SPAN) * PATTERN_SPAN + j;
      }
    }
    if (count === 0) return [];
    const sorted = votes.subarray(0, count).sort();
    const out: SeedCluster[] = [];
    let from = NaN;
    let to = NaN;
    let run = 0;
    for (const v of sorted) {
      const d = Math.floor(v / PATTERN_SPAN) - PATTERN_SPAN;
      if (run > 0 && d - to > CHAIN_GAP) {
        if (run >= minVotes) out.push({ from, to, votes: run });
        run = 0;
      }
      if (run === 0) from = d;
      to = d;
      run++;
    }
    if (run >= minVotes) out.push({ from, to, votes: run });
    return out.sort((x, y) => y.votes - x.votes || x.from - y.from);
  }
}

/** At most this many votes per lookup: bounds the shared buffer (8 MB) for a chapter-long quote. */
const MAX_VOTES = 1 << 20;
/** Reused between lookups, which run one at a time and synchronously (an `await` inside one would break this). */
let voteBuffer: Float64Array = new Float64Array(4096);

function grow(buffer: Float64Array, used: number, needed: number): Float64Array {
  const bigger = new Float64Array(Math.min(MAX_VOTES, Math.max(needed, buffer.length * 2)));
  bigger.set(buffer.subarray(0, used));
  return bigger;
}

interface Tables {
  mask: number;
  /** Bucket b's entries are slots offsets[b] to offsets[b + 1] - 1 of `entries`. */
  offsets: Int32Array;
  /** Per slot: the k-gram's hash, then its offset in the text. */
  entries: Int32Array;
}

/** Whether `s` has a seed of its own: a word start after its first character with a whole k-gram after it. */
export function hasSeed(s: string): boolean {
  for (let j = 1; j + SEED_LENGTH <= s.length; j++) if (isWordStart(s, j)) return true;
  return false;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0xa0;
}

/** A position whose character is not whitespace and follows whitespace (or begins the text). */
function isWordStart(s: string, i: number): boolean {
  return !isSpace(s.charCodeAt(i)) && (i === 0 || isSpace(s.charCodeAt(i - 1)));
}

function normal(c: number): number {
  return isSpace(c) ? 32 : c;
}

/** FNV-1a over the k-gram's UTF-16 code units, whitespace as a space. */
function gramHash(s: string, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < SEED_LENGTH; k++) h = Math.imul(h ^ normal(s.charCodeAt(at + k)), 0x01000193);
  return h | 0;
}
