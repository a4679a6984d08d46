import * as assert from 'assert';
import fc from 'fast-check';
import { LineIndex } from '../../src/core/text/lineIndex';

describe('LineIndex', () => {
  it('converts offsets to positions and back for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', 'é', '😀')).map((a) => a.join('')), fc.nat(), (text, n) => {
        const idx = new LineIndex(text);
        const offset = n % (text.length + 1);
        const pos = idx.positionAt(offset);
        const back = idx.offsetAt(pos);
        // Offsets inside a CRLF pair map to the end of the line; everywhere else the round trip is exact.
        if (!(text[offset - 1] === '\r' && text[offset] === '\n')) assert.strictEqual(back, offset);
        assert.ok(pos.line < idx.lineCount);
      }),
    );
  });

  it('reads lines without their line breaks', () => {
    const idx = new LineIndex('one\r\ntwo\nthree');
    assert.deepStrictEqual([0, 1, 2].map((l) => idx.lineText(l)), ['one', 'two', 'three']);
    assert.deepStrictEqual(idx.positionAt(5), { line: 1, character: 0 });
    assert.strictEqual(idx.offsetAt({ line: 2, character: 99 }), 14);
  });
});
