import * as assert from 'assert';
import { readFileSync } from 'fs';
import type { KnowledgePack } from '../../src/core/data/model';
import { provisionAt, recognise } from '../../src/core/recognition/recognise';
import { headingTokens, numberValue, tokenSimilarity } from '../../src/core/recognition/headingText';
import { bundledPack } from '../packFixture';
import { CORPUS_US, SAMPLE_CN, SAMPLE_US } from '../paths';
import { itWithShared } from '../shared';

const US = 'us-ai-action-plan-2025';
const CN = 'cn-global-ai-governance-2025';
const squash = (s: string): string => s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();

describe('plan and provision recognition', function () {
  this.timeout(60_000); // generous: a busy machine must not fail it (issue 13 item 10)
  let pack: KnowledgePack;
  before(async () => (pack = await bundledPack()));

  itWithShared([CORPUS_US], 'finds all 34 entries of the US plan in the PDF conversion, after its table of contents', () => {
    const text = readFileSync(CORPUS_US, 'utf8');
    const r = recognise(text, pack);
    assert.strictEqual(r.plan?.id, US);
    assert.ok(r.score > 0.8, `score ${r.score}`);
    const ids = r.provisions.map((p) => p.provision.id);
    assert.deepStrictEqual(ids, pack.plan(US)!.provisions.map((p) => p.id));
    const lines = text.split('\n');
    const tocEnd = lines.findIndex((l) => /Invest in Biosecurity \.{3,}/.test(l));
    assert.ok(tocEnd > 0);
    for (const lp of r.provisions) {
      assert.ok(lp.range.start.line > tocEnd, `${lp.provision.id} starts after the table of contents (line ${lp.range.start.line})`);
      // The heading's first words are on the provision's first line (a two-line heading continues below).
      const firstWords = squash(lp.provision.heading).split(' ').slice(0, 3).join(' ');
      assert.ok(squash(lines[lp.range.start.line]!).includes(firstWords), `${lp.provision.id} at line ${lp.range.start.line}: ${lines[lp.range.start.line]}`);
    }
    // Ranges: siblings in order and disjoint; sections inside their pillar.
    const byId = new Map(r.provisions.map((p) => [p.provision.id, p]));
    for (const lp of r.provisions) {
      const parent = lp.provision.parent ? byId.get(lp.provision.parent)! : undefined;
      if (parent) assert.ok(parent.range.start.line < lp.range.start.line && lp.range.end.line <= parent.range.end.line, `${lp.provision.id} inside ${parent.provision.id}`);
    }
    const top = r.provisions.filter((p) => p.provision.depth === 0);
    for (let i = 1; i < top.length; i++) assert.ok(top[i - 1]!.range.end.line < top[i]!.range.start.line);
    // The two-line heading of us-2.1 is one heading.
    assert.strictEqual(byId.get('us-2.1')!.headingRange.end.line, byId.get('us-2.1')!.headingRange.start.line + 1);
    // Biosecurity runs to the end of the text, not past it.
    assert.ok(byId.get('us-3.7')!.range.end.line < lines.length);
  });

  it('recognises both study editions in the samples', () => {
    const us = recognise(readFileSync(SAMPLE_US, 'utf8'), pack, { markdown: true });
    assert.strictEqual(us.plan?.id, US);
    assert.strictEqual(us.provisions.length, 34);
    const cn = recognise(readFileSync(SAMPLE_CN, 'utf8'), pack, { markdown: false });
    assert.strictEqual(cn.plan?.id, CN);
    assert.deepStrictEqual(cn.provisions.map((p) => p.provision.id), pack.plan(CN)!.provisions.map((p) => p.id));
  });

  it('recognises differently worded and numbered translations by number, position and fuzzy heading', () => {
    const plan = pack.plan(CN)!;
    const actions = plan.provisions.filter((p) => p.kind === 'action');
    const styles = [(n: number) => `${toRoman(n)}. `, (n: number) => `(${n}) `, (n: number) => `${'一二三四五六七八九十'[n - 1] ?? `十${'一二三'[n - 11]}`}、`];
    for (const style of styles) {
      const body: string[] = ['Action Plan for Global Governance of Artificial Intelligence', '', 'Opening words about shared futures and the common good.', ''];
      const expected = new Map<string, number>();
      actions.forEach((a, i) => {
        const n = Number(a.number);
        // Alternate between the heading and its variants; item 1 in the wording of another translation.
        const words = n === 1 ? 'Seizing Artificial Intelligence Opportunities Together' : (a.headingVariants[i % Math.max(1, a.headingVariants.length)] ?? a.heading);
        expected.set(a.id, body.length);
        body.push(`${style(n)}${words}`, 'Paragraph text that explains this action in some detail, without repeating its heading.', '');
      });
      const r = recognise(body.join('\n'), pack);
      assert.strictEqual(r.plan?.id, CN, `style ${style(1)}`);
      for (const [id, line] of expected) {
        const lp = r.provisions.find((p) => p.provision.id === id);
        assert.strictEqual(lp?.range.start.line, line, `${id} in style ${style(1)}`);
      }
      assert.strictEqual(r.provisions[0]!.provision.id, 'cn-0', 'the unmarked preamble is found before action 1');
    }
  });

  it('says null for a document that is no known plan', () => {
    const r = recognise('# Shopping list\n\n- apples\n- open source software for the bakery\n\n## Notes\nNothing about AI here.', pack);
    assert.strictEqual(r.plan, null);
    assert.deepStrictEqual(r.provisions, []);
  });

  it('finds the innermost provision at a position', () => {
    const text = readFileSync(SAMPLE_US, 'utf8');
    const r = recognise(text, pack, { markdown: true });
    const section = r.provisions.find((p) => p.provision.id === 'us-1.3')!;
    const inside = { line: section.range.start.line + 2, character: 0 };
    assert.strictEqual(provisionAt(r, inside)?.provision.id, 'us-1.3');
    assert.strictEqual(provisionAt(r, { line: 0, character: 0 }), undefined);
  });

  it('compares headings across translation styles', () => {
    const a = headingTokens('Jointly seizing the opportunities of AI');
    const b = headingTokens('Seizing Artificial Intelligence Opportunities Together');
    assert.strictEqual(tokenSimilarity(a, b), 1);
    assert.ok(tokenSimilarity(headingTokens('Remove Red Tape and Onerous Regulation'), headingTokens('Invest in Biosecurity')) < 0.2);
    assert.deepStrictEqual(['7', 'VII', 'vii', '七', '十三', '十', '二十'].map(numberValue), [7, 7, 7, 7, 13, 10, 20]);
  });
});

function toRoman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}
