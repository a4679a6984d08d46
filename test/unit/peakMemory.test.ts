import * as assert from 'assert';
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { Inputs, markdownDocument } from '../../bench/inputs';
import { jsonArrayPieces, linePieces } from '../../src/cli/streamedOutput';
import type { KnowledgePack } from '../../src/core/data/model';
import { ThemeMatcher, type ThemeMatch } from '../../src/core/lexicon/themeMatcher';
import { headingCandidates } from '../../src/core/recognition/candidates';
import { locateHeadings, plainHeadingFilter } from '../../src/core/recognition/locateProvisions';
import { recognise } from '../../src/core/recognition/recognise';
import { bundledPack } from '../packFixture';
import { FIXTURES, SAMPLE_CN, SAMPLE_US } from '../paths';

// Issue 13, "peak memory under 4 × the input plus 100 MB": each way of holding less must give exactly what
// holding everything gave.
const SEED = 20261203;

describe('peak memory of identify, themes and report (issue 13)', function () {
  this.timeout(120_000);
  let pack: KnowledgePack;
  let prose: string;
  before(async () => {
    pack = await bundledPack();
    prose = markdownDocument(new Inputs(true).pool, 200_000, SEED);
  });

  it('a plain line is dropped only when no plan heading could match it: the same headings are found with and without the filter', () => {
    const texts = [readFileSync(SAMPLE_US, 'utf8'), readFileSync(SAMPLE_CN, 'utf8'), prose, readFileSync(`${FIXTURES}/recognition/cn-original-style.txt`, 'utf8')];
    for (const text of texts) {
      const lines = text.split('\n');
      const all = headingCandidates(lines, true);
      const kept = headingCandidates(lines, true, { keepPlain: plainHeadingFilter(pack.plans) });
      for (const plan of pack.plans) {
        const key = (ms: ReturnType<typeof locateHeadings>) => ms.map((m) => `${m.provision.id}@${m.candidate.line}-${m.candidate.endLine}:${m.score.toFixed(6)}`);
        assert.deepStrictEqual(key(locateHeadings(plan, kept)), key(locateHeadings(plan, all)), `${plan.id} on ${text.slice(0, 30)}`);
      }
    }
  });

  it('hard-wrapped prose keeps a small share of its short lines as heading candidates (it kept nearly all, twice)', () => {
    const lines = prose.split('\n');
    const all = headingCandidates(lines, true).length;
    const kept = headingCandidates(lines, true, { keepPlain: plainHeadingFilter(pack.plans) }).length;
    assert.ok(kept * 4 < all, `${kept} of ${all} candidates kept`);
  });

  it('a plain line made of heading words is kept (a US heading on its own line), prose is not', () => {
    const keep = plainHeadingFilter(pack.plans);
    const [c] = headingCandidates(['Encourage Open-Source and Open-Weight AI'], false, { keepPlain: keep });
    assert.ok(c, 'the heading line is a candidate');
    assert.deepStrictEqual(headingCandidates(['the weather in spring was mild and dry'], false, { keepPlain: keep }), []);
  });

  it('long lines keep their curly apostrophes, and recognition reads them exactly as if they were straight', () => {
    const long = ' The body goes on.'.repeat(80);
    // Headings with curly apostrophes run into paragraphs over 1,000 characters long, as in a reflowed PDF.
    const cn = readFileSync(SAMPLE_CN, 'utf8').replace(/'/g, '\u2019').split('\n').map((l) => (/^\d+\./.test(l) ? `${l} for the world\u2019s good. The nation\u2019s work.${long}` : l)).join('\n');
    const us = readFileSync(SAMPLE_US, 'utf8').replace(/'/g, '\u2019').split('\n\n').map((p) => (p.startsWith('#') ? p : p.replace(/\n/g, ' ') + long)).join('\n\n');
    for (const text of [cn, us, `\u2019Tis a title.${long}\n${cn}`]) {
      const view = (t: string) => {
        const r = recognise(t, pack);
        return { plan: r.plan?.id, score: r.score, provisions: r.provisions.map((p) => ({ id: p.provision.id, range: p.range, heading: p.headingRange, text: p.documentHeading })) };
      };
      const straight = view(text.replace(/\u2019/g, "'"));
      assert.ok(straight.provisions.length > 5, 'the layout is recognised');
      assert.deepStrictEqual(view(text), straight);
    }
  });

  it('only the wrapped matches, and every match one at a time, are what matchText gives', () => {
    const matcher = new ThemeMatcher(pack.themes);
    const phrase = fc.constantFrom('open source', 'open\nsource', 'national\n  security', 'export controls', 'AI safety', 'open', 'data', 'the', 'x');
    const text = fc.array(fc.tuple(phrase, fc.constantFrom(' ', '\n', ', ', '.\n')), { maxLength: 40 }).map((xs) => xs.map(([p, g]) => p + g).join(''));
    fc.assert(
      fc.property(text, (t) => {
        const all = matcher.matchText(t);
        assert.deepStrictEqual(matcher.matchWrapped(t), all.filter((m) => m.wrapped));
        const one: ThemeMatch[] = [];
        matcher.eachMatchInText(t, (m) => one.push(m));
        assert.deepStrictEqual(one, all);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('streamed output is byte for byte the whole output: a pretty-printed JSON array, lines joined', () => {
    const item = fc.record({ theme: fc.string(), line: fc.nat(), text: fc.string(), wrapped: fc.option(fc.constant(true as const), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        assert.strictEqual([...jsonArrayPieces(items)].join(''), JSON.stringify(items, null, 2));
        const line = (o: { theme: string; line: number }) => `${o.line}\t${o.theme}`;
        assert.strictEqual([...linePieces(items, line, 'none')].join(''), items.length ? items.map(line).join('\n') : 'none');
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
