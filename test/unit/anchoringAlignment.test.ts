import * as assert from 'assert';
import fc from 'fast-check';
import { alignPassage as alignWithEdge, type PassageAlignment } from '../../src/core/anchoring/alignment';
import { levenshtein } from '../../src/core/anchoring/editDistance';

type Alignment = Omit<PassageAlignment, 'atBandEdge'>;

/** `alignPassage` without `atBandEdge` (tested on its own below), so results compare as plain spans and counts. */
function alignPassage(...args: Parameters<typeof alignWithEdge>): Alignment | undefined {
  const a = alignWithEdge(...args);
  if (!a) return undefined;
  const { atBandEdge: _edge, ...rest } = a;
  return rest;
}

/** A passage: the quote with its remembered context. */
interface Passage {
  prefix: string;
  quote: string;
  suffix: string;
}

function align(text: string, { prefix, quote, suffix }: Passage, diagonal: number, band: number): Alignment | undefined {
  return alignPassage(text, prefix + quote + suffix, prefix.length, prefix.length + quote.length, diagonal, band);
}

/** The alignment and the text of the quote's span in it. */
function alignedQuote(text: string, passage: Passage, diagonal: number, band: number): Alignment & { span: string } {
  const a = align(text, passage, diagonal, band);
  assert.ok(a, 'an alignment');
  return { ...a, span: text.slice(a.start, a.end) };
}

// --- References -------------------------------------------------------------------------------------------------

/**
 * Semi-global edit distance, straightforward and unbanded: all of `pattern` against any run of `text`, the
 * context (before `qs`, after `qe`) free where it runs past the text's start or end, as alignment.ts does.
 */
function semiGlobalDistance(text: string, pattern: string, qs: number, qe: number): number {
  let prev = Array.from({ length: text.length + 1 }, () => 0);
  let best = Infinity;
  for (let i = 1; i <= pattern.length; i++) {
    const cur = [i <= qs ? 0 : prev[0]! + 1];
    for (let c = 1; c <= text.length; c++) {
      cur[c] = Math.min(
        prev[c - 1]! + (text[c - 1] === pattern[i - 1] ? 0 : 1),
        prev[c]! + 1,
        cur[c - 1]! + 1,
      );
    }
    if (i >= qe && i < pattern.length) best = Math.min(best, cur[text.length]!);
    prev = cur;
  }
  return Math.min(best, ...prev);
}

/** For each text offset s, the cheapest alignment of all of context `p` with some run of `text` ending at s. */
function endingAt(text: string, p: string): number[] {
  let prev = Array.from({ length: text.length + 1 }, () => 0);
  for (let i = 1; i <= p.length; i++) {
    // Context is free where it runs past the text's edge (here the start; reversed, the end).
    const cur = [0];
    for (let c = 1; c <= text.length; c++) {
      cur[c] = Math.min(prev[c - 1]! + (text[c - 1] === p[i - 1] ? 0 : 1), prev[c]! + 1, cur[c - 1]! + 1);
    }
    prev = cur;
  }
  return prev;
}

const reverse = (s: string): string => [...s].reverse().join('');

/** For each text offset e, the cheapest alignment of all of `p` with some run of `text` starting at e. */
function startingAt(text: string, p: string): number[] {
  return endingAt(reverse(text), reverse(p)).reverse();
}

/**
 * Edit distance between `quote` and `span` when the span's first and last characters may not be insertions
 * (text inserted next to the quote stays outside it, so the quote's alignment never begins or ends with one).
 */
function innerDistance(quote: string, span: string): number {
  const INF = 1e9;
  const n = span.length;
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => (j === 0 ? 0 : INF));
  for (let i = 1; i <= quote.length; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const diag = prev[j - 1]! + (span[j - 1] === quote[i - 1] ? 0 : 1);
      const vert = prev[j]! + 1;
      // Insertions only once the quote has begun, and (checked below) not as the last step.
      cur[j] = Math.min(diag, vert, cur[j - 1]! + 1);
      if (i === quote.length) cur[j] = Math.min(diag, vert);
    }
    prev = cur;
  }
  return prev[n]!;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const midWord = (s: string, at: number): boolean => isWordChar(s[at - 1]) && isWordChar(s[at]);

/**
 * Boundary penalties (in edits) of a quote span [start, end), as documented in alignment.ts: nothing where the
 * text has the same kind of boundary as the pattern (letter or not on each side), 1.5 inside a word where the
 * pattern's boundary was not, 0.25 for any other difference.
 */
function penalties(text: string, p: Passage, start: number, end: number): number {
  const pattern = p.prefix + p.quote + p.suffix;
  const qs = p.prefix.length;
  const qe = qs + p.quote.length;
  const edge = (at: number, c: number): number => {
    const same = isWordChar(pattern[at - 1]) === isWordChar(text[c - 1]) && isWordChar(pattern[at]) === isWordChar(text[c]);
    if (same) return 0;
    return midWord(text, c) ? 1.5 : 0.25;
  };
  return edge(qs, start) + edge(qe, end);
}

/**
 * The documented objective, minimised by brute force over every quote span [s, e): the edits aligning the
 * prefix before s, the quote with [s, e) and the suffix after e, plus the boundary penalties (`penalties`).
 */
function bestObjective(text: string, p: Passage): number {
  const before = endingAt(text, p.prefix);
  const after = startingAt(text, p.suffix);
  let best = Infinity;
  for (let s = 0; s <= text.length; s++) {
    for (let e = s; e <= text.length; e++) {
      const v = before[s]! + innerDistance(p.quote, text.slice(s, e)) + after[e]! + penalties(text, p, s, e);
      if (v < best) best = v;
    }
  }
  return best;
}

function hamming(a: string, b: string): number {
  assert.strictEqual(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

// --- Fixtures -----------------------------------------------------------------------------------------------------

const P: Passage = {
  prefix: 'the committee noted that ',
  quote: 'alpha beta gamma delta',
  suffix: ' and then adjourned for lunch',
};
const LEAD = 'Minutes of the meeting: ';
const TAIL = '. Next item on the agenda.';
/** `LEAD` + prefix + (the quote as it now reads) + suffix + `TAIL`, and where the quote now is. */
function textWith(quote: string, p: Passage = P): { text: string; start: number; end: number } {
  const start = LEAD.length + p.prefix.length;
  return { text: LEAD + p.prefix + quote + p.suffix + TAIL, start, end: start + quote.length };
}

describe('anchoring: passage alignment', () => {
  it('identical text: the exact span and no errors, wherever the diagonal is within the band', () => {
    const { text, start, end } = textWith(P.quote);
    for (const [shift, band] of [
      [0, 0],
      [0, 8],
      [5, 8],
      [-8, 8],
      [-30, 40],
      [0, 200],
    ] as const) {
      const a = align(text, P, LEAD.length + shift, band);
      assert.deepStrictEqual(a, { start, end, quoteErrors: 0, errors: 0 }, `shift ${shift}, band ${band}`);
    }
  });

  it('a deleted first word: the quote starts right after the intact prefix (prefix ending in punctuation)', () => {
    const p: Passage = { prefix: 'the committee noted (', quote: 'alpha beta gamma delta', suffix: ') and then adjourned' };
    const { text, start, end } = textWith('beta gamma delta', p);
    const a = alignedQuote(text, p, LEAD.length, 16);
    assert.deepStrictEqual([a.start, a.end, a.span], [start, end, 'beta gamma delta']);
    assert.strictEqual(a.quoteErrors, 'alpha '.length);
    assert.strictEqual(a.errors, 'alpha '.length);
  });

  it('a deleted first word: the quote starts right after the intact prefix (prefix ending in a space)', () => {
    const { text, start, end } = textWith('beta gamma delta');
    const a = alignedQuote(text, P, LEAD.length, 16);
    assert.deepStrictEqual([a.start, a.end, a.span], [start, end, 'beta gamma delta']);
    assert.strictEqual(a.quoteErrors, 'alpha '.length);
    assert.strictEqual(a.errors, 'alpha '.length);
  });

  it('a deleted last word: the quote ends right before the intact suffix', () => {
    const { text, start, end } = textWith('alpha beta gamma');
    const a = alignedQuote(text, P, LEAD.length, 16);
    assert.deepStrictEqual([a.start, a.end, a.span], [start, end, 'alpha beta gamma']);
    assert.strictEqual(a.quoteErrors, ' delta'.length);
    assert.strictEqual(a.errors, ' delta'.length);
    const p: Passage = { prefix: 'the committee noted (', quote: 'alpha beta gamma delta', suffix: ') and then adjourned' };
    const t2 = textWith('alpha beta gamma', p);
    const a2 = alignedQuote(t2.text, p, LEAD.length, 16);
    assert.deepStrictEqual([a2.start, a2.end], [t2.start, t2.end]);
  });

  it('a word inserted right after the quote stays outside it', () => {
    const p = { ...P, suffix: ' ' + P.suffix.trimStart() };
    const { text, start } = textWith(P.quote + ' epsilon', p);
    const a = alignedQuote(text, p, LEAD.length, 16);
    assert.deepStrictEqual([a.start, a.end, a.span], [start, start + P.quote.length, P.quote]);
    assert.strictEqual(a.quoteErrors, 0);
    assert.strictEqual(a.errors, ' epsilon'.length);
  });

  it('a word inserted right before the quote stays outside it', () => {
    const { text, start, end } = textWith('omega ' + P.quote);
    const a = alignedQuote(text, P, LEAD.length, 16);
    assert.deepStrictEqual([a.start, a.end, a.span], [start + 'omega '.length, end, P.quote]);
    assert.strictEqual(a.quoteErrors, 0);
    assert.strictEqual(a.errors, 'omega '.length);
  });

  it('a word inserted inside the quote is part of it', () => {
    const edited = 'alpha beta zeta gamma delta';
    const { text, start, end } = textWith(edited);
    const a = alignedQuote(text, P, LEAD.length, 16);
    assert.deepStrictEqual([a.start, a.end, a.span], [start, end, edited]);
    assert.strictEqual(a.quoteErrors, 'zeta '.length);
    assert.strictEqual(a.errors, 'zeta '.length);
  });

  it('a quote rewritten beyond recognition between an intact prefix and suffix: exactly what lies between', () => {
    // (Shorter and much longer rewrites are in the next test.)
    for (const rewritten of ['something else entirely different', 'ALPHA-BETA-GAMMA-DELTA', 'Omega omega omega']) {
      const { text, start, end } = textWith(rewritten);
      const a = alignedQuote(text, P, LEAD.length, Math.abs(rewritten.length - P.quote.length) + 8);
      assert.deepStrictEqual([a.start, a.end, a.span], [start, end, rewritten]);
      assert.strictEqual(a.quoteErrors, a.errors, 'all the errors are in the quote');
      assert.ok(a.quoteErrors >= levenshtein(P.quote, rewritten), `${a.quoteErrors}`);
    }
  });

  it('a quote rewritten beyond recognition, shorter or much longer: exactly what lies between', () => {
    for (const rewritten of ['x', 'new words', 'completely new words here and more of them']) {
      const { text, start, end } = textWith(rewritten);
      const a = alignedQuote(text, P, LEAD.length, Math.abs(rewritten.length - P.quote.length) + 8);
      assert.deepStrictEqual([a.start, a.end, a.span], [start, end, rewritten]);
      assert.strictEqual(a.errors, levenshtein(P.quote, rewritten));
    }
  });

  it('a quote deleted outright: an empty span where it was', () => {
    const p: Passage = { prefix: 'the committee noted (', quote: 'alpha beta gamma delta', suffix: ') and then adjourned' };
    const { text, start } = textWith('', p);
    assert.deepStrictEqual(align(text, p, LEAD.length, 30), { start, end: start, quoteErrors: p.quote.length, errors: p.quote.length });
    // Between words separated by one space, that space may fall on either side of the empty span.
    const t2 = LEAD + P.prefix + P.suffix.trimStart() + TAIL;
    const a = alignedQuote(t2, P, LEAD.length, 30);
    assert.strictEqual(a.start, a.end);
    assert.ok(a.start === LEAD.length + P.prefix.length || a.start === LEAD.length + P.prefix.length - 1, `${a.start}`);
    assert.strictEqual(a.errors, P.quote.length + 1);
    assert.ok(a.quoteErrors >= P.quote.length && a.quoteErrors <= a.errors, JSON.stringify(a));
  });

  it('edits in the context count in errors but not in quoteErrors', () => {
    const p = { ...P };
    const text = LEAD + 'the commitee noted thta ' + P.quote + ' and then adjuorned for lunhc' + TAIL;
    const a = alignedQuote(text, p, LEAD.length, 16);
    assert.strictEqual(a.span, P.quote);
    assert.strictEqual(a.quoteErrors, 0);
    assert.ok(a.errors >= 5 && a.errors <= 7, `${a.errors}`);
    assert.strictEqual(a.errors, semiGlobalDistance(text, P.prefix + P.quote + P.suffix, P.prefix.length, P.prefix.length + P.quote.length));
  });

  it('a quote with no prefix, or no suffix, or neither', () => {
    const text = 'xx abc def ghi yy';
    assert.deepStrictEqual(alignPassage(text, 'abc def ghi', 0, 4, 3, 4), { start: 3, end: 7, quoteErrors: 0, errors: 0 });
    assert.deepStrictEqual(alignPassage(text, 'abc def ghi', 4, 11, 3, 4), { start: 7, end: 14, quoteErrors: 0, errors: 0 });
    assert.deepStrictEqual(alignPassage(text, 'abc def ghi', 0, 11, 3, 4), { start: 3, end: 14, quoteErrors: 0, errors: 0 });
    assert.deepStrictEqual(alignPassage(text, 'abc dXf ghi', 0, 11, 3, 4), { start: 3, end: 14, quoteErrors: 1, errors: 1 });
  });

  it('context running past the start or end of the text costs nothing (negative diagonal, text ending early)', () => {
    assert.deepStrictEqual(alignPassage('bcdefg', 'abcdefg', 1, 4, -1, 2), { start: 0, end: 3, quoteErrors: 0, errors: 0 });
    // A quote now first in the text: its whole prefix lies before the text, beyond the band's reach from row 0.
    const text = 'cat sat on the mat';
    assert.deepStrictEqual(alignPassage(text, 'see the cat sat on', 8, 15, -8, 3), { start: 0, end: 7, quoteErrors: 0, errors: 0 });
    // And last: the suffix lies after it; one substitution in the quote does not pull the end in.
    assert.deepStrictEqual(alignPassage('see the cat sXt', 'see the cat sat on the mat', 8, 15, 0, 3), { start: 8, end: 15, quoteErrors: 1, errors: 1 });
  });

  it('of two exact copies within the band, takes the one nearer the diagonal', () => {
    const copy = 'see the cat sat on the mat. ';
    const text = copy + copy;
    const p: Passage = { prefix: 'see the ', quote: 'cat sat', suffix: ' on the mat' };
    assert.strictEqual(align(text, p, 0, copy.length + 5)!.start, 8);
    assert.strictEqual(align(text, p, copy.length, copy.length + 5)!.start, copy.length + 8);
    assert.strictEqual(align(text, p, copy.length - 3, copy.length + 5)!.start, copy.length + 8);
    assert.strictEqual(align(text, p, 3, copy.length + 5)!.start, 8);
  });

  it('an empty quote: an empty span where the path leaves its row', () => {
    assert.deepStrictEqual(alignPassage('xx abc def ghi', 'abc def ghi', 4, 4, 3, 4), { start: 7, end: 7, quoteErrors: 0, errors: 0 });
    // Text inserted where the empty quote was goes before it.
    assert.deepStrictEqual(alignPassage('xx abc XY def ghi', 'abc def ghi', 4, 4, 3, 4), { start: 10, end: 10, quoteErrors: 0, errors: 3 });
    // At the start of the passage (no prefix).
    assert.deepStrictEqual(alignPassage('xx abc def', 'abc def', 0, 0, 3, 2), { start: 3, end: 3, quoteErrors: 0, errors: 0 });
    assert.deepStrictEqual(alignPassage('a', 'a', 0, 0, 0, 0), { start: 0, end: 0, quoteErrors: 0, errors: 0 });
  });

  it('an empty quote at the end of the passage', () => {
    assert.deepStrictEqual(alignPassage('a', 'a', 1, 1, 0, 0), { start: 1, end: 1, quoteErrors: 0, errors: 0 });
    assert.deepStrictEqual(alignPassage('xx abc def', 'abc def', 7, 7, 3, 2), { start: 10, end: 10, quoteErrors: 0, errors: 0 });
  });

  it('a one-character quote inside a word: deleting it (1 edit) beats matching it mid-word (1.5)', () => {
    // Documents the objective at its smallest: no context, so both ends of the quote were "between words".
    assert.deepStrictEqual(alignPassage('aa', 'a', 0, 1, 0, 1), { start: 0, end: 0, quoteErrors: 1, errors: 1 });
    // With band 0 there is no choice.
    assert.deepStrictEqual(alignPassage('aa', 'a', 0, 1, 0, 0), { start: 0, end: 1, quoteErrors: 0, errors: 0 });
    // Between spaces the match is taken.
    assert.deepStrictEqual(alignPassage('a a', 'a', 0, 1, 0, 2), { start: 0, end: 1, quoteErrors: 0, errors: 0 });
    // A longer quote is matched mid-word: "cat" in "cats" costs 1.5, deleting it 3.
    assert.deepStrictEqual(alignPassage('the cats', 'cat', 0, 3, 4, 2), { start: 4, end: 7, quoteErrors: 0, errors: 0 });
  });

  it('undefined when the band leaves the text or the pattern is empty', () => {
    assert.strictEqual(alignPassage('abc', '', 0, 0, 0, 5), undefined);
    assert.strictEqual(alignPassage('abcdef', 'abc', 0, 3, 50, 5), undefined);
    assert.strictEqual(alignPassage('abcdef', 'abc', 0, 3, -50, 5), undefined);
    // The suffix's last character lies past the end of the text: free.
    assert.deepStrictEqual(alignPassage('abc', 'abcd', 1, 2, 0, 0), { start: 1, end: 2, quoteErrors: 0, errors: 0 });
    // But the quote's own characters are not: one past the end is a deletion.
    assert.deepStrictEqual(alignPassage('abc', 'abcd', 1, 4, 0, 1), { start: 1, end: 3, quoteErrors: 1, errors: 1 });
  });

  it('band 0: substitutions only, the span fixed by the diagonal', () => {
    assert.deepStrictEqual(alignPassage('abXdefgYij', 'abcdefghij', 2, 6, 0, 0), { start: 2, end: 6, quoteErrors: 1, errors: 2 });
    // Even where a shifted alignment would be far cheaper.
    assert.deepStrictEqual(alignPassage('xabcdefghij', 'abcdefghij', 2, 6, 0, 0), { start: 2, end: 6, quoteErrors: 4, errors: 10 });
    assert.deepStrictEqual(alignPassage('xabcdefghij', 'abcdefghij', 2, 6, 0, 1), { start: 3, end: 7, quoteErrors: 0, errors: 0 });
  });

  describe('quote ends between words', () => {
    const p: Passage = { prefix: 'see the ', quote: 'cat sat', suffix: ' on the mat' };

    it('stays between words when ending mid-word would save only one edit', () => {
      // "cat sat|X": X would be an insertion after the quote, but the end would fall inside "satX".
      const a = alignedQuote('see the cat satX on the mat', p, 0, 8);
      assert.deepStrictEqual([a.span, a.quoteErrors, a.errors], ['cat satX', 2, 2]);
      const b = alignedQuote('see the cat satXY on the mat', p, 0, 8);
      assert.deepStrictEqual([b.span, b.quoteErrors, b.errors], ['cat satXY', 3, 3]);
    });

    it('ends mid-word when that saves two edits or more', () => {
      // The space after "sat" was deleted: ending at "sat|on" costs that one edit, ending after "saton" many more.
      const a = alignedQuote('see the cat saton the mat', p, 0, 8);
      assert.deepStrictEqual([a.span, a.errors], ['cat sat', 1]);
    });

    it('starts mid-word when that saves two edits or more', () => {
      // The space before "cat" was deleted.
      const a = alignedQuote('see thecat sat on the mat', p, 0, 8);
      assert.deepStrictEqual([a.start, a.span, a.quoteErrors, a.errors], [7, 'cat sat', 0, 1]);
    });

    // "s|cat" costs 1 edit and a mid-word start; the word "scat" costs 2 (c→s, then c inserted: the insertion
    // cannot open the quote). (An earlier version of the module added the penalty only after choosing the move
    // into a cell, and returned the mid-word "cat sat" here.)
    it('stays between words when starting mid-word would save only one edit', () => {
      const a = alignedQuote('see the scat sat on the mat', p, 0, 8);
      assert.deepStrictEqual([a.start, a.span, a.quoteErrors, a.errors], [8, 'scat sat', 2, 2]);
      const b = alignedQuote('see the Xcat sat on the mat', p, 0, 8);
      assert.deepStrictEqual([b.start, b.span], [8, 'Xcat sat']);
    });

    it('a quote that began mid-word may begin mid-word again', () => {
      const q: Passage = { prefix: 'the al', quote: 'phabet so', suffix: 'up is hot' };
      assert.deepStrictEqual(align('the alphabet soup is hot', q, 0, 8), { start: 6, end: 15, quoteErrors: 0, errors: 0 });
      // A letter inserted right before it stays outside, though the quote then starts inside "alXphabet".
      assert.deepStrictEqual(align('the alXphabet soup is hot', q, 0, 8), { start: 7, end: 16, quoteErrors: 0, errors: 1 });
      // And after it.
      assert.deepStrictEqual(align('the alphabet soXup is hot', q, 0, 8), { start: 6, end: 15, quoteErrors: 0, errors: 1 });
    });
  });

  describe('properties', () => {
    /** A text, and a passage cut from an edited copy of it, with random quote bounds. */
    const caseArb = (alphabet: readonly string[], maxLength: number) =>
      fc
        .tuple(
          fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength }),
          fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength }),
          fc.nat(),
          fc.nat(),
        )
        .map(([t, pat, a, b]) => {
          const text = t.join('');
          const pattern = pat.join('');
          // A quote of at least one character (empty quotes: see their own tests).
          const x = a % pattern.length;
          const y = x + 1 + (b % (pattern.length - x));
          const qs = Math.min(x, y);
          const qe = Math.max(x, y);
          const passage: Passage = { prefix: pattern.slice(0, qs), quote: pattern.slice(qs, qe), suffix: pattern.slice(qe) };
          return { text, pattern, passage, qs, qe };
        });

    /** Text related to the pattern: a mutated copy of it inside random text, so that alignments are interesting. */
    const relatedArb = (alphabet: readonly string[], maxLength: number) =>
      fc
        .tuple(
          caseArb(alphabet, maxLength),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(0, 1, 2), fc.constantFrom(...alphabet)), { maxLength: 4 }),
          fc.boolean(),
        )
        .map(([c, edits, related]) => {
          if (!related) return c;
          let copy = c.pattern;
          for (const [at, kind, ch] of edits) {
            const i = at % (copy.length + 1);
            if (kind === 0) copy = copy.slice(0, i) + ch + copy.slice(i + 1);
            else if (kind === 1) copy = copy.slice(0, i) + copy.slice(i + 1);
            else copy = copy.slice(0, i) + ch + copy.slice(i);
          }
          const cut = c.text.length >> 1;
          return { ...c, text: c.text.slice(0, cut) + copy + c.text.slice(cut) };
        });

    it('with a wide band and no mid-word preference in play, errors is the semi-global edit distance', () => {
      // Either no word characters at all, or a quote whose ends are inside words of the pattern (letters only).
      const noWords = relatedArb(['-', '.', ' ', ','], 14);
      const inWords = relatedArb(['a', 'b', 'c'], 14).filter(({ pattern, qs, qe }) => qs >= 1 && qe < pattern.length && qs < qe);
      fc.assert(
        fc.property(fc.oneof(noWords, inWords), ({ text, pattern, passage, qs, qe }) => {
          const band = text.length + pattern.length;
          const a = alignPassage(text, pattern, qs, qe, 0, band);
          assert.ok(a, 'an alignment');
          const expected = semiGlobalDistance(text, pattern, qs, qe);
          assert.strictEqual(a.errors, expected);
          assert.ok(0 <= a.start && a.start <= a.end && a.end <= text.length);
          // The path is optimal, so each of its parts is: the quote's part is its best alignment with the span.
          assert.strictEqual(a.quoteErrors, innerDistance(passage.quote, text.slice(a.start, a.end)));
          assert.strictEqual(
            a.errors,
            endingAt(text, passage.prefix)[a.start]! + a.quoteErrors + startingAt(text, passage.suffix)[a.end]!,
          );
        }),
        { seed: 20261128, numRuns: 400 },
      );
    });

    it('with any band, errors ≥ the unbanded distance, and quoteErrors ≥ the distance of the quote to its span', () => {
      fc.assert(
        fc.property(
          relatedArb(['a', 'b', ' ', '.'], 24),
          fc.integer({ min: -10, max: 40 }),
          fc.integer({ min: 0, max: 40 }),
          ({ text, pattern, passage, qs, qe }, diagonal, band) => {
            const a = alignPassage(text, pattern, qs, qe, diagonal, band);
            if (!a) return;
            assert.ok(Number.isInteger(a.errors) && Number.isInteger(a.quoteErrors));
            assert.ok(0 <= a.start && a.start <= a.end && a.end <= text.length, JSON.stringify(a));
            // The quote's span lies within the band's columns.
            assert.ok(a.start >= diagonal - band && a.end <= diagonal + pattern.length + band, JSON.stringify(a));
            assert.ok(0 <= a.quoteErrors && a.quoteErrors <= a.errors, JSON.stringify(a));
            assert.ok(a.quoteErrors >= levenshtein(passage.quote, text.slice(a.start, a.end)), JSON.stringify(a));
            const unbanded = semiGlobalDistance(text, pattern, qs, qe);
            assert.ok(a.errors >= unbanded, `${a.errors} < ${unbanded}`);
            // Each mid-word penalty (1.5 edits) is worth at most one edit more to avoid: 3 in all.
            const wide = alignPassage(text, pattern, qs, qe, 0, text.length + pattern.length);
            if (wide) assert.ok(wide.errors <= unbanded + 3, `${wide.errors} vs ${unbanded}`);
          },
        ),
        { seed: 20261128, numRuns: 400 },
      );
    });

    it('band 0: the Hamming distance, and the span where the diagonal puts it', () => {
      fc.assert(
        fc.property(caseArb(['a', 'b', '-'], 20), fc.nat(), ({ text, pattern, qs, qe }, d) => {
          fc.pre(pattern.length <= text.length);
          const diagonal = d % (text.length - pattern.length + 1);
          const a = alignPassage(text, pattern, qs, qe, diagonal, 0);
          assert.deepStrictEqual(a, {
            start: diagonal + qs,
            end: diagonal + qe,
            quoteErrors: hamming(pattern.slice(qs, qe), text.slice(diagonal + qs, diagonal + qe)),
            errors: hamming(pattern, text.slice(diagonal, diagonal + pattern.length)),
          });
        }),
        { seed: 20261128, numRuns: 300 },
      );
    });

    it('an exact copy at the diagonal is found exactly, whatever the band and the surrounding text', () => {
      fc.assert(
        fc.property(caseArb(['a', 'b', ' ', 'c'], 20), fc.nat(30), ({ text, pattern, qs, qe }, band) => {
          // Spaces around the copy, so that its quote's ends are inside words only where the pattern's are.
          const at = (text.length >> 1) + 1;
          const t = text.slice(0, at - 1) + ' ' + pattern + ' ' + text.slice(at - 1);
          const a = alignPassage(t, pattern, qs, qe, at, band);
          assert.ok(a);
          assert.strictEqual(a.errors, 0);
          assert.strictEqual(a.quoteErrors, 0);
          // Another exact copy may lie within the band; whichever is taken, the span reads the quote.
          assert.strictEqual(t.slice(a.start, a.end), pattern.slice(qs, qe));
          if (band === 0) assert.deepStrictEqual([a.start, a.end], [at + qs, at + qe]);
        }),
        { seed: 20261128, numRuns: 300 },
      );
    });

    // The alignment minimises edits + 1.5 per quote end that falls inside a word (when the quote's end was
    // between words), compared here with a brute force over every span.
    it('with a wide band, minimises edits plus the mid-word penalties', () => {
      fc.assert(
        fc.property(relatedArb(['a', 'b', ' '], 12), ({ text, pattern, passage, qs, qe }) => {
          const a = alignPassage(text, pattern, qs, qe, 0, text.length + pattern.length);
          assert.ok(a);
          assert.strictEqual(a.errors + penalties(text, passage, a.start, a.end), bestObjective(text, passage));
        }),
        { seed: 20261128, numRuns: 300 },
      );
    });

    it('the brute-force objective on hand-checked examples', () => {
      // Guards the brute-force reference used above.
      const p: Passage = { prefix: 'see the ', quote: 'cat sat', suffix: ' on the mat' };
      for (const text of ['see the cat satX on the mat', 'see the cat saton the mat', 'see thecat sat on the mat', 'see the cat sat on the mat']) {
        const a = align(text, p, 0, 8)!;
        assert.strictEqual(a.errors + penalties(text, p, a.start, a.end), bestObjective(text, p), text);
      }
      assert.strictEqual(bestObjective('see the scat sat on the mat', p), 2);
    });
  });

  it('atBandEdge: a passage that lost more than the band allows runs along its edge; a wider band frees it', () => {
    const { text } = textWith('alpha delta');
    const narrow = alignWithEdge(text, P.prefix + P.quote + P.suffix, P.prefix.length, P.prefix.length + P.quote.length, LEAD.length, 4);
    const wide = alignWithEdge(text, P.prefix + P.quote + P.suffix, P.prefix.length, P.prefix.length + P.quote.length, LEAD.length, 24);
    assert.ok(narrow && wide);
    assert.strictEqual(narrow.atBandEdge, true);
    assert.strictEqual(wide.atBandEdge, false);
    assert.strictEqual(text.slice(wide.start, wide.end), 'alpha delta');
    assert.ok(wide.errors < narrow.errors);
  });
});
