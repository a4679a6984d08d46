import * as assert from 'assert';
import fc from 'fast-check';
import { decodeDocumentBytes, normalizeLineEnds } from '../../src/core/text/documentText';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];

describe('decodeDocumentBytes: the text VS Code holds', () => {
  it('drops a UTF-8 BOM (it shifted every CLI position by one)', () => {
    const d = decodeDocumentBytes(Uint8Array.from([...BOM, ...bytes('Title\nbody')]));
    assert.deepStrictEqual(d, { text: 'Title\nbody', bom: true, eol: '\n', normalized: false, encoding: 'utf8', binary: false });
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

describe('detectDocumentEncoding: VS Code\'s choice before any guessing', () => {
  const utf16 = (s: string, be: boolean, bom: boolean): Uint8Array => {
    const out: number[] = bom ? (be ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out.push(...(be ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8]));
    }
    return Uint8Array.from(out);
  };

  it('UTF-16 with a BOM, LE and BE: the text, not mojibake (the CLI read it as UTF-8)', () => {
    for (const be of [false, true]) {
      const d = decodeDocumentBytes(utf16('Title\r\nopen source 😀\r\n', be, true));
      assert.deepStrictEqual([d.text, d.encoding, d.bom, d.eol, d.binary], ['Title\r\nopen source 😀\r\n', be ? 'utf16be' : 'utf16le', true, '\r\n', false]);
    }
  });

  it('UTF-16 without a BOM, from where the zero bytes are', () => {
    assert.strictEqual(decodeDocumentBytes(utf16('plain ASCII text', false, false)).encoding, 'utf16le');
    assert.strictEqual(decodeDocumentBytes(utf16('plain ASCII text', true, false)).text, 'plain ASCII text');
  });

  it('zero bytes that fit no UTF-16 pattern: binary (VS Code does not open it as text)', () => {
    assert.strictEqual(decodeDocumentBytes(bytes('%PDF-1.7\n\u0000\u0000binary')).binary, true);
    assert.strictEqual(decodeDocumentBytes(Uint8Array.from([...BOM, 0x61, 0x00, 0x62, 0x00])).binary, true, 'a UTF-8 BOM does not exempt it');
    // Only the first 512 bytes are looked at.
    assert.strictEqual(decodeDocumentBytes(bytes(`${'a'.repeat(512)}\u0000`)).binary, false);
    assert.strictEqual(decodeDocumentBytes(bytes('ordinary text')).binary, false);
  });
});
