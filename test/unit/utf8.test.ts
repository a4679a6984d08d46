import * as assert from 'assert';
import * as fc from 'fast-check';
import { utf8ByteLength } from '../../src/core/text/utf8';

describe('utf8ByteLength (the core has no Buffer)', () => {
  it('counts 1, 2, 3 and 4 bytes per character, and a lone surrogate as U+FFFD', () => {
    assert.deepStrictEqual(['a', 'é', '中', '😀', '\ud800', '\udc00x', ''].map(utf8ByteLength), [1, 2, 3, 4, 3, 4, 0]);
  });

  it('property: agrees with Node’s Buffer.byteLength on any string, lone surrogates included (fixed seed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)), maxLength: 8 }), (a, b) => {
        const s = a + b + a;
        return utf8ByteLength(s) === Buffer.byteLength(s, 'utf8');
      }),
      { seed: 8, numRuns: 1000 },
    );
  });
});
