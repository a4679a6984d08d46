import * as assert from 'assert';
import { createSelectors, reanchor, reanchorAll } from '../../src/core/anchoring';
import { DisplacementHints } from '../../src/core/anchoring/reanchor';
import { resolveClaims } from '../../src/core/anchoring/anchorAll';
import { orphaned, type AnchorResult } from '../../src/core/anchoring/anchorResult';
import { lineAgrees } from '../../src/core/anchoring/lineContext';
import { prefixSimilarity, suffixSimilarity } from '../../src/core/anchoring/scoring';
import { actionHeadingBlocks, bulletBlocks, deleteBlocks, joinBlocks, pickDeleted, sectionBlocks, tableRowBlocks, type Block } from '../fixtures/anchoring/boilerplate';
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

describe('anchoring: look-alike blocks re-anchored together (issue 8, case 7)', function () {
  this.timeout(120_000);
  const varied = { varied: true, annotate: 'boilerplate' } as const;

  it('regression: after runs of deleted sections, a survivor whose next section is deleted too is orphaned', () => {
    // Sections 19–21 and 23 deleted: the median of the recent shifts lags three sections behind when section 25
    // is reached, and section 26 is deleted too, so its context breaks on that side. The last confident
    // annotation before it (section 24) and the next one after it (section 27) show how far it moved.
    const blocks = sectionBlocks(new Rng(8_016), 30, varied);
    const deleted = [0, 5, 10, 14, 15, 18, 19, 20, 22, 25];
    const { selectors, after } = documents(blocks, deleted);
    const rs = reanchorAll(after.text, selectors);
    const want = after.spans[24]!;
    assert.deepStrictEqual([rs[24]!.status, rs[24]!.start, rs[24]!.end], ['moved', want.start, want.end], `section 25: ${rs[24]!.status}`);
    assert.strictEqual(rs[25]!.status, 'orphaned', `deleted section 26: ${rs[25]!.status} at ${rs[25]!.start}`);
  });

  it('regression: after many deleted sections, a deleted one whose old position a later copy reached takes it from its owner', () => {
    // 300 sections, 100 deleted: section 59's sentence has come to about where section 39's was, and section
    // 39 (deleted) shares its topic line; only the shifts of the annotations around tell them apart.
    const rng = new Rng(8_007);
    const blocks = sectionBlocks(rng, 300, varied);
    const deleted = pickDeleted(rng, 300, 100);
    assert.ok(deleted.has(38) && !deleted.has(58));
    const { selectors, after } = documents(blocks, [...deleted]);
    const rs = reanchorAll(after.text, selectors);
    const want = after.spans[58]!;
    assert.deepStrictEqual([rs[58]!.start, rs[58]!.end], [want.start, want.end], `section 59: ${rs[58]!.status}`);
    assert.strictEqual(rs[38]!.status, 'orphaned', `deleted section 39: ${rs[38]!.status} at ${rs[38]!.start}`);
  });

  it('of two annotations claiming one span, the one whose own line is still around it keeps it', () => {
    // Section 25 deleted: its copy of the sentence, seen at section 24's, has the right section after it.
    const blocks = sectionBlocks(new Rng(12), 30, varied);
    const { selectors, after } = documents(blocks, [24]);
    const span = after.spans[23]!;
    const results: AnchorResult[] = [
      { status: 'moved', start: span.start, end: span.end, score: 0.85 },
      { status: 'moved', start: span.start, end: span.end, score: 0.9 },
    ];
    const two = [selectors[23]!, selectors[24]!];
    assert.ok(lineAgrees(after.text, two[0]!.quote, span.start, span.end));
    assert.ok(!lineAgrees(after.text, two[1]!.quote, span.start, span.end));
    resolveClaims(after.text, two, results, () => 0, () => orphaned(0));
    assert.deepStrictEqual(results.map((r) => r.status), ['moved', 'orphaned']);
  });

  it('of two annotations claiming one span, the one whose context agrees on both sides keeps it, even farther from its hint', () => {
    // Sections that differ only in their number (nothing else on the sentence's line): section 8's sentence
    // claimed by section 3's annotation, which a lagging hint puts nearer.
    const blocks = sectionBlocks(new Rng(13), 12, { varied: false, annotate: 'boilerplate' });
    const { selectors, after } = documents(blocks, [2, 3, 4, 5, 6]);
    const span = after.spans[7]!;
    const results: AnchorResult[] = [
      { status: 'moved', start: span.start, end: span.end, score: 0.8 },
      { status: 'moved', start: span.start, end: span.end, score: 0.95 },
    ];
    const distances = [0, 200];
    resolveClaims(after.text, [selectors[2]!, selectors[7]!], results, (i) => distances[i]!, () => orphaned(0));
    assert.deepStrictEqual(results.map((r) => r.status), ['orphaned', 'moved']);
  });
});
