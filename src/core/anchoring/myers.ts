/**
 * @license MIT. Ported from approx-string-match 2.0 (https://github.com/robertknight/approx-string-match-js),
 * Copyright (c) 2020 Robert Knight, under the MIT License: the above copyright notice and this permission
 * notice shall be included in all copies or substantial portions of the Software.
 *
 * approx-string-match's search (Myers' bit-parallel algorithm, with the block optimisations of Šošić),
 * for one pattern searched in many ranges of a text: the pattern's bit masks are computed once instead
 * of once per range, and ranges are read in place instead of sliced (and reversed, for match starts).
 * The results are exactly those of approx-string-match 2.0's `search(text.slice(from, to), pattern,
 * maxErrors)`, offsets made absolute: the same algorithm step for step (a property test compares them).
 */

const W = 32;

interface Masks {
  readonly length: number;
  /** Index of the last 32-character block. */
  readonly bMax: number;
  readonly lastRowMask: Uint32Array;
  readonly empty: Uint32Array;
  /** Bit masks of the pattern positions holding each character: an array for codes < 256, a map above. */
  readonly ascii: readonly Uint32Array[];
  readonly other: ReadonlyMap<number, Uint32Array>;
}

export interface ApproxHit {
  start: number;
  end: number;
  errors: number;
}

function masksOf(pattern: string): Masks {
  const bMax = Math.ceil(pattern.length / W) - 1;
  const lastRowMask = new Uint32Array(bMax + 1).fill(1 << 31);
  lastRowMask[bMax] = 1 << (pattern.length - 1) % W;
  const empty = new Uint32Array(bMax + 1);
  const ascii: Uint32Array[] = new Array<Uint32Array>(256).fill(empty);
  const other = new Map<number, Uint32Array>();
  const seen = new Set<number>();
  for (let c = 0; c < pattern.length; c++) {
    const val = pattern.charCodeAt(c);
    if (seen.has(val)) continue;
    seen.add(val);
    const peq = new Uint32Array(bMax + 1);
    for (let i = 0; i < pattern.length; i++) if (pattern.charCodeAt(i) === val) peq[(i / W) | 0]! |= 1 << i % W;
    if (val < 256) ascii[val] = peq;
    else other.set(val, peq);
  }
  return { length: pattern.length, bMax, lastRowMask, empty, ascii, other };
}

export class CompiledPattern {
  private readonly forward: Masks;
  private reversed: Masks | undefined;
  private readonly P: Uint32Array;
  private readonly M: Uint32Array;
  private readonly score: Uint32Array;

  constructor(private readonly pattern: string) {
    this.forward = masksOf(pattern);
    const blocks = this.forward.bMax + 1;
    this.P = new Uint32Array(blocks);
    this.M = new Uint32Array(blocks);
    this.score = new Uint32Array(blocks);
  }

  /** approx-string-match's `search(text.slice(from, to), pattern, maxErrors)`, offsets in `text`. */
  search(text: string, from: number, to: number, maxErrors: number): ApproxHit[] {
    if (this.pattern.length === 0) return [];
    const ends = this.matchEnds(this.forward, text, from, to, maxErrors, 1);
    if (ends.length === 0) return [];
    this.reversed ??= masksOf(this.pattern.split('').reverse().join(''));
    const out: ApproxHit[] = [];
    for (let k = 0; k < ends.length; k += 2) {
      const end = ends[k]!;
      const errors = ends[k + 1]!;
      // The start: the reversed pattern searched backwards from the end, with the same number of errors;
      // of several starts, the one giving the longest match.
      const minStart = Math.max(from, end - this.pattern.length - errors);
      const back = this.matchEnds(this.reversed, text, minStart, end, errors, -1);
      let start = end;
      for (let i = 0; i < back.length; i += 2) if (end - back[i]! < start) start = end - back[i]!;
      out.push({ start, end, errors });
    }
    return out;
  }

  /**
   * findMatchEnds of approx-string-match over text[from, to), read forwards (`dir` 1) or backwards from
   * `to` (`dir` -1). Returns [end, errors, end, errors, …]: forwards, `end` is an offset in `text`;
   * backwards, it is the number of characters read.
   */
  private matchEnds(masks: Masks, text: string, from: number, to: number, maxErrorsIn: number, dir: 1 | -1): number[] {
    const { bMax, lastRowMask, ascii, other, empty, length } = masks;
    const P = this.P;
    const M = this.M;
    const score = this.score;
    let maxErrors = Math.min(maxErrorsIn, length);
    const matches: number[] = [];
    let y = Math.max(0, Math.ceil(maxErrors / W) - 1);
    for (let b = 0; b <= y; b++) score[b] = (b + 1) * W;
    score[bMax] = length;
    for (let b = 0; b <= y; b++) {
      P[b] = ~0;
      M[b] = 0;
    }
    const n = to - from;
    for (let step = 0; step < n; step++) {
      const j = dir === 1 ? from + step : to - 1 - step;
      const code = text.charCodeAt(j);
      const peq = code < 256 ? ascii[code]! : (other.get(code) ?? empty);
      let carry = 0;
      for (let b = 0; b <= y; b++) {
        carry = advanceBlock(P, M, lastRowMask, peq, b, carry);
        score[b]! += carry;
      }
      if (score[y]! - carry <= maxErrors && y < bMax && (peq[y + 1]! & 1 || carry < 0)) {
        y += 1;
        P[y] = ~0;
        M[y] = 0;
        let maxBlockScore: number;
        if (y === bMax) {
          const remainder = length % W;
          maxBlockScore = remainder === 0 ? W : remainder;
        } else maxBlockScore = W;
        score[y] = score[y - 1]! + maxBlockScore - carry + advanceBlock(P, M, lastRowMask, peq, y, carry);
      } else {
        while (y > 0 && score[y]! >= maxErrors + W) y -= 1;
      }
      if (y === bMax && score[y]! <= maxErrors) {
        if (score[y]! < maxErrors) matches.length = 0;
        matches.push(dir === 1 ? j + 1 : step + 1, score[y]!);
        maxErrors = score[y]!;
      }
    }
    return matches;
  }
}

function oneIfNotZero(n: number): number {
  return ((n | -n) >> 31) & 1;
}

/** One block step (Fig. 8 of Myers 1999, branch-free as in Šošić 2014), exactly as approx-string-match. */
function advanceBlock(P: Uint32Array, M: Uint32Array, lastRowMask: Uint32Array, peq: Uint32Array, b: number, hIn: number): number {
  let pV = P[b]!;
  let mV = M[b]!;
  const hInIsNegative = hIn >>> 31;
  const eq = peq[b]! | hInIsNegative;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = oneIfNotZero(pH & lastRowMask[b]!) - oneIfNotZero(mH & lastRowMask[b]!);
  pH <<= 1;
  mH <<= 1;
  mH |= hInIsNegative;
  pH |= oneIfNotZero(hIn) - hInIsNegative;
  pV = mH | ~(xV | pH);
  mV = pH & xV;
  P[b] = pV;
  M[b] = mV;
  return hOut;
}
