import * as assert from 'assert';
import fc from 'fast-check';
import { sentenceAt } from '../../src/core/text/sentenceBounds';

/** The sentence around the first occurrence of `word`, as text. */
function around(text: string, word: string): string | undefined {
  const r = sentenceAt(text, text.indexOf(word) + 1);
  return r && text.slice(r.start, r.end);
}

describe('sentenceAt (Annotate with no selection)', () => {
  it('finds the sentence around the cursor, ending at its full stop', () => {
    const text = 'First point here. Second one, with a clause! Third?';
    assert.strictEqual(around(text, 'Second'), 'Second one, with a clause!');
    assert.strictEqual(around(text, 'First'), 'First point here.');
    assert.strictEqual(around(text, 'Third'), 'Third?');
  });

  it('does not end at abbreviations, initials, decimals or before a lower-case word', () => {
    const text = 'The U.S. plan (e.g. Sec. 4) costs 3.5 bn. per year in Art. 2 terms. Next.';
    assert.strictEqual(around(text, 'plan'), 'The U.S. plan (e.g. Sec. 4) costs 3.5 bn. per year in Art. 2 terms.');
  });

  it('keeps closing quotes with the sentence and stops at CJK full stops', () => {
    assert.strictEqual(around('He said "open models matter." Then left.', 'open'), 'He said "open models matter."');
    assert.strictEqual(around('发展人工智能。加强国际合作！', '加强'), '加强国际合作！');
  });

  it('stays inside its paragraph, heading or list item, without the marker', () => {
    const text = '## Pillar I\nOpen models are an asset\nfor innovation\n\n- Build capacity. Share data.\n11. Strengthen cooperation\n';
    assert.strictEqual(around(text, 'Pillar'), 'Pillar I');
    assert.strictEqual(around(text, 'innovation'), 'Open models are an asset\nfor innovation');
    assert.strictEqual(around(text, 'Share'), 'Share data.');
    assert.strictEqual(around(text, 'Build'), 'Build capacity.');
    assert.strictEqual(around(text, 'Strengthen'), 'Strengthen cooperation');
  });

  it('is undefined on a blank line or a bare marker', () => {
    assert.strictEqual(sentenceAt('One.\n\nTwo.', 5), undefined);
    assert.strictEqual(sentenceAt('- \n\nText', 1), undefined);
    assert.strictEqual(sentenceAt('', 0), undefined);
  });

  it('a cursor right after the full stop belongs to that sentence', () => {
    const text = 'Alpha beta. Gamma.';
    const r = sentenceAt(text, text.indexOf('.') + 1);
    assert.deepStrictEqual(r && text.slice(r.start, r.end), 'Alpha beta.');
  });

  it('regression: a text starting with a newline does not loop forever', () => {
    assert.strictEqual(sentenceAt('\nab', 2) && 'found', 'found');
  });

  it('property: the range is inside the text, trimmed, non-empty and within the cursor\'s block', () => {
    const alphabet = fc.constantFrom('a', 'B', ' ', '.', '!', '\n', '-', '#', '1', '"', '。', 'e.g.');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((p) => p.join('')), fc.nat(80), (text, raw) => {
        const offset = Math.min(raw, text.length);
        const r = sentenceAt(text, offset);
        if (!r) return;
        assert.ok(0 <= r.start && r.start < r.end && r.end <= text.length);
        const s = text.slice(r.start, r.end);
        assert.strictEqual(s, s.trim());
        assert.ok(!/\n[ \t]*\n/.test(s), 'no blank line inside');
        // The cursor's line overlaps the sentence's lines (it is not some other paragraph).
        const lineStart = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
        const lineEndRaw = text.indexOf('\n', offset);
        const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
        assert.ok(r.start <= lineEnd && r.end >= lineStart, `${JSON.stringify(text)} @${offset}`);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });
});
