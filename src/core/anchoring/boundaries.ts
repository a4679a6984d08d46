import { prefixSimilarity, suffixSimilarity } from './scoring';
import type { QuoteSelector } from './selectors';

export interface Boundary {
  at: number;
  /** Similarity of the remembered context to the text on the outer side of `at`. */
  similarity: number;
}

/**
 * The offset within `radius` of `from` (and within `[lo, hi]`) where the text before it agrees best with the
 * remembered prefix: where an anchored span should start. Ties go to the offset nearest `from`.
 */
export function snapStart(
  text: string,
  quote: QuoteSelector,
  from: number,
  radius: number,
  lo: number,
  hi: number,
): Boundary {
  return snap(from, radius, Math.max(0, lo), Math.min(text.length, hi), (at) => prefixSimilarity(text, at, quote));
}

/** Like `snapStart`, for where an anchored span should end: the text after it agrees best with the suffix. */
export function snapEnd(
  text: string,
  quote: QuoteSelector,
  from: number,
  radius: number,
  lo: number,
  hi: number,
): Boundary {
  return snap(from, radius, Math.max(0, lo), Math.min(text.length, hi), (at) => suffixSimilarity(text, at, quote));
}

function snap(from: number, radius: number, lo: number, hi: number, similarity: (at: number) => number): Boundary {
  const start = Math.max(lo, Math.min(hi, from));
  let best: Boundary = { at: start, similarity: similarity(start) };
  for (let d = 1; d <= radius && best.similarity < 1; d++) {
    for (const at of [from - d, from + d]) {
      if (at < lo || at > hi || at === start) continue;
      const s = similarity(at);
      if (s > best.similarity) best = { at, similarity: s };
    }
  }
  return best;
}
