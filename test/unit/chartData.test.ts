import * as assert from 'assert';
import * as fc from 'fast-check';
import { readFileSync } from 'fs';
import { codeCounts } from '../../src/core/charts/codeCounts';
import { compareData, passagesBehind } from '../../src/core/charts/compareCharts';
import { cooccurrence } from '../../src/core/charts/cooccurrence';
import type { AnnotatedDocument, PlacedAnnotation } from '../../src/core/charts/passages';
import { countWords, per1000, themeFrequencies } from '../../src/core/charts/themeFrequencies';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { bundledPack } from '../packFixture';
import { SAMPLE_CN, SAMPLE_US } from '../paths';

const placed = (id: string, start: number, end: number, ...codes: string[]): PlacedAnnotation => ({ id, start, end, codes });
const doc = (document: string, annotations: PlacedAnnotation[], text = 'abcdefghij'.repeat(10)): AnnotatedDocument => ({ document, label: document, text, annotations });
const known = [
  { id: 'a', label: 'Alpha' },
  { id: 'b', label: 'Beta' },
  { id: 'c', label: 'Gamma' },
];

describe('charts: theme frequencies per plan', () => {
  it('counts words as report always has (letters and digits, inner apostrophes and hyphens)', () => {
    assert.strictEqual(countWords("Open-source models, the plan's 2025 goals — and   more."), 8);
    assert.strictEqual(countWords(''), 0);
    assert.strictEqual(per1000(3, 1400), 2.1);
    assert.strictEqual(per1000(5, 0), 0);
  });

  it('counts every themed phrase of the matcher, per plan, and per 1,000 words', async () => {
    const pack = await bundledPack();
    const us = readFileSync(SAMPLE_US, 'utf8');
    const cn = readFileSync(SAMPLE_CN, 'utf8');
    const extra = '\n\nOpen source matters. Open-source tools and open source communities.\n';
    const f = themeFrequencies(pack, [
      { document: 'us.md', label: 'us.md', text: us, markdown: true },
      { document: 'cn.txt', label: 'cn.txt', text: cn, markdown: false },
      { document: 'us-more.md', label: 'us-more.md', text: us + extra, markdown: true },
      { document: 'notes.txt', label: 'notes.txt', text: 'Nothing to see here.', markdown: false },
    ]);
    assert.deepStrictEqual(f.plans.map((p) => p.plan), ['cn-global-ai-governance-2025', 'us-ai-action-plan-2025']);
    assert.deepStrictEqual(f.unrecognised, ['notes.txt']);
    const usPlan = f.plans[1]!;
    assert.deepStrictEqual(usPlan.documents, ['us.md', 'us-more.md']);
    assert.strictEqual(usPlan.words, 2 * countWords(us) + countWords(extra));
    const matcher = new ThemeMatcher(pack.themes);
    const once = matcher.matchText(us).filter((m) => m.themeId === 'open-source').length;
    const open = usPlan.themes.find((t) => t.theme === 'open-source')!;
    assert.strictEqual(open.count, 2 * once + 3, 'the three phrases added are counted');
    assert.strictEqual(open.per1000, Math.round((open.count * 10000) / usPlan.words) / 10);
    assert.strictEqual(usPlan.themes.length, pack.themes.length, 'every theme, zeros included');
    // The passages behind the bar are the matches themselves, in document order.
    const passages = f.passages('us-ai-action-plan-2025', 'open-source');
    assert.strictEqual(passages.length, open.count);
    const last = passages[passages.length - 1]!;
    assert.strictEqual(last.document, 'us-more.md');
    assert.match((us + extra).slice(last.start, last.end).toLowerCase(), /^open source/);
    assert.deepStrictEqual(f.passages('us-ai-action-plan-2025', 'no-such-theme'), []);
  });

  it('keeps no passages when asked not to (the CLI table)', async () => {
    const pack = await bundledPack();
    const f = themeFrequencies(pack, [{ document: 'us.md', label: 'us.md', text: readFileSync(SAMPLE_US, 'utf8'), markdown: true }], { passages: false });
    assert.ok(f.plans[0]!.themes.some((t) => t.count > 0));
    assert.deepStrictEqual(f.passages('us-ai-action-plan-2025', 'open-source'), []);
  });
});

describe('charts: codes per document', () => {
  it('counts annotations per code, a code twice on one annotation once; unknown codes last, by id', () => {
    const c = codeCounts(
      [doc('d1', [placed('x1', 30, 40, 'b'), placed('x2', 0, 10, 'b', 'b', 'zz'), placed('x3', 50, 60, 'a')]), doc('d2', []), doc('d3', [placed('y1', 0, 5, 'yy')])],
      known,
    );
    assert.deepStrictEqual(c.codes.map((k) => k.id), ['a', 'b', 'yy', 'zz']);
    assert.deepStrictEqual(c.codes.find((k) => k.id === 'zz')!.label, 'zz');
    assert.deepStrictEqual(c.documents.map((d) => d.document), ['d1', 'd3'], 'documents without annotations are left out');
    assert.deepStrictEqual(c.documents[0]!.counts, [
      { code: 'a', count: 1 },
      { code: 'b', count: 2 },
      { code: 'zz', count: 1 },
    ]);
    const behind = c.passages('d1', 'b');
    assert.deepStrictEqual(behind.map((p) => [p.start, p.end, p.annotations]), [[0, 10, ['x2']], [30, 40, ['x1']]], 'in document order');
    assert.strictEqual(behind[0]!.excerpt, 'abcdefghij');
  });
});

describe('charts: code co-occurrence', () => {
  // A [0,10) a · B [5,15) b · E [10,12) c (touches A, overlaps B) · C [20,30) a+b · D [40,50) c
  const docs = [doc('d', [placed('A', 0, 10, 'a'), placed('B', 5, 15, 'b'), placed('E', 10, 12, 'c'), placed('C', 20, 30, 'a', 'b'), placed('D', 40, 50, 'c')])];

  it('counts overlapping annotations per pair of codes, annotations per code on the diagonal', () => {
    const m = cooccurrence(docs, known);
    assert.deepStrictEqual(m.codes.map((c) => c.id), ['a', 'b', 'c']);
    assert.deepStrictEqual(m.counts, [
      [2, 2, 0],
      [2, 2, 1],
      [0, 1, 2],
    ]);
  });

  it('lists the passages behind a cell: each overlap, or the annotation that has both codes', () => {
    const m = cooccurrence(docs, known);
    assert.deepStrictEqual(m.passages(0, 1).map((p) => [p.start, p.end, p.annotations]), [[5, 10, ['A', 'B']], [20, 30, ['C']]]);
    assert.deepStrictEqual(m.passages(1, 0), m.passages(0, 1), 'the same passages either way round');
    assert.deepStrictEqual(m.passages(1, 2).map((p) => [p.start, p.end]), [[10, 12]]);
    assert.deepStrictEqual(m.passages(0, 2), []);
    assert.deepStrictEqual(m.passages(2, 2).map((p) => p.annotations), [['E'], ['D']]);
  });

  it('is symmetric and equals the count over every pair of annotations (property, fixed seed)', () => {
    const ann = fc.record({ start: fc.nat(60), length: fc.nat(25), codes: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(ann, { maxLength: 25 }), (raw) => {
        const annotations = raw.map((r, i) => placed(`n${i}`, r.start, r.start + r.length, ...r.codes));
        const m = cooccurrence([doc('d', annotations)], known);
        const ids = m.codes.map((c) => c.id);
        for (let i = 0; i < ids.length; i++) {
          for (let j = 0; j < ids.length; j++) {
            assert.strictEqual(m.counts[i]![j], m.counts[j]![i]);
            // Brute force: every unordered pair of non-empty annotations (an annotation with itself included).
            let expected = 0;
            const live = annotations.filter((a) => a.end > a.start);
            for (let p = 0; p < live.length; p++) {
              for (let q = p; q < live.length; q++) {
                const a = live[p]!;
                const b = live[q]!;
                if (i === j) {
                  if (p === q && a.codes.includes(ids[i]!)) expected++;
                  continue;
                }
                const overlap = a.start < b.end && b.start < a.end;
                const has = (x: PlacedAnnotation, k: number): boolean => x.codes.includes(ids[k]!);
                if (overlap && ((has(a, i) && has(b, j)) || (has(a, j) && has(b, i)))) expected++;
              }
            }
            assert.strictEqual(m.counts[i]![j], expected, `${ids[i]}×${ids[j]}`);
            assert.strictEqual(m.passages(i, j).length, expected, 'one passage per counted pair');
          }
        }
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});

describe('charts: the passages behind what the webview names', () => {
  it('finds them by chart and keys, and nothing for keys it does not know', async () => {
    const pack = await bundledPack();
    const d = compareData(pack, [], docs(), [...known.map((k) => ({ ...k, source: 'codebook' as const }))]);
    assert.strictEqual(passagesBehind(d, 'codes', 'd', 'a').length, 1);
    assert.strictEqual(passagesBehind(d, 'cooccurrence', '0', '1').length, 1);
    for (const [chart, a, b] of [['cooccurrence', '9', '0'], ['cooccurrence', '-1', '0'], ['cooccurrence', '0x1', '0'], ['themes', 'x', 'y'], ['other', 'd', 'a'], ['codes', '__proto__', 'a']]) {
      assert.deepStrictEqual(passagesBehind(d, chart!, a!, b!), [], `${chart} ${a} ${b}`);
    }
  });
  const docs = () => [doc('d', [placed('A', 0, 10, 'a', 'b')])];
});
