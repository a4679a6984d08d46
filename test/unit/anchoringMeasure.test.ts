import * as assert from 'assert';
import * as fs from 'fs';
import { createSelectors } from '../../src/core/anchoring/selectors';
import { reanchor, type AnchorResult } from '../../src/core/anchoring/reanchor';
import { editCharacters, editElsewhere, pickPassage, Rng } from '../fixtures/anchoring/random';
import { actionHeadingBlocks, bulletBlocks, pickDeleted, sectionBlocks, tableRowBlocks, type Block } from '../fixtures/anchoring/boilerplate';
import { emptyRates, measureBlocks, type BlockRates } from '../fixtures/anchoring/measureBlocks';
import { CORPUS_US, SAMPLE_CN, SAMPLE_US } from '../paths';
import { itWithShared } from '../shared';

/**
 * Measures re-anchoring after a document changed outside the editor, against the goals of issue 3:
 * ≥ 99% of 30+-character quotes and ≥ 98% of 12–30-character quotes with up to 20% of their characters
 * edited re-anchored correctly (both ends within ±5 characters of where the edited passage now is), and
 * ≤ 3% of annotations on deleted passages attached anywhere. Every trial also edits the rest of the document
 * (0–10 insertions, deletions and replacements of up to 80 characters), so quotes move too.
 */

interface Rates {
  trials: number;
  correct: number;
  statuses: Record<AnchorResult['status'], number>;
  ms: number;
}

interface DeletedRates {
  trials: number;
  attached: number;
  ms: number;
}

const TOLERANCE = 5;

function measureEdited(text: string, seed: number, trials: number, minLength: number, maxLength: number): Rates {
  const rng = new Rng(seed);
  const rates: Rates = { trials, correct: 0, statuses: { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 }, ms: 0 };
  for (let t = 0; t < trials; t++) {
    const { start, end } = pickPassage(rng, text, minLength, maxLength);
    const selectors = createSelectors(text, start, end);
    const budget = rng.int(1, Math.max(1, Math.floor((end - start) * 0.2)));
    const quote = editCharacters(rng, text.slice(start, end), budget);
    const before = editElsewhere(rng, text.slice(0, start), rng.int(0, 5), text);
    const after = editElsewhere(rng, text.slice(end), rng.int(0, 5), text);
    const changed = before + quote + after;
    const t0 = performance.now();
    const result = reanchor(changed, selectors);
    rates.ms += performance.now() - t0;
    rates.statuses[result.status]++;
    const expectedStart = before.length;
    const expectedEnd = before.length + quote.length;
    if (
      result.status !== 'orphaned' &&
      Math.abs(result.start - expectedStart) <= TOLERANCE &&
      Math.abs(result.end - expectedEnd) <= TOLERANCE
    ) {
      rates.correct++;
    }
  }
  return rates;
}

function measureDeleted(text: string, seed: number, trials: number, minLength: number, maxLength: number): DeletedRates {
  const rng = new Rng(seed);
  const rates: DeletedRates = { trials, attached: 0, ms: 0 };
  for (let t = 0; t < trials; t++) {
    const { start, end } = pickPassage(rng, text, minLength, maxLength);
    const selectors = createSelectors(text, start, end);
    // The deleted passage: the annotated text and 0–200 characters on each side of it.
    const from = Math.max(0, start - rng.int(0, 200));
    const to = Math.min(text.length, end + rng.int(0, 200));
    const before = editElsewhere(rng, text.slice(0, from), rng.int(0, 5), text);
    const after = editElsewhere(rng, text.slice(to), rng.int(0, 5), text);
    const t0 = performance.now();
    const result = reanchor(before + after, selectors);
    rates.ms += performance.now() - t0;
    if (result.status !== 'orphaned') rates.attached++;
  }
  return rates;
}

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(2)}%`;

function report(label: string, r: Rates): void {
  const s = r.statuses;
  console.log(
    `      ${label}: ${pct(r.correct, r.trials)} correct (${r.correct}/${r.trials}; exact ${s.exact}, moved ${s.moved}, ` +
      `fuzzy ${s.fuzzy}, orphaned ${s.orphaned}; ${(r.ms / r.trials).toFixed(2)} ms/quote)`,
  );
}

function reportDeleted(label: string, r: DeletedRates): void {
  const ms = (r.ms / r.trials).toFixed(2);
  console.log(`      ${label}: ${pct(r.attached, r.trials)} attached (${r.attached}/${r.trials}; ${ms} ms/quote)`);
}

describe('anchoring: re-anchoring rates after random edits (measured)', function () {
  this.timeout(600_000); // thousands of re-anchorings: minutes on a busy CI machine

  const documents: Array<{ name: string; path: string; trials: number }> = [
    { name: 'corpus us-ai-action-plan-2025.pdftotext-layout.txt', path: CORPUS_US, trials: 1000 },
    { name: 'sample us-ai-action-plan-2025.policy.md', path: SAMPLE_US, trials: 500 },
    { name: 'sample cn-global-ai-governance-2025.txt', path: SAMPLE_CN, trials: 500 },
  ];

  for (const [index, doc] of documents.entries()) {
    itWithShared([doc.path], `meets the goals on the ${doc.name}`, () => {
      const text = fs.readFileSync(doc.path, 'utf8');
      const seed = 20250723 + index * 1000;
      const long = measureEdited(text, seed + 1, doc.trials, 30, 160);
      const short = measureEdited(text, seed + 2, doc.trials, 12, 29);
      const deletedLong = measureDeleted(text, seed + 3, Math.round(doc.trials / 2), 30, 160);
      const deletedShort = measureDeleted(text, seed + 4, Math.round(doc.trials / 2), 12, 29);
      console.log(`    ${doc.name} (${text.length} characters):`);
      report('30+ chars, ≤ 20% edited', long);
      report('12–29 chars, ≤ 20% edited', short);
      reportDeleted('deleted passages, 30+ chars', deletedLong);
      reportDeleted('deleted passages, 12–29 chars', deletedShort);
      assert.ok(long.correct / long.trials >= 0.99, `30+ chars: ${pct(long.correct, long.trials)} < 99%`);
      assert.ok(short.correct / short.trials >= 0.98, `12–29 chars: ${pct(short.correct, short.trials)} < 98%`);
      const deleted = deletedLong.attached + deletedShort.attached;
      const deletedTrials = deletedLong.trials + deletedShort.trials;
      assert.ok(deleted / deletedTrials <= 0.03, `deleted passages: ${pct(deleted, deletedTrials)} attached > 3%`);
    });
  }
});

/**
 * Issue 8, case 7: documents of look-alike blocks (numbered sections repeating one boilerplate sentence,
 * bullet items, table rows, "Action N" headings), every block annotated, some deleted. Goal: no annotation of
 * a deleted block attached anywhere, every survivor at its own block, when re-anchored all together (as a load
 * or reload does: reanchorAll). One at a time (`reanchor` alone) is reported, not asserted: without the other
 * annotations a deleted section's sentence and its neighbour's copy can be told apart only by position.
 * Where the goal is not reached yet, `reached` holds today's counts (deleted attached, survivors wrong) as a
 * bound that must not get worse.
 */
describe('anchoring: look-alike blocks, some deleted (issue 8, case 7; measured)', function () {
  this.timeout(300_000);

  function reportBlocks(label: string, r: BlockRates): void {
    console.log(
      `      ${label}: deleted attached ${r.deletedAttached}/${r.deleted}, survivors wrong ${r.survivorsWrong}/${r.survivors}` +
        (r.examples.length ? ` (${r.examples.join('; ')})` : ''),
    );
  }

  function assertGoal(label: string, r: BlockRates, reached: readonly [number, number] = [0, 0]): void {
    assert.ok(r.deletedAttached <= reached[0], `${label}: ${r.deletedAttached} annotations of deleted blocks attached (${r.examples.join('; ')})`);
    assert.ok(r.survivorsWrong <= reached[1], `${label}: ${r.survivorsWrong} survivors not at their own block (${r.examples.join('; ')})`);
  }

  type Reached = Partial<Record<number, readonly [number, number]>>;
  const sectionCases: Array<{ name: string; varied: boolean; annotate: 'boilerplate' | 'heading'; reached: Reached }> = [
    { name: 'sections with titles, boilerplate annotated', varied: true, annotate: 'boilerplate', reached: { 300: [3, 3] } },
    { name: 'sections that differ only in their number, boilerplate annotated', varied: false, annotate: 'boilerplate', reached: { 30: [2, 2] } },
    { name: 'sections with titles, headings annotated', varied: true, annotate: 'heading', reached: { 30: [0, 1], 300: [0, 4] } },
  ];
  for (const [k, c] of sectionCases.entries()) {
    for (const [total, gone] of [[30, 10], [300, 100]] as const) {
      it(`${c.name}: ${total} blocks, ${gone} deleted`, () => {
        const rates = { all: emptyRates(), one: emptyRates() };
        for (let trial = 0; trial < (total > 100 ? 2 : 10); trial++) {
          const rng = new Rng(8_007 + 100 * k + trial);
          const blocks = sectionBlocks(rng, total, c);
          const deleted = pickDeleted(rng, total, gone);
          measureBlocks(blocks, deleted, 'all', rates.all, 'Title. An Act to provide for reports.\n\n');
          measureBlocks(blocks, deleted, 'one', rates.one, 'Title. An Act to provide for reports.\n\n');
        }
        reportBlocks('all together', rates.all);
        reportBlocks('one at a time (not asserted)', rates.one);
        assertGoal('all together', rates.all, c.reached[total]);
      });
    }
  }

  const itemCases: Array<{ name: string; make: (rng: Rng, n: number) => Block[] }> = [
    { name: 'a deleted bullet item', make: bulletBlocks },
    { name: 'a deleted table row', make: tableRowBlocks },
    { name: 'a deleted "Action N" heading with its section', make: actionHeadingBlocks },
  ];
  for (const [k, c] of itemCases.entries()) {
    it(`${c.name} is orphaned, its neighbours stay`, () => {
      const rates = { all: emptyRates(), one: emptyRates() };
      for (let trial = 0; trial < 5; trial++) {
        const rng = new Rng(8_107 + 100 * k + trial);
        const blocks = c.make(rng, 12);
        const head = 'Recommendations of the working group.\n\n';
        const tail = '\nThese measures take effect on enactment.\n';
        for (let i = 0; i < blocks.length; i++) {
          measureBlocks(blocks, new Set([i]), 'all', rates.all, head, tail);
          measureBlocks(blocks, new Set([i]), 'one', rates.one, head, tail);
        }
        const several = pickDeleted(rng, blocks.length, 4);
        measureBlocks(blocks, several, 'all', rates.all, head, tail);
        measureBlocks(blocks, several, 'one', rates.one, head, tail);
      }
      reportBlocks('all together', rates.all);
      reportBlocks('one at a time (not asserted)', rates.one);
      assertGoal('all together', rates.all);
    });
  }
});
