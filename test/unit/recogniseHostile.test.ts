import * as assert from 'assert';
import { readFileSync } from 'fs';
import fc from 'fast-check';
import type { KnowledgePack } from '../../src/core/data/model';
import { headingCandidates, noiseLines } from '../../src/core/recognition/candidates';
import { endsWithDotLeader, markdownHeading } from '../../src/core/recognition/lineScan';
import { recognise } from '../../src/core/recognition/recognise';
import { bundledPack } from '../packFixture';
import { SAMPLE_US } from '../paths';

// The patterns these scanners replace (issue 13): cubic and quadratic on blank runs and dot leaders, so
// they only ever see short strings here, as the reference the scanners must agree with.
const OLD_MARKDOWN = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const OLD_DOT_LEADER = /(?:\.\s?){4,}\s*\d*\s*$|\s{2,}\d{1,3}\s*$/;

/** Short lines built from the characters that matter to the two patterns. */
const lineOf = (chars: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((a) => a.join(''));
const SEED = 20261202;

describe('hostile lines in recognition (issue 13)', function () {
  this.timeout(60_000);
  let pack: KnowledgePack;
  before(async () => (pack = await bundledPack()));

  for (const blanks of [3_000, 6_000]) {
    it(`ReDoS: a Markdown heading followed by ${blanks.toLocaleString('en')} blanks and a page number is still that heading`, () => {
      const line = `## Invest in Biosecurity${' '.repeat(blanks)}Page 3`;
      assert.deepStrictEqual(markdownHeading(line), { level: 2, inner: `Invest in Biosecurity${' '.repeat(blanks)}Page 3` });
      const closed = `# Title${' '.repeat(blanks)}##${'\t'.repeat(blanks)}`;
      assert.deepStrictEqual(markdownHeading(closed), { level: 1, inner: 'Title' });
      const [c] = headingCandidates([line], true);
      assert.strictEqual(c?.text, 'Invest in Biosecurity Page 3');
      assert.strictEqual(c?.style, 'markdown');
    });
  }

  it('ReDoS: the US study edition with a run of 6,000 blanks after every heading still yields all 34 provisions', () => {
    const text = readFileSync(SAMPLE_US, 'utf8')
      .split('\n')
      .map((l) => (/^#{1,6} /.test(l) ? `${l}${' '.repeat(6_000)}` : l))
      .join('\n');
    const r = recognise(text, pack, { markdown: true });
    assert.strictEqual(r.plan?.id, 'us-ai-action-plan-2025');
    assert.strictEqual(r.provisions.length, 34);
  });

  it('ReDoS: ". . . ." many times over is a dot leader only when it ends the line (with or without a page number)', () => {
    const dots = '. '.repeat(50_000);
    assert.strictEqual(endsWithDotLeader(`Invest in Biosecurity ${dots}`), true);
    assert.strictEqual(endsWithDotLeader(`Invest in Biosecurity ${dots}23`), true);
    assert.strictEqual(endsWithDotLeader(`Invest in Biosecurity ${dots}and more text`), false);
    assert.strictEqual(endsWithDotLeader(`${'.  '.repeat(50_000)}x`), false);
    const lines = ['Contents', `Invest in Biosecurity ${dots}23`, `A long sentence that happens to trail off ${dots}and goes on`];
    assert.deepStrictEqual([...noiseLines(lines)].sort(), [0, 1]);
  });

  it('ReDoS: one 5 MB line of dots, blanks or hashes is no plan and no heading', () => {
    for (const line of ['. '.repeat(2_500_000), `# ${' '.repeat(5_000_000)}x`, `Global AI Governance Action Plan ${'#'.repeat(5_000_000)}`]) {
      const r = recognise(line, pack);
      assert.strictEqual(r.plan, null);
    }
  });

  it('identify on one 20 MB line: a Markdown "heading" of a whole page is no heading candidate, a padded short one is', () => {
    const page = `# ${'word '.repeat(4_000_000)}`;
    assert.deepStrictEqual(headingCandidates([page], true), []);
    assert.strictEqual(recognise(page, pack, { markdown: true }).plan, null);
    assert.strictEqual(headingCandidates([`# Invest in Biosecurity${' '.repeat(100_000)}Page 3`], true).length, 1);
  });

  it('the Markdown heading scanner agrees with the pattern it replaces', () => {
    fc.assert(
      fc.property(lineOf([' ', '#', 'a', '\t', '\u00a0', '.']), (line) => {
        const m = OLD_MARKDOWN.exec(line);
        assert.deepStrictEqual(markdownHeading(line), m ? { level: m[1]!.length, inner: m[2]! } : undefined, JSON.stringify(line));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('the dot-leader scanner agrees with the pattern it replaces', () => {
    fc.assert(
      fc.property(lineOf(['.', ' ', '1', '2', 'a', '\t']), (line) => {
        assert.strictEqual(endsWithDotLeader(line), OLD_DOT_LEADER.test(line), JSON.stringify(line));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
