import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import {
  anchorCandidates,
  applyEdits,
  createSelectors,
  reanchor,
  reanchorAll,
  type Selectors,
  type TextEdit,
} from '../../src/core/anchoring';
import { editCharacters, pickPassage, Rng } from '../fixtures/anchoring/random';
import { CORPUS_US } from '../paths';
import { itWithShared } from '../shared';

const DOC = [
  'Pillar I: Accelerate AI Innovation',
  '',
  'To maintain global leadership in AI, America’s private sector must be unencumbered by bureaucratic red tape.',
  'The Federal government should not allow AI-related Federal funding to be directed toward states with',
  'burdensome AI regulations that waste these funds, but should also not interfere with states’ rights to pass',
  'prudent laws that are not unduly restrictive to innovation.',
  '',
  'Encourage Open-Source and Open-Weight AI',
  '',
  'Open-source and open-weight AI models are made freely available by developers for anyone in the world to',
  'download and modify. Models distributed this way have unique value for innovation because startups can use',
  'them flexibly without being dependent on a closed model provider.',
].join('\n');

function selectorsOf(text: string, quote: string, occurrence = 0): Selectors {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  assert.ok(start >= 0, `"${quote}" is in the text`);
  return createSelectors(text, start, start + quote.length);
}

describe('anchoring: selectors', () => {
  it('keeps the quote with 32 characters of context on each side, and the offsets', () => {
    const s = selectorsOf(DOC, 'private sector must be unencumbered');
    assert.strictEqual(s.quote.exact, 'private sector must be unencumbered');
    assert.strictEqual(s.quote.prefix.length, 32);
    assert.strictEqual(s.quote.suffix.length, 32);
    assert.ok(DOC.slice(0, s.position.start).endsWith(s.quote.prefix));
    assert.ok(DOC.slice(s.position.end).startsWith(s.quote.suffix));
    assert.strictEqual(DOC.slice(s.position.start, s.position.end), s.quote.exact);
  });

  it('cuts the context at the edges of the document and clamps offsets', () => {
    const s = createSelectors('short text here', 2, 7);
    assert.deepStrictEqual(s.quote, { exact: 'ort t', prefix: 'sh', suffix: 'ext here' });
    assert.deepStrictEqual(createSelectors('abc', 5, -3), {
      quote: { exact: 'abc', prefix: '', suffix: '' },
      position: { start: 0, end: 3 },
    });
  });

  it('never cuts the context inside a surrogate pair', () => {
    const text = 'x😀' + 'a'.repeat(31) + 'QUOTE' + 'b'.repeat(31) + '😀y';
    const start = text.indexOf('QUOTE');
    const s = createSelectors(text, start, start + 5);
    assert.strictEqual(s.quote.prefix, 'a'.repeat(31));
    assert.strictEqual(s.quote.suffix, 'b'.repeat(31));
  });
});

describe('anchoring: re-anchoring', () => {
  const quote = 'open-weight AI models are made freely available';

  it('exact: the quote is still at the position hint', () => {
    const s = selectorsOf(DOC, quote);
    assert.deepStrictEqual(reanchor(DOC, s), { status: 'exact', start: s.position.start, end: s.position.end, score: 1 });
  });

  it('moved: the unchanged quote is found after edits before it', () => {
    const s = selectorsOf(DOC, quote);
    const changed = DOC.replace('Pillar I: Accelerate AI Innovation', 'PILLAR ONE — ACCELERATE INNOVATION IN AMERICAN AI');
    const r = reanchor(changed, s);
    assert.strictEqual(r.status, 'moved');
    assert.strictEqual(changed.slice(r.start, r.end), quote);
    assert.ok(r.score > 0.9 && r.score <= 1);
  });

  it('moved: of several unchanged occurrences, the one in the remembered context, else the nearest', () => {
    const para = (n: number): string => `Paragraph ${n} says the same phrase here, then moves on to topic ${n}.\n`;
    const text = [1, 2, 3, 4, 5].map(para).join('');
    const third = selectorsOf(text, 'the same phrase', 2);
    // Shift everything: the contexts tell the occurrences apart even far from the hint.
    const shifted = 'A new introduction of some length. '.repeat(8) + text;
    const r = reanchor(shifted, third);
    assert.strictEqual(r.status, 'moved');
    assert.strictEqual(r.start, shifted.indexOf('Paragraph 3') + 'Paragraph 3 says '.length);
    // With identical contexts (a repeated line), the occurrence nearest the hint wins.
    const same = 'Repeated line of the report.\n'.repeat(6);
    const s = selectorsOf(same, 'line of the report', 3);
    const r2 = reanchor('xx' + same, s);
    assert.strictEqual(r2.status, 'moved');
    assert.strictEqual(r2.start, s.position.start + 2);
  });

  it('fuzzy: an edited quote is found, with its boundaries where the context fits', () => {
    const s = selectorsOf(DOC, quote);
    const edited = 'open weight AI models are being made freely avialable';
    const changed = 'New first line.\n' + DOC.replace(quote, edited);
    const r = reanchor(changed, s);
    assert.strictEqual(r.status, 'fuzzy');
    assert.strictEqual(changed.slice(r.start, r.end), edited);
    assert.ok(r.score >= 0.82 && r.score < 1, `score ${r.score}`);
  });

  it('fuzzy: a short edited quote is not hidden by an unedited look-alike next to it', () => {
    const text = 'Led by the Department of Labor (DOL), the Department of Commerce and others will act.';
    const s = selectorsOf(text, 'the Department', 0);
    const changed = text.replace('the Department of Labor', 'theeDepartment of Labor');
    const r = reanchor(changed, s);
    assert.strictEqual(r.status, 'fuzzy');
    assert.deepStrictEqual([r.start, r.end], [s.position.start, s.position.start + 'theeDepartment'.length]);
  });

  it('orphaned: the passage was deleted, and a look-alike elsewhere is not taken', () => {
    const s = selectorsOf(DOC, 'burdensome AI regulations that waste these funds');
    const changed = DOC.replace(/The Federal government should not[^]*?innovation\.\n/, '');
    const r = reanchor(changed + '\nSome burdensome AI regulation that wastes funds was mentioned.\n', s);
    assert.strictEqual(r.status, 'orphaned');
    assert.deepStrictEqual([r.start, r.end], [-1, -1]);
    assert.ok(r.score >= 0 && r.score < 0.82);
  });

  it('orphaned: a short common phrase in another context is a look-alike', () => {
    const s = selectorsOf(DOC, 'for innovation because');
    const changed =
      DOC.replace('have unique value for innovation because startups', 'are useful to startups') +
      '\nGood for innovation because of X.';
    assert.strictEqual(reanchor(changed, s).status, 'orphaned');
  });

  itWithShared([CORPUS_US], 'orphaned: far from its place, text that recurs in the same context (a page header) is ambiguous', () => {
    const body = (n: number): string => `sentence ${n} of the body text. `.repeat(60);
    const page = (n: number): string => `                    AMERICA’S AI ACTION PLAN\n\nText of page ${n}: ${body(n)}\n\n${n}\n\f`;
    const text = [1, 2, 3, 4, 5, 6, 7, 8].map(page).join('');
    const header = selectorsOf(text, 'AMERICA’S AI ACTION PLAN', 4);
    // From early on page 4 to late on page 5 is deleted: the other headers fit as well as each other, and
    // none of them is near the hint.
    const deleted = text.slice(0, text.indexOf(page(4)) + 100) + text.slice(text.indexOf(page(5)) + 1000);
    const r = reanchor(deleted, header);
    assert.strictEqual(r.status, 'orphaned');
    // With the header only edited in place, it is found there.
    const edited = text.replace(page(5), page(5).replace('AMERICA’S AI ACTION PLAN', 'AMERICA’S AI ACTON PLAN'));
    const r2 = reanchor(edited, header);
    assert.strictEqual(r2.status, 'fuzzy');
    assert.strictEqual(r2.start, header.position.start);
  });

  /** About 60 KB of the corpus's words in a seeded order: passages do not recur, and "far" is far. */
  function prose(seed: number, length = 60_000): string {
    const rng = new Rng(seed);
    const words = fs.readFileSync(CORPUS_US, 'utf8').split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z,.]*$/.test(w));
    const parts: string[] = [];
    for (let n = 0; n < length; ) {
      const w = rng.pick(words);
      parts.push(w);
      n += w.length + 1;
    }
    return parts.join(' ');
  }

  itWithShared([CORPUS_US], 'fuzzy: a quote 40% rewritten between an intact prefix and suffix is what lies between them', () => {
    const text = prose(21);
    const start = 30_000;
    const end = text.indexOf(' ', start + 90);
    const s = createSelectors(text, start, end);
    const old = text.slice(start, end);
    // Every other word replaced, from the second on, until 42% of the characters are: beyond the 30% of edits
    // an approximate search allows.
    const words = old.split(' ');
    let edits = 0;
    for (let i = 1; i < words.length && edits <= 0.42 * old.length; i += 2) {
      edits += words[i]!.length;
      words[i] = 'x'.repeat(words[i]!.length);
    }
    const rewritten = words.join(' ');
    assert.ok(edits > 0.3 * old.length && edits < 0.5 * old.length, `${edits} of ${old.length} characters edited`);
    const changed = text.slice(0, start) + rewritten + text.slice(end);
    const r = reanchor(changed, s);
    assert.strictEqual(r.status, 'fuzzy');
    assert.deepStrictEqual([r.start, r.end], [start, start + rewritten.length]);
    // Deleted with its context on one side: nothing is bracketed, so nothing is attached.
    const deleted = text.slice(0, start) + text.slice(end + 40);
    assert.strictEqual(reanchor(deleted, s).status, 'orphaned');
  });

  itWithShared([CORPUS_US], 'fuzzy: a long quote edited by 30–45%, one side of its context too, is attached where it was', () => {
    const text = prose(25);
    const start = text.indexOf(' ', 30_000) + 1;
    const end = text.indexOf(' ', start + 70);
    const s = createSelectors(text, start, end);
    const old = text.slice(start, end);
    // Two words in five replaced (beyond the 30% of edits an approximate search allows), and the first word
    // or two after the quote too.
    const rewritten = old
      .split(' ')
      .map((w, i) => (i % 5 === 1 || i % 5 === 3 ? 'q'.repeat(w.length) : w))
      .join(' ');
    const edits = [...old].filter((ch, i) => rewritten[i] !== ch).length;
    assert.ok(edits > 0.3 * old.length && edits < 0.45 * old.length, `${edits} of ${old.length} characters edited`);
    const after = text.slice(end, end + 12).replace(/[a-z]/g, 'z') + text.slice(end + 12, end + 40);
    const changed = text.slice(0, start) + rewritten + after + text.slice(end + 40);
    const r = reanchor(changed, s);
    assert.strictEqual(r.status, 'fuzzy', `score ${r.score}`);
    assert.deepStrictEqual([r.start, r.end], [start, start + rewritten.length]);
    // Deleted with what followed it, the prefix alone is left: the text after it is not taken for the quote.
    const deleted = text.slice(0, start) + text.slice(end + 200);
    assert.strictEqual(reanchor(deleted, s).status, 'orphaned');
  });

  itWithShared([CORPUS_US], 'fuzzy: at the very start or end of the text, with its context gone, an edited quote keeps both ends', () => {
    const text = prose(26, 20_000);
    const rng = new Rng(9);
    for (let t = 0; t < 40; t++) {
      // A quote near the start, everything before it then deleted; and one whose text after it is deleted.
      const start = text.indexOf(' ', rng.int(40, 300)) + 1;
      const end = text.indexOf(' ', start + rng.int(30, 120));
      const quote = text.slice(start, end);
      const edited = quote.replace(/[a-z]/, 'X');
      const first = reanchor(edited + text.slice(end), createSelectors(text, start, end));
      assert.deepStrictEqual([first.start, first.end], [0, edited.length], `first: ${quote}`);
      const at = text.length - 5_000 + rng.int(0, 1_000);
      const s2 = text.indexOf(' ', at) + 1;
      const e2 = text.indexOf(' ', s2 + rng.int(30, 120));
      const edited2 = text.slice(s2, e2).replace(/[a-z]/, 'X');
      const last = reanchor(text.slice(0, s2) + edited2, createSelectors(text, s2, e2));
      assert.deepStrictEqual([last.start, last.end], [s2, s2 + edited2.length], `last: ${text.slice(s2, e2)}`);
    }
  });

  itWithShared([CORPUS_US], 'fuzzy: a phrase inserted in the middle of a long quote is part of the span, not a cut', () => {
    const text = prose(27, 30_000);
    const rng = new Rng(10);
    for (let t = 0; t < 40; t++) {
      const start = text.indexOf(' ', rng.int(2_000, 25_000)) + 1;
      const end = text.indexOf(' ', start + rng.int(100, 200));
      const middle = text.indexOf(' ', start + ((end - start) >> 1));
      const phrase = ' and a phrase of some thirty-five ch';
      const changed = text.slice(0, middle) + phrase + text.slice(middle);
      const r = reanchorAll(changed, [createSelectors(text, start, end)])[0]!;
      assert.deepStrictEqual([r.start, r.end], [start, end + phrase.length], text.slice(start, end));
    }
  });

  itWithShared([CORPUS_US], 'moved: a passage moved far with its paragraph and edited is attached there', () => {
    const text = prose(22);
    const from = 5_000;
    const to = text.indexOf(' ', from + 600);
    const paragraph = text.slice(from, to);
    // Every word starting at a multiple of 7 loses its second letter.
    const edit = (t: string): string => t.replace(/\b(\w)\w(\w+)/g, (m, a: string, rest: string, at: number) => (at % 7 === 0 ? a + rest : m));
    const moved = text.slice(0, from) + text.slice(to, 50_000) + edit(paragraph) + text.slice(50_000);
    const quoteAt = (offset: number, length: number): Selectors => {
      const start = text.indexOf(' ', from + offset) + 1;
      return createSelectors(text, start, text.indexOf(' ', start + length));
    };
    const long = quoteAt(200, 120);
    const r = reanchor(moved, long);
    assert.notStrictEqual(r.status, 'orphaned', `score ${r.score}`);
    const newStart = moved.indexOf(edit(paragraph));
    assert.ok(r.start > newStart && r.end < newStart + paragraph.length, 'inside the moved paragraph');
    assert.ok(edit(paragraph) !== paragraph && moved.slice(r.start, r.end) !== long.quote.exact, 'edited');
    // A short quote from it, if attached, is attached there too.
    const short = quoteAt(300, 20);
    const rs = reanchor(moved, short);
    if (rs.status !== 'orphaned') assert.ok(rs.start > newStart && rs.end < newStart + paragraph.length);
  });

  itWithShared([CORPUS_US], 'moved: a long passage moved far and edited by a tenth is attached, a little below the minimum score', () => {
    const text = prose(28, 120_000);
    const start = text.indexOf(' ', 10_000) + 1;
    const end = text.indexOf(' ', start + 100);
    const s = createSelectors(text, start, end);
    const passage = text.slice(start - 40, end + 40);
    const quote = text.slice(start, end);
    // Every third word of the quote loses its first two letters: about a tenth of its characters.
    const edited = quote
      .split(' ')
      .map((w, i) => (i % 3 === 2 && w.length > 3 ? w.slice(2) : w))
      .join(' ');
    const movedPassage = passage.slice(0, 40) + edited + passage.slice(40 + quote.length);
    const without = text.slice(0, start - 40) + text.slice(end + 40);
    const at = without.indexOf(' ', 90_000);
    const moved = without.slice(0, at) + movedPassage + without.slice(at);
    const r = reanchor(moved, s);
    assert.notStrictEqual(r.status, 'orphaned', `score ${r.score}`);
    assert.deepStrictEqual([r.start, r.end], [at + 40, at + 40 + edited.length]);
    assert.ok(r.score < 0.82, `score ${r.score}: the far allowance is what attaches it`);
  });

  itWithShared([CORPUS_US], 'moved: of two copies far from the hint that fit as well, one many times nearer is taken', () => {
    const text = prose(23, 120_000);
    const start = 60_000;
    const end = text.indexOf(' ', start + 60);
    const s = createSelectors(text, start, end);
    const passage = text.slice(start - 40, end + 40);
    const without = text.slice(0, start - 40) + text.slice(end + 40);
    // One copy 3,000 characters after the old place, one 50,000 before: the near one is taken.
    const near = start + 3_000;
    const withCopies = (farAt: number): string =>
      without.slice(0, farAt) + passage + without.slice(farAt, near) + passage + without.slice(near);
    const r = reanchor(withCopies(10_000), s);
    assert.strictEqual(r.status, 'moved');
    assert.strictEqual(r.start, near + passage.length + 40);
    // With the other copy about as far (2,000 before the old place), it is a guess: orphaned.
    assert.strictEqual(reanchor(withCopies(start - 2_000), s).status, 'orphaned');
  });

  it('handles degenerate input: empty quote, quote longer than the text, hint outside the text', () => {
    const empty = createSelectors('abc def', 3, 3);
    assert.deepStrictEqual(reanchor('abc def', empty), { status: 'exact', start: 3, end: 3, score: 1 });
    assert.strictEqual(reanchor('xx abc def', empty).status, 'moved');
    assert.strictEqual(reanchor('nothing', empty).status, 'orphaned');
    const long = createSelectors(DOC, 0, DOC.length);
    assert.strictEqual(reanchor('tiny', long).status, 'orphaned');
    const s = selectorsOf(DOC, quote);
    const far: Selectors = { quote: s.quote, position: { start: 1e9, end: -4 } };
    const r = reanchor(DOC, far);
    assert.strictEqual(DOC.slice(r.start, r.end), quote);
    assert.strictEqual(reanchor('', s).status, 'orphaned');
  });

  it('anchorCandidates: proposes the look-alikes of an orphan, best first, without overlaps', () => {
    const s = selectorsOf(DOC, 'burdensome AI regulations that waste these funds');
    const changed =
      DOC.replace(/The Federal government should not[^]*?innovation\.\n/, '') +
      '\nSome burdensome AI regulation that wastes funds was mentioned.\nAnd burdensome rules that waste funds.\n';
    assert.strictEqual(reanchor(changed, s).status, 'orphaned');
    const candidates = anchorCandidates(changed, s, { limit: 3, maxErrorRatio: 0.5 });
    assert.ok(candidates.length >= 2);
    assert.ok(changed.slice(candidates[0]!.start, candidates[0]!.end).includes('burdensome AI regulation that wastes'));
    assert.strictEqual(candidates[0]!.status, 'fuzzy');
    for (const [i, c] of candidates.entries()) {
      if (i > 0) assert.ok(c.score <= candidates[i - 1]!.score);
      for (const o of candidates.slice(0, i)) assert.ok(c.end <= o.start || c.start >= o.end);
    }
    // An annotation still in place is its own first candidate.
    const here = selectorsOf(DOC, quote);
    assert.deepStrictEqual(anchorCandidates(DOC, here, { limit: 1 }), [reanchor(DOC, here)]);
  });

  itWithShared([CORPUS_US], 'reanchorAll: follows a large insertion by the displacement of the annotations before', () => {
    const text = fs.readFileSync(CORPUS_US, 'utf8');
    const rng = new Rng(3);
    const selectors = Array.from({ length: 200 }, () => {
      const { start, end } = pickPassage(rng, text, 20, 80);
      return createSelectors(text, start, end);
    });
    const inserted = 'A long new preface. '.repeat(3000) + text;
    const results = reanchorAll(inserted, selectors);
    for (const [i, r] of results.entries()) {
      assert.strictEqual(r.status, 'moved');
      assert.strictEqual(inserted.slice(r.start, r.end), selectors[i]!.quote.exact);
      assert.strictEqual(r.start, selectors[i]!.position.start + 60000);
    }
  });

  itWithShared([CORPUS_US], 'reanchorAll: an annotation in a moved paragraph does not send the ones after it where it went', () => {
    const text = prose(24, 200_000);
    const rng = new Rng(5);
    const starts = Array.from({ length: 60 }, (_, i) => text.indexOf(' ', 20_000 + i * 2_000 + rng.int(0, 500)) + 1);
    const selectors = starts.map((st) => createSelectors(text, st, text.indexOf(' ', st + 40)));
    // The paragraph holding annotation 10 goes 100,000 characters ahead; a look-alike of annotation 11 sits
    // right where annotation 10's displacement would send it.
    const p0 = starts[10]! - 100;
    const p1 = starts[10]! + 200;
    const dest = 150_000;
    const shift10 = dest - (p1 - p0) - p0;
    const lookAlikeAt = starts[11]! + shift10 - 32;
    const copy = text.slice(starts[11]! - 32, starts[11]! + selectors[11]!.quote.exact.length + 32);
    let moved = text.slice(0, p0) + text.slice(p1, dest) + text.slice(p0, p1) + text.slice(dest);
    moved = moved.slice(0, lookAlikeAt) + copy + moved.slice(lookAlikeAt);
    const results = reanchorAll(moved, selectors);
    const expected = (i: number): number => (i === 10 ? starts[10]! + shift10 : starts[i]! - (i > 10 ? p1 - p0 : 0));
    assert.strictEqual(moved.slice(starts[11]! + shift10, starts[11]! + shift10 + 40), selectors[11]!.quote.exact.slice(0, 40));
    for (const [i, r] of results.entries()) {
      assert.strictEqual(moved.slice(r.start, r.end), selectors[i]!.quote.exact, `annotation ${i}`);
      if (i !== 11 && i < 60) assert.strictEqual(r.start, expected(i), `annotation ${i}`);
    }
    assert.strictEqual(results[11]!.start, expected(11));
  });

  it('property: any result is well-formed, inside the text and consistent with its status', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '\n', 'é');
    const textArb = fc.array(alphabet, { maxLength: 300 }).map((a) => a.join(''));
    fc.assert(
      fc.property(textArb, textArb, fc.nat(), fc.nat(), fc.integer({ min: -50, max: 400 }), (original, changed, a, b, hint) => {
        const start = a % (original.length + 1);
        const end = start + (b % (original.length - start + 1));
        const s = createSelectors(original, start, end);
        const r = reanchor(changed, { quote: s.quote, position: { start: hint, end: hint + end - start } });
        assert.ok(r.score >= 0 && r.score <= 1);
        if (r.status === 'orphaned') assert.deepStrictEqual([r.start, r.end], [-1, -1]);
        else assert.ok(r.start >= 0 && r.start <= r.end && r.end <= changed.length);
        if (r.status === 'exact' || r.status === 'moved') assert.strictEqual(changed.slice(r.start, r.end), s.quote.exact);
        if (r.status === 'fuzzy') assert.notStrictEqual(changed.slice(r.start, r.end), s.quote.exact);
      }),
      { numRuns: 300 },
    );
  });

  it('property: after edits that leave a passage and its context alone, it is found exactly where they moved it', () => {
    // Random words, so that passages of 5+ words do not repeat.
    const words = ['policy', 'energy', 'chips', 'export', 'model', 'safety', 'open', 'grid', 'talent', 'science', 'data'];
    const textArb = fc.array(fc.constantFrom(...words), { minLength: 40, maxLength: 120 }).map((a) => a.join(' '));
    // [before the passage?, where, how much is deleted, what is inserted]
    const editArb = fc.tuple(fc.boolean(), fc.nat(), fc.nat(20), fc.constantFrom('', 'new ', 'words added '));
    fc.assert(
      fc.property(textArb, fc.nat(), fc.array(editArb, { maxLength: 6 }), (text, pick, raw) => {
        const wordStarts = [...text.matchAll(/\S+/g)].map((m) => m.index);
        const first = pick % (wordStarts.length - 6);
        const start = wordStarts[first]!;
        const end = wordStarts[first + 5]! - 1;
        const s = createSelectors(text, start, end);
        const protectedFrom = start - 40;
        const protectedTo = end + 40;
        // Edits before or after the protected zone, listed from the end backwards.
        const edits: TextEdit[] = raw
          .map(([before, at, len, insert]) => {
            const lo = before ? 0 : protectedTo;
            const hi = before ? Math.max(0, protectedFrom) : text.length;
            const from = lo + (hi > lo ? at % (hi - lo) : 0);
            return { start: from, end: Math.min(hi, from + len), text: insert };
          })
          .filter((e) => e.start <= e.end && (e.end <= Math.max(0, protectedFrom) || e.start >= protectedTo))
          .sort((x, y) => y.start - x.start)
          .filter((e, i, all) => i === 0 || e.end <= all[i - 1]!.start);
        const changed = applyEdits(text, edits);
        const shift = edits.filter((e) => e.end <= start).reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
        const r = reanchor(changed, s);
        assert.ok(r.status === 'exact' || r.status === 'moved', `${r.status}`);
        assert.strictEqual(r.start, start + shift);
        assert.strictEqual(r.end, end + shift);
      }),
      { numRuns: 300 },
    );
  });
});

describe('anchoring: re-anchoring 1,000 quotes on a 1 MB document', function () {
  // The speed is bench figure 3 (npm run bench -- reanchoring): no test asserts wall-clock time.

  /** About 1 MB of the corpus's words in a seeded random order: long passages do not repeat. */
  function megabyte(rng: Rng): string {
    const words = fs.readFileSync(CORPUS_US, 'utf8').split(/\s+/).filter(Boolean);
    const parts: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      const w = rng.pick(words);
      parts.push(rng.float() < 0.08 ? w + '\n' : w);
      length += w.length + 1;
    }
    return parts.join(' ');
  }

  itWithShared([CORPUS_US], 'finds most exact or moved after 200 small edits, all after a large insertion, and fuzzy ones edited by 20%', () => {
    const rng = new Rng(11);
    const text = megabyte(rng);
    const selectors = Array.from({ length: 1000 }, () => {
      const { start, end } = pickPassage(rng, text, 30, 80);
      return createSelectors(text, start, end);
    });
    const edits: TextEdit[] = Array.from({ length: 200 }, () => {
      const at = rng.int(0, text.length - 20);
      return { start: at, end: at + rng.int(0, 20), text: 'some inserted words '.slice(0, rng.int(0, 20)) };
    }).sort((a, b) => b.start - a.start);
    const changed = applyEdits(text, edits);

    const same = selectors.map((s) => reanchor(text, s));
    const one = selectors.map((s) => reanchor(changed, s));
    const all = reanchorAll(changed, selectors);
    const big = 'A new chapter of fifty thousand characters. '.repeat(1137) + changed;
    const shifted = reanchorAll(big, selectors);

    const edited = selectors.slice(0, 100);
    let fuzzyText = text;
    for (const p of edited.map((s) => s.position).sort((a, b) => b.start - a.start)) {
      const quote = editCharacters(rng, fuzzyText.slice(p.start, p.end), Math.floor((p.end - p.start) * 0.2));
      fuzzyText = fuzzyText.slice(0, p.start) + quote + fuzzyText.slice(p.end);
    }
    const fuzzy = edited.map((s) => reanchor(fuzzyText, s));

    assert.ok(same.every((r) => r.status === 'exact'));
    assert.ok(one.filter((r) => r.status === 'exact' || r.status === 'moved').length >= 950);
    assert.ok(all.filter((r) => r.status === 'exact' || r.status === 'moved').length >= 950);
    assert.ok(shifted.filter((r) => r.status !== 'orphaned').length >= 990);
    assert.ok(fuzzy.filter((r) => r.status === 'fuzzy').length >= 99);
  });
});
