import * as assert from 'assert';
import fc from 'fast-check';
import { hasSeed, SEED_LENGTH, SeedIndex, type SeedCluster } from '../../src/core/anchoring/seedIndex';
import { Rng } from '../fixtures/anchoring/random';

/** The documented cap: a k-gram occurring more often than this in the text casts no votes. */
const MAX_OCCURRENCES = 24;

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\u00a0';
const normalise = (s: string): string => Array.from(s, (c) => (isSpace(c) ? ' ' : c)).join('');

/** Positions j ≥ 1 of `pattern` that begin a word (after whitespace) with a whole k-gram after them. */
function seedOffsets(pattern: string): number[] {
  const out: number[] = [];
  for (let j = 1; j + SEED_LENGTH <= pattern.length; j++) {
    if (!isSpace(pattern[j]!) && isSpace(pattern[j - 1]!)) out.push(j);
  }
  return out;
}

/**
 * Every vote the documented rule casts, found naively: for each of the pattern's word-start k-grams, its
 * occurrences at word starts of the text (whitespace as a space), unless there are more than 24 of them.
 * Returns one diagonal (text offset − pattern offset) per vote.
 */
function referenceVotes(text: string, pattern: string): number[] {
  const nt = normalise(text);
  const np = normalise(pattern);
  const diagonals: number[] = [];
  for (const j of seedOffsets(pattern)) {
    const gram = np.slice(j, j + SEED_LENGTH);
    const hits: number[] = [];
    for (let t = nt.indexOf(gram); t >= 0; t = nt.indexOf(gram, t + 1)) {
      if (t === 0 || nt[t - 1] === ' ') hits.push(t);
    }
    if (hits.length <= MAX_OCCURRENCES) for (const t of hits) diagonals.push(t - j);
  }
  return diagonals;
}

/** A random lowercase word of 3–9 letters: in these texts, 10-grams essentially never repeat by chance. */
function word(rng: Rng): string {
  let w = '';
  const n = rng.int(3, 9);
  for (let i = 0; i < n; i++) w += String.fromCharCode(97 + rng.int(0, 25));
  return w;
}

/** About `chars` characters of random words, with line breaks and blank lines now and then. */
function filler(rng: Rng, chars: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = word(rng);
    const sep = rng.int(0, 30) === 0 ? '\n\n' : rng.int(0, 10) === 0 ? '\n' : ' ';
    parts.push(w, sep);
    n += w.length + sep.length;
  }
  return parts.join('');
}

/** A paragraph of `words` random words separated by single spaces, capitalised like prose. */
function paragraph(rng: Rng, words: number): string {
  const ws = Array.from({ length: words }, () => word(rng));
  ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
  return ws.join(' ') + '.';
}

function assertWellFormed(clusters: readonly SeedCluster[], minVotes: number): void {
  for (const c of clusters) {
    assert.ok(Number.isInteger(c.from) && Number.isInteger(c.to), JSON.stringify(c));
    assert.ok(c.from <= c.to, `from ≤ to: ${JSON.stringify(c)}`);
    assert.ok(c.votes >= minVotes && c.votes >= 1, `votes ≥ ${minVotes}: ${JSON.stringify(c)}`);
  }
  for (let i = 1; i < clusters.length; i++) {
    const a = clusters[i - 1]!;
    const b = clusters[i]!;
    assert.ok(a.votes > b.votes || (a.votes === b.votes && a.from < b.from), `ordered: ${JSON.stringify([a, b])}`);
  }
  // Clusters are disjoint ranges of diagonals.
  const byFrom = [...clusters].sort((x, y) => x.from - y.from);
  for (let i = 1; i < byFrom.length; i++) assert.ok(byFrom[i - 1]!.to < byFrom[i]!.from, `disjoint: ${JSON.stringify(byFrom)}`);
}

const containing = (clusters: readonly SeedCluster[], at: number): SeedCluster | undefined =>
  clusters.find((c) => c.from <= at && at <= c.to);

describe('anchoring: seed index', () => {
  const rng = new Rng(20240607);
  const para = paragraph(rng, 40);
  const head = filler(rng, 60_000);
  const tail = filler(rng, 60_000);
  // The paragraph at the top of the original, moved to the far end of the new text.
  const original = para + '\n\n' + head + tail;
  const moved = head + tail + '\n\n' + para + '\n';
  const movedAt = moved.indexOf(para);
  const movedIndex = new SeedIndex(moved);

  it('exports a 10-character seed length', () => {
    assert.strictEqual(SEED_LENGTH, 10);
  });

  it('finds a paragraph moved to the other end of a long text, with every seed voting there', () => {
    const cs = movedIndex.clusters(para, 2);
    assertWellFormed(cs, 2);
    assert.ok(cs.length >= 1);
    assert.deepStrictEqual(cs[0], { from: movedAt, to: movedAt, votes: seedOffsets(para).length });
    assert.ok(seedOffsets(para).length >= 30, 'the paragraph has many seeds');
    // In the original text it is found at its old place, offset 0.
    const before = new SeedIndex(original).clusters(para, 2);
    assert.deepStrictEqual(before[0], { from: 0, to: 0, votes: seedOffsets(para).length });
  });

  it('finds the passage with its context: the cluster is where the pattern (context first) starts', () => {
    const at = movedAt + 200;
    const pattern = moved.slice(at - 32, at + 120 + 32);
    const cs = movedIndex.clusters(pattern, 2);
    assert.strictEqual(cs[0]!.from, at - 32);
    assert.strictEqual(cs[0]!.to, at - 32);
  });

  it('places a pattern that starts before the text begins at a negative diagonal', () => {
    const text = para + ' ' + filler(new Rng(3), 2_000);
    const lead = 'Preamble words never seen anywhere ';
    const cs = new SeedIndex(text).clusters(lead + para, 2);
    assert.strictEqual(cs[0]!.from, -lead.length);
    assert.strictEqual(cs[0]!.to, -lead.length);
    assert.strictEqual(cs[0]!.votes, seedOffsets(para).length + 1, 'the lead-in k-grams are absent, the first word of the paragraph is a seed too');
  });

  it('an edited copy (substitutions and an insertion) still gets the top cluster, spread by the insertion', () => {
    // Three substitutions, then four characters inserted at a word start.
    const chars = [...para];
    for (const i of [25, 90, 170]) chars[i] = chars[i] === 'x' ? 'y' : 'x';
    let edited = chars.join('');
    const insertAt = edited.indexOf(' ', 130) + 1;
    edited = edited.slice(0, insertAt) + 'zzz ' + edited.slice(insertAt);
    const text = head + edited + ' ' + tail;
    const at = head.length;
    const cs = new SeedIndex(text).clusters(para, 2);
    assertWellFormed(cs, 2);
    const top = cs[0]!;
    assert.strictEqual(top.from, at);
    assert.strictEqual(top.to, at + 4);
    // Each edit costs a seed or two; the rest survive.
    const all = seedOffsets(para).length;
    assert.ok(top.votes >= all - 8 && top.votes < all, `${top.votes} of ${all}`);
    // Nothing else comes close.
    assert.ok(cs.length === 1 || cs[1]!.votes <= 2, JSON.stringify(cs.slice(0, 3)));
  });

  it('an edited copy made of random character edits is found within a few characters', () => {
    const r = new Rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const p = paragraph(r, 30);
      let e = p;
      let shift = 0;
      for (let k = 0; k < 4; k++) {
        const at = r.int(0, e.length - 1);
        if (r.int(0, 1) === 0) e = e.slice(0, at) + 'q' + e.slice(at + 1);
        else (e = e.slice(0, at) + 'qj' + e.slice(at)), (shift += 2);
      }
      const text = filler(r, 3_000) + ' ' + e + ' ' + filler(r, 3_000);
      const at = text.indexOf(e);
      const top = new SeedIndex(text).clusters(p, 2)[0];
      assert.ok(top, `trial ${trial}: a cluster`);
      assert.ok(top.from >= at - 1 && top.from <= at + shift && top.to <= at + shift, `trial ${trial}: ${JSON.stringify(top)} vs ${at}`);
    }
  });

  it('matches a re-wrapped copy: spaces and line breaks (and other whitespace) are interchangeable', () => {
    let k = 0;
    const wrapped = para.replace(/ /g, () => (++k % 6 === 0 ? '\n' : k % 7 === 0 ? '\t' : k % 11 === 0 ? '\u00a0' : ' '));
    assert.notStrictEqual(wrapped, para);
    assert.strictEqual(wrapped.length, para.length);
    const text = head + wrapped + '\n' + tail;
    const cs = new SeedIndex(text).clusters(para, 2);
    assert.deepStrictEqual(cs[0], { from: head.length, to: head.length, votes: seedOffsets(para).length });
    // And the other way round: the pattern re-wrapped, the text with spaces.
    const cs2 = movedIndex.clusters(wrapped, 2);
    assert.deepStrictEqual(cs2[0], { from: movedAt, to: movedAt, votes: seedOffsets(para).length });
  });

  it('a \\r\\n line break is two characters, not one space: each CRLF shifts the diagonal by one', () => {
    const words = ['alphabetas', 'gammadelta', 'epsilonzet', 'etaiotakap', 'lambdamuxx'];
    const lead = 'lead words here ';
    const text = lead + words.join('\r\n') + ' tail';
    // Ten-letter words: each k-gram is one whole word, and matches; one line break further per word.
    const cs = new SeedIndex(text).clusters(' ' + words.join(' '), 1);
    assert.deepStrictEqual(cs, [{ from: lead.length - 1, to: lead.length - 1 + words.length - 1, votes: words.length }]);
  });

  it('is case-sensitive', () => {
    assert.deepStrictEqual(movedIndex.clusters(para.toUpperCase(), 1), []);
  });

  it('gives no clusters for a pattern absent from the text', () => {
    const absent = paragraph(new Rng(999), 30).toUpperCase();
    assert.deepStrictEqual(movedIndex.clusters(absent, 1), []);
    assert.deepStrictEqual(movedIndex.clusters(' ' + absent + ' ', 1), []);
  });

  it('gives no clusters for patterns without a seed, even when they occur in the text', () => {
    assert.deepStrictEqual(movedIndex.clusters('', 1), []);
    assert.deepStrictEqual(movedIndex.clusters(' ', 1), []);
    assert.deepStrictEqual(movedIndex.clusters(para.slice(0, SEED_LENGTH), 1), []);
    // A single long word: its only word start is offset 0, which is never looked up.
    const text = 'before abcdefghijklmnopqrstuvwxyz after';
    const index = new SeedIndex(text);
    assert.deepStrictEqual(index.clusters('abcdefghijklmnopqrstuvwxyz', 1), []);
    // With the space before it, the word is a seed and is found.
    assert.deepStrictEqual(index.clusters(' abcdefghijklmnopqrstuvwxyz', 1), [{ from: 6, to: 6, votes: 1 }]);
  });

  it('works on an empty or tiny text', () => {
    assert.deepStrictEqual(new SeedIndex('').clusters(' hello there world', 1), []);
    assert.deepStrictEqual(new SeedIndex('short').clusters(' short text here', 1), []);
    // A text exactly one k-gram long, indexed at offset 0.
    assert.deepStrictEqual(new SeedIndex('abcdefghij').clusters('x abcdefghij', 1), [{ from: -2, to: -2, votes: 1 }]);
  });

  it('a phrase repeated more than 24 times casts no votes (unless the limit is raised); 24 times, it votes at every copy', () => {
    const r = new Rng(77);
    const phrase = 'of the United States and its territories';
    const build = (copies: number): { text: string; at: number[] } => {
      let text = filler(r, 500);
      const at: number[] = [];
      for (let i = 0; i < copies; i++) {
        text += ' ';
        at.push(text.length);
        text += phrase + ' ' + filler(r, 200);
      }
      return { text, at };
    };
    const pattern = ' ' + phrase;
    const seeds = seedOffsets(pattern).length;
    assert.ok(seeds >= 5);

    const many = build(MAX_OCCURRENCES + 1);
    const manyIndex = new SeedIndex(many.text);
    assert.deepStrictEqual(manyIndex.clusters(pattern, 1), []);
    // The limit can be raised for a second lookup (the optional third argument; 24 by default).
    assert.deepStrictEqual(manyIndex.clusters(pattern, 1, MAX_OCCURRENCES), []);
    assert.deepStrictEqual(
      manyIndex.clusters(pattern, 1, MAX_OCCURRENCES + 1),
      many.at.map((a) => ({ from: a - 1, to: a - 1, votes: seeds })),
    );

    const some = build(MAX_OCCURRENCES);
    const cs = new SeedIndex(some.text).clusters(pattern, 1);
    assertWellFormed(cs, 1);
    assert.deepStrictEqual(
      cs,
      some.at.map((a) => ({ from: a - 1, to: a - 1, votes: seeds })),
    );

    // A passage made of a unique sentence and the common phrase: only the unique part (and the k-grams that
    // straddle into the phrase) vote, at the passage's place.
    const unique = 'Zebra quorum vexes jumpy wizards ';
    const at = 1000;
    const text = many.text.slice(0, at) + ' ' + unique + phrase + many.text.slice(at);
    const passage = ' ' + unique + phrase;
    const phraseStart = 1 + unique.length;
    const expected = seedOffsets(passage).filter((j) => j < phraseStart || j + SEED_LENGTH > phraseStart + phrase.length).length;
    const found = new SeedIndex(text).clusters(passage, 1);
    assert.deepStrictEqual(found, [{ from: at, to: at, votes: expected }]);
    assert.ok(expected < seedOffsets(passage).length);
  });

  it('an insertion inside the passage spreads its cluster over both diagonals', () => {
    const insertAt = para.indexOf(' ', 100) + 1;
    const ins = 'inserted ';
    const text = head + para.slice(0, insertAt) + ins + para.slice(insertAt) + ' ' + tail;
    const cs = new SeedIndex(text).clusters(para, 1);
    assertWellFormed(cs, 1);
    assert.strictEqual(cs.length, 1, JSON.stringify(cs));
    assert.strictEqual(cs[0]!.from, head.length);
    assert.strictEqual(cs[0]!.to, head.length + ins.length);
    // Only the k-grams reaching across the insertion point are lost.
    const lost = seedOffsets(para).filter((j) => j < insertAt && j + SEED_LENGTH > insertAt).length;
    assert.strictEqual(cs[0]!.votes, seedOffsets(para).length - lost);
  });

  it('a deletion inside the passage spreads its cluster to smaller diagonals', () => {
    const delAt = para.indexOf(' ', 100) + 1;
    const delEnd = para.indexOf(' ', delAt) + 1;
    const text = head + para.slice(0, delAt) + para.slice(delEnd) + ' ' + tail;
    const cs = new SeedIndex(text).clusters(para, 1);
    assert.strictEqual(cs.length, 1, JSON.stringify(cs));
    assert.strictEqual(cs[0]!.from, head.length - (delEnd - delAt));
    assert.strictEqual(cs[0]!.to, head.length);
  });

  it('several small insertions chain into one cluster even when together they shift it far', () => {
    let text = para;
    // Three insertions of 20 characters each: 60 in all, but no gap between neighbouring diagonals exceeds 20.
    for (const frac of [0.75, 0.5, 0.25]) {
      const at = text.indexOf(' ', Math.floor(text.length * frac)) + 1;
      text = text.slice(0, at) + 'inserted words here ' + text.slice(at);
    }
    text = head + text + ' ' + tail;
    const cs = new SeedIndex(text).clusters(para, 1);
    assertWellFormed(cs, 1);
    assert.strictEqual(cs.length, 1, JSON.stringify(cs));
    assert.deepStrictEqual([cs[0]!.from, cs[0]!.to], [head.length, head.length + 60]);
  });

  it('a long insertion splits the passage into two places', () => {
    const insertAt = para.indexOf(' ', 120) + 1;
    const ins = filler(new Rng(5), 80).trimEnd() + ' ';
    const text = head + para.slice(0, insertAt) + ins + para.slice(insertAt) + ' ' + tail;
    const cs = new SeedIndex(text).clusters(para, 1);
    assertWellFormed(cs, 1);
    assert.strictEqual(cs.length, 2, JSON.stringify(cs));
    const sorted = [...cs].sort((a, b) => a.from - b.from);
    assert.deepStrictEqual([sorted[0]!.from, sorted[0]!.to], [head.length, head.length]);
    assert.deepStrictEqual([sorted[1]!.from, sorted[1]!.to], [head.length + ins.length, head.length + ins.length]);
    // The part with more seeds comes first.
    const before = seedOffsets(para).filter((j) => j + SEED_LENGTH <= insertAt).length;
    const after = seedOffsets(para).filter((j) => j >= insertAt).length;
    assert.strictEqual(cs[0]!.from, before >= after ? head.length : head.length + ins.length);
  });

  it('minVotes leaves out the places with fewer votes, and orders places by votes, then position', () => {
    // Copies of the paragraph cut short at different lengths get different numbers of votes; two equal copies tie.
    const r = new Rng(8);
    const a = para;
    const b = para.slice(0, para.indexOf(' ', 120));
    const c = para.slice(0, para.indexOf(' ', 60));
    const text = [filler(r, 300), c, filler(r, 300), b, filler(r, 300), a, filler(r, 300), c, filler(r, 300)].join(' ');
    const cAt = text.indexOf(c);
    const bAt = text.indexOf(b);
    const aAt = text.indexOf(a);
    const dAt = text.indexOf(c, aAt + a.length);
    assert.ok(cAt < bAt && bAt < aAt && aAt < dAt);
    const index = new SeedIndex(text);
    const all = index.clusters(para, 1);
    assertWellFormed(all, 1);
    assert.deepStrictEqual(
      all.map((x) => [x.from, x.to, x.votes]),
      [
        [aAt, aAt, seedOffsets(a).length],
        // The copies are cut before a space, and followed by one: a k-gram ending with that space still matches.
        [bAt, bAt, seedOffsets(b + ' ').length],
        [cAt, cAt, seedOffsets(c + ' ').length],
        [dAt, dAt, seedOffsets(c + ' ').length],
      ],
    );
    for (const minVotes of [0, 1, 2, all[2]!.votes, all[2]!.votes + 1, all[1]!.votes, all[0]!.votes, all[0]!.votes + 1, 1000]) {
      const got = index.clusters(para, minVotes);
      assertWellFormed(got, minVotes);
      assert.deepStrictEqual(got, all.filter((x) => x.votes >= minVotes), `minVotes ${minVotes}`);
    }
    assert.strictEqual(index.clusters(para, all[2]!.votes + 1).length, 2);
    assert.deepStrictEqual(index.clusters(para, all[0]!.votes + 1), []);
  });

  it('handles a pattern longer than 64 Ki characters', () => {
    const r = new Rng(21);
    const text = filler(r, 200_000);
    const at = text.indexOf(' ', 50_000) + 1;
    const pattern = text.slice(at - 1, at + 70_000);
    const cs = new SeedIndex(text).clusters(pattern, 2);
    assert.strictEqual(cs[0]!.from, at - 1);
    assert.strictEqual(cs[0]!.to, at - 1);
    assert.ok(cs[0]!.votes > 5_000);
  });

  it('indexes() tells whether the index was built for this text', () => {
    assert.strictEqual(movedIndex.indexes(moved), true);
    assert.strictEqual(movedIndex.indexes(moved.slice(0, -1) + moved.slice(-1)), true, 'an equal string built anew');
    assert.strictEqual(movedIndex.indexes(moved + ' '), false);
    assert.strictEqual(movedIndex.indexes(original), false);
    assert.strictEqual(new SeedIndex('').indexes(''), true);
    assert.strictEqual(new SeedIndex('').indexes(' '), false);
  });

  it('can be queried repeatedly with the same answers', () => {
    const index = new SeedIndex(moved);
    const first = index.clusters(para, 2);
    assert.deepStrictEqual(index.clusters(para, 2), first);
    assert.deepStrictEqual(index.clusters(para.slice(50, 150), 1)[0]!.from, movedAt + 50);
    assert.deepStrictEqual(index.clusters(para, 2), first);
    // Interleaved with lookups in another index (and a large one), answers do not leak between them.
    const other = new SeedIndex(original);
    const otherFirst = other.clusters(para, 2);
    assert.strictEqual(new SeedIndex(moved + moved).clusters(moved.slice(0, 20_000), 1).length > 0, true);
    assert.deepStrictEqual(index.clusters(para, 2), first);
    assert.deepStrictEqual(other.clusters(para, 2), otherFirst);
    assert.notDeepStrictEqual(first, otherFirst);
  });

  it('hasSeed: a word start after the first character with a whole k-gram after it', () => {
    assert.strictEqual(hasSeed(''), false);
    assert.strictEqual(hasSeed(' '), false);
    assert.strictEqual(hasSeed('abcdefghij'), false, 'offset 0 does not count');
    assert.strictEqual(hasSeed('abcdefghijklmnopqrstuvwxyz'), false, 'one long word');
    assert.strictEqual(hasSeed(' abcdefghi'), false, 'only 9 characters after the word start');
    assert.strictEqual(hasSeed(' abcdefghij'), true);
    assert.strictEqual(hasSeed('a bcdefghij'), false, '2 + 10 > 11');
    assert.strictEqual(hasSeed('a bcdefghijk'), true);
    assert.strictEqual(hasSeed('a bcd efghijk'), true, 'the k-gram may span words');
    assert.strictEqual(hasSeed('a          '), false, 'only whitespace after the space');
    assert.strictEqual(hasSeed('x\nabcdefghij'), true);
    assert.strictEqual(hasSeed('x\tabcdefghij'), true);
    assert.strictEqual(hasSeed('x\u00a0abcdefghij'), true);
    assert.strictEqual(hasSeed('x\r\nabcdefghij'), true);
    assert.strictEqual(hasSeed('x-abcdefghij'), false, 'punctuation does not start a word');
  });

  it('property: hasSeed(p) says whether p finds itself', () => {
    const unit = fc.constantFrom('a', 'b', 'c', 'd', ' ', '\n', '.');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (chars) => {
        const p = chars.join('');
        const self = new SeedIndex(p).clusters(p, 1);
        assert.strictEqual(hasSeed(p), seedOffsets(p).length > 0);
        assert.strictEqual(hasSeed(p), self.length > 0, JSON.stringify(p));
        if (self.length > 0) assert.ok(containing(self, 0), 'one of the places is offset 0');
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  const wordArb = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const sepArb = fc.constantFrom(' ', ' ', ' ', '\n', '  ', '\n\n');

  /** Text from words and whitespace runs, and a substring of at least 40 characters of it (start, length). */
  const textAndSub = (words: fc.Arbitrary<string[]>) =>
    fc
      .tuple(words, fc.array(sepArb, { minLength: 200, maxLength: 200 }), fc.nat(), fc.nat(), fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }))
      .filter(([ws]) => ws.join(' ').length >= 40)
      .map(([ws, seps, a, b, flips]) => {
        const text = ws.map((w, i) => w + seps[i % seps.length]!).join('');
        const len = 40 + (b % (text.length - 40 + 1));
        const start = a % (text.length - len + 1);
        // Re-wrap the substring: spaces and line breaks swapped here and there.
        const sub = Array.from(text.slice(start, start + len), (c, i) =>
          flips[i % flips.length] ? (c === ' ' ? '\n' : c === '\n' ? ' ' : c) : c,
        ).join('');
        return { text, start, sub };
      });

  it('property: any substring of ≥ 40 characters has a place containing its true start (distinct words)', () => {
    fc.assert(
      fc.property(textAndSub(fc.uniqueArray(wordArb, { minLength: 8, maxLength: 150 })), ({ text, start, sub }) => {
        const cs = new SeedIndex(text).clusters(sub, 1);
        assertWellFormed(cs, 1);
        assert.ok(containing(cs, start), `${JSON.stringify(cs)} should contain ${start}`);
        // With every word distinct, every seed votes only at the true start.
        assert.deepStrictEqual(cs, [{ from: start, to: start, votes: seedOffsets(sub).length }]);
      }),
      { seed: 20261128, numRuns: 150 },
    );
  });

  it('property: with repeated words (too few to exceed the cap), a place still contains the true start', () => {
    const vocabulary = fc.array(fc.constantFrom('the', 'of', 'and', 'state', 'federal', 'a', 'shall', 'agency'), {
      minLength: 8,
      maxLength: MAX_OCCURRENCES,
    });
    fc.assert(
      fc.property(textAndSub(vocabulary), ({ text, start, sub }) => {
        const cs = new SeedIndex(text).clusters(sub, 1);
        assertWellFormed(cs, 1);
        assert.ok(containing(cs, start), `${JSON.stringify(cs)} should contain ${start}`);
      }),
      { seed: 20261128, numRuns: 150 },
    );
  });

  it('property: the votes are exactly those of the documented rule, each inside one place', () => {
    const small = fc.array(fc.constantFrom('ab', 'abc', 'ba', 'cab', 'abcab', 'c'), { minLength: 5, maxLength: 300 });
    fc.assert(
      fc.property(
        small,
        fc.array(sepArb, { minLength: 1, maxLength: 50 }),
        fc.nat(),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 4 }),
        (ws, seps, a, len, minVotes) => {
          const text = ws.map((w, i) => w + seps[i % seps.length]!).join('');
          const start = a % (text.length + 1);
          const pattern = text.slice(start, start + len);
          const votes = referenceVotes(text, pattern);
          const all = new SeedIndex(text).clusters(pattern, 1);
          assertWellFormed(all, 1);
          assert.strictEqual(
            all.reduce((n, c) => n + c.votes, 0),
            votes.length,
          );
          for (const c of all) {
            const inside = votes.filter((d) => c.from <= d && d <= c.to);
            assert.strictEqual(inside.length, c.votes, JSON.stringify(c));
            assert.ok(inside.includes(c.from) && inside.includes(c.to), 'a place spans exactly its votes');
          }
          const some = new SeedIndex(text).clusters(pattern, minVotes);
          assert.deepStrictEqual(some, all.filter((c) => c.votes >= minVotes));
        },
      ),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('occurrences: every exact copy of a quote, through its rarest k-gram; undefined without a k-gram of its own', () => {
    const unit = 'the federal government shall review export controls. ';
    const text = 'Preface. ' + unit.repeat(30) + 'Annex: the federal government shall review export controls in 2026. ';
    const index = new SeedIndex(text);
    const quote = 'government shall review export';
    const expected: number[] = [];
    for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) expected.push(i);
    assert.strictEqual(expected.length, 31);
    assert.deepStrictEqual(index.occurrences(quote, 100), expected);
    assert.deepStrictEqual(index.occurrences(quote, 5), expected.slice(0, 5));
    assert.deepStrictEqual(index.occurrences('government shall review imports', 100), []);
    assert.strictEqual(index.occurrences('government', 100), undefined);
  });
});
