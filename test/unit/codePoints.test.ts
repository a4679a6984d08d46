import * as assert from 'assert';
import fc from 'fast-check';
import { snapToCodePoints, splitsSurrogatePair, validateSpan } from '../../src/core/text/codePoints';

const TEXT = 'ab😀cd'; // the emoji is two UTF-16 code units, at offsets 2 and 3

describe('spans that never split a surrogate pair (annotate could cut an emoji in two)', () => {
  it('knows the offset between the two halves of a pair', () => {
    assert.deepStrictEqual([0, 1, 2, 3, 4, 5, 6].map((o) => splitsSurrogatePair(TEXT, o)), [false, false, false, true, false, false, false]);
    assert.strictEqual(splitsSurrogatePair('\ud83d', 1), false, 'a lone high surrogate at the end');
    assert.strictEqual(splitsSurrogatePair('\ude00x', 0), false, 'a lone low surrogate at the start');
  });

  it('widens a span that starts or ends inside a pair to the whole character', () => {
    assert.deepStrictEqual(snapToCodePoints(TEXT, 3, 5), { start: 2, end: 5 });
    assert.deepStrictEqual(snapToCodePoints(TEXT, 0, 3), { start: 0, end: 4 });
    assert.deepStrictEqual(snapToCodePoints(TEXT, 3, 3), { start: 2, end: 4 });
    assert.deepStrictEqual(snapToCodePoints(TEXT, 1, 4), { start: 1, end: 4 });
  });

  it('validateSpan refuses with a reason and offers the widened span', () => {
    assert.strictEqual(validateSpan(TEXT, 0, 4), undefined);
    assert.deepStrictEqual(validateSpan(TEXT, 3, 5), { message: 'the span starts inside a character (a surrogate pair)', snapped: { start: 2, end: 5 } });
    assert.deepStrictEqual(validateSpan(TEXT, 0, 3)?.message, 'the span ends inside a character (a surrogate pair)');
    assert.deepStrictEqual(validateSpan('😀😀', 1, 3), { message: 'the span starts and ends inside a character (a surrogate pair)', snapped: { start: 0, end: 4 } });
    assert.match(validateSpan(TEXT, 4, 4)!.message, /empty/);
    assert.match(validateSpan(TEXT, 0, 99)!.message, /outside the text/);
    assert.match(validateSpan(TEXT, -1, 2)!.message, /outside the text/);
  });

  it('for any text and span: the snapped span is valid, contains the given one, and keeps whole characters', () => {
    const unit = fc.constantFrom('a', ' ', '😀', '𠀀', '\n', 'é');
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1 }).map((a) => a.join('')), fc.nat(), fc.nat(), (text, x, y) => {
        const [a, b] = [x % (text.length + 1), y % (text.length + 1)].sort((p, q) => p - q) as [number, number];
        if (a === b) return;
        const s = snapToCodePoints(text, a, b);
        assert.ok(s.start <= a && s.end >= b && s.end - s.start <= b - a + 2);
        assert.strictEqual(validateSpan(text, s.start, s.end), undefined);
        // The slice re-encodes to itself: no lone surrogate was made.
        const slice = text.slice(s.start, s.end);
        assert.strictEqual(Buffer.from(slice, 'utf8').toString('utf8'), slice);
      }),
      { seed: 13, numRuns: 500 },
    );
  });
});
