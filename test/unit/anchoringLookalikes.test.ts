import * as assert from 'assert';
import { createSelectors, reanchor, reanchorAll } from '../../src/core/anchoring';
import { DisplacementHints } from '../../src/core/anchoring/reanchor';
import { prefixSimilarity, suffixSimilarity } from '../../src/core/anchoring/scoring';
import { actionHeadingBlocks, bulletBlocks, deleteBlocks, joinBlocks, sectionBlocks, tableRowBlocks, type Block } from '../fixtures/anchoring/boilerplate';
import { Rng } from '../fixtures/anchoring/random';

/**
 * Issue 8, case 7, one rule at a time (the measured cases are in anchoringMeasure.test.ts): a deleted block of a
 * document of look-alike blocks must not attach to its neighbour.
 */

const HEAD = 'Recommendations of the working group.\n\n';
const TAIL = '\nThese measures take effect on enactment.\n';

function documents(blocks: readonly Block[], deleted: readonly number[]) {
  const before = joinBlocks(blocks, HEAD, TAIL);
  const selectors = before.spans.map((s) => createSelectors(before.text, s.start, s.end));
  const after = deleteBlocks(blocks, new Set(deleted), HEAD, TAIL);
  return { before, selectors, after };
}

describe('anchoring: look-alike blocks (issue 8, case 7)', function () {
  this.timeout(120_000);

  it('regression: repeated boilerplate — the quote at the hint is not exact when its context disagrees', () => {
    // Sections that differ only in their number: deleting section 5 puts section 6's sentence at its hint.
    const blocks = sectionBlocks(new Rng(1), 12, { varied: false, annotate: 'boilerplate' });
    const { selectors, after } = documents(blocks, [4]);
    const s = selectors[4]!;
    assert.ok(after.text.startsWith(s.quote.exact, s.position.start), 'the next section\'s copy is at the hint');
    const r = reanchor(after.text, s);
    assert.ok(r.status !== 'exact', `deleted section: ${r.status} ${r.score}`);
    assert.notStrictEqual(r.start, after.spans[5]!.start, 'not attached to the section that moved into its place');
  });

  it('a number of the remembered context missing makes that side disagree', () => {
    const text = 'Section 12. The Secretary shall report. Section 13. The Secretary shall report.';
    const s = createSelectors(text, 12, 38).quote;
    const copy = text.indexOf('The Secretary', 40);
    assert.strictEqual(prefixSimilarity(text, copy, s), 0);
    assert.ok(prefixSimilarity(text, 12, s) === 1 && suffixSimilarity(text, 38, s) === 1);
  });

  it('regression: a deleted "Action 5" heading attaches as fuzzy to "Action 6" (alone, without the others)', () => {
    const blocks = actionHeadingBlocks(new Rng(2), 8);
    for (let k = 0; k < blocks.length; k++) {
      const { selectors, after } = documents(blocks, [k]);
      const r = reanchor(after.text, selectors[k]!);
      assert.strictEqual(r.status, 'orphaned', `Action ${k + 1}: ${r.status} ${r.score.toFixed(3)} at ${r.start}`);
    }
  });

  it('regression: a deleted bullet or table row attaches to its neighbour (re-anchored together)', () => {
    for (const [name, blocks] of [['bullet', bulletBlocks(new Rng(3), 10)], ['row', tableRowBlocks(new Rng(4), 10)]] as const) {
      for (let k = 0; k < blocks.length; k++) {
        const { selectors, after } = documents(blocks, [k]);
        const rs = reanchorAll(after.text, selectors);
        rs.forEach((r, i) => {
          const want = after.spans[i];
          if (!want) assert.strictEqual(r.status, 'orphaned', `deleted ${name} ${k}: ${r.status} ${r.score.toFixed(3)}`);
          else assert.deepStrictEqual([r.start, r.end], [want.start, want.end], `${name} ${i} after deleting ${k}: ${r.status}`);
        });
      }
    }
  });

  it('a table row of 40+ characters whose neighbours were both deleted is still found: its numbers make it unique', () => {
    const blocks = tableRowBlocks(new Rng(5), 30);
    let checked = 0;
    for (let k = 1; k + 1 < blocks.length; k++) {
      if (blocks[k]!.end - blocks[k]!.start < 40) continue;
      const { selectors, after } = documents(blocks, [k - 1, k + 1]);
      const r = reanchor(after.text, selectors[k]!);
      assert.deepStrictEqual([r.start, r.end], [after.spans[k]!.start, after.spans[k]!.end], `row ${k}: ${r.status} ${r.score}`);
      checked++;
    }
    assert.ok(checked >= 5, `${checked} rows checked`);
  });

  it('only moves found in agreeing context guide the hints of the annotations after them', () => {
    const s = createSelectors('abc def ghi', 4, 7);
    const hints = new DisplacementHints();
    hints.record(s, { status: 'moved', start: 104, end: 107, score: 0.9 }, false);
    assert.deepStrictEqual(hints.hintsFor(s), []);
    hints.record(s, { status: 'moved', start: 104, end: 107, score: 0.9 }, true);
    assert.deepStrictEqual(hints.hintsFor(s), [104]);
  });

  it('two annotations of the same passage, or of overlapping passages, are not look-alikes of each other', () => {
    const text = 'Preamble. The Secretary shall report to the Congress each year. Closing words follow here.';
    const a = createSelectors(text, 10, 62);
    const b = createSelectors(text, 10, 31);
    const changed = 'New opening line. ' + text;
    const rs = reanchorAll(changed, [a, a, b]);
    assert.deepStrictEqual(rs.map((r) => r.start), [28, 28, 28]);
    assert.ok(rs.every((r) => r.status === 'moved'));
  });
});
