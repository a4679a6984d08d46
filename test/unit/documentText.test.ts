import * as assert from 'assert';
import fc from 'fast-check';
import { decodeDocumentBytes, normalizeLineEnds } from '../../src/core/text/documentText';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];

describe('decodeDocumentBytes: the text VS Code holds', () => {
  it('drops a UTF-8 BOM (it shifted every CLI position by one)', () => {
    const d = decodeDocumentBytes(Uint8Array.from([...BOM, ...bytes('Title\nbody')]));
    assert.deepStrictEqual(d, { text: 'Title\nbody', bom: true, eol: '\n', normalized: false });
  });

  it('drops a second BOM too, as VS Code\'s decoder and then its text buffer each drop one', () => {
    assert.strictEqual(decodeDocumentBytes(Uint8Array.from([...BOM, ...BOM, ...bytes('x')])).text, 'x');
    assert.strictEqual(decodeDocumentBytes(Uint8Array.from([...BOM, ...BOM, ...BOM, ...bytes('x')])).text, '\ufeffx');
    assert.strictEqual(decodeDocumentBytes(bytes('a\ufeffb')).text, 'a\ufeffb', 'only at the start');
  });

  it('keeps the line end when there is only one kind', () => {
    assert.deepStrictEqual(normalizeLineEnds('a\r\nb\r\n'), { text: 'a\r\nb\r\n', bom: false, eol: '\r\n', normalized: false });
    assert.deepStrictEqual(normalizeLineEnds('a\nb'), { text: 'a\nb', bom: false, eol: '\n', normalized: false });
    assert.strictEqual(normalizeLineEnds('one line', false, '\r\n').eol, '\r\n', 'no line end: the default');
  });

  it('CR-only becomes CRLF (CR-containing ends are more than half)', () => {
    assert.deepStrictEqual(normalizeLineEnds('a\rb\rc'), { text: 'a\r\nb\r\nc', bom: false, eol: '\r\n', normalized: true });
  });

  it('mixed ends: CRLF only when more than half contain a CR; a tie goes to LF', () => {
    assert.strictEqual(normalizeLineEnds('a\rb\r\nc\nd').text, 'a\r\nb\r\nc\r\nd');
    assert.strictEqual(normalizeLineEnds('a\r\nb\nc').text, 'a\nb\nc', '1 of 2 is not more than half');
    assert.strictEqual(normalizeLineEnds('a\rb\nc\nd').text, 'a\nb\nc\nd');
  });

  it('for any text: one kind of line end after, and the same lines as before', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '😀')).map((a) => a.join('')), (raw) => {
        const d = normalizeLineEnds(raw);
        const ends = d.text.match(/\r\n|\r|\n/g) ?? [];
        assert.ok(ends.every((e) => e === d.eol), JSON.stringify(d.text));
        assert.deepStrictEqual(d.text.split(/\r\n|\r|\n/), raw.split(/\r\n|\r|\n/));
      }),
      { seed: 13, numRuns: 500 },
    );
  });
});
