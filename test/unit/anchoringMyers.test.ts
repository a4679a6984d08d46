import * as assert from 'assert';
import approxSearch from 'approx-string-match';
import fc from 'fast-check';
import { anchoredDistance, anchoredDistanceTable } from '../../src/core/anchoring/editDistance';
import { CompiledPattern } from '../../src/core/anchoring/myers';

/** Texts over a small alphabet, so that approximate matches abound; long patterns span several 32-bit blocks. */
const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀', '中');
const str = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(''));

describe('anchoring: Myers search compiled once (myers.ts) gives exactly what approx-string-match gives', function () {
  this.timeout(60_000);

  it('on random texts, patterns, ranges and error limits', () => {
    fc.assert(
      fc.property(str(400), str(120), fc.nat(), fc.nat(), fc.nat({ max: 130 }), (text, pattern, a, b, maxErrors) => {
        const from = text.length ? a % (text.length + 1) : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        const compiled = new CompiledPattern(pattern);
        const expected = approxSearch(text.slice(from, to), pattern, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
        assert.deepStrictEqual(compiled.search(text, from, to, maxErrors), expected);
        // The same compiled pattern, used again (its buffers are reused).
        assert.deepStrictEqual(compiled.search(text, from, to, maxErrors), expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('on prose with edited copies of the pattern', () => {
    const words = 'the plan shall promote international cooperation on artificial intelligence open source models'.split(' ');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 20, maxLength: 300 }), fc.nat(), fc.integer({ min: 5, max: 200 }), fc.array(fc.nat(), { maxLength: 8 }), (ws, at, len, edits) => {
        const text = ws.join(' ');
        const start = at % Math.max(1, text.length - len);
        let pattern = text.slice(start, start + len);
        for (const e of edits) pattern = pattern.slice(0, e % (pattern.length + 1)) + 'x' + pattern.slice((e % (pattern.length + 1)) + (e % 2));
        const maxErrors = Math.floor(pattern.length * 0.3);
        const expected = approxSearch(text, pattern, maxErrors);
        assert.deepStrictEqual(new CompiledPattern(pattern).search(text, 0, text.length, maxErrors), expected.map((m) => ({ start: m.start, end: m.end, errors: m.errors })));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('anchoring: anchoredDistance by bit vectors gives what the dynamic programme gives', () => {
  it('for contexts of up to 32 characters, both directions, at every boundary', () => {
    fc.assert(
      fc.property(str(80), str(33), fc.nat(), fc.constantFrom(1 as const, -1 as const), (text, expected, a, dir) => {
        const at = a % (text.length + 1);
        assert.strictEqual(anchoredDistance(expected, text, at, dir), anchoredDistanceTable(expected, text, at, dir), JSON.stringify([expected, text, at, dir]));
      }),
      { numRuns: 20000 },
    );
  });
});
