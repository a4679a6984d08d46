import * as assert from 'assert';
import { KnowledgePack, type Plan, type Provision } from '../../src/core/data/model';
import { LexiconTerms } from '../../src/core/similarity/lexiconTerms';
import { ProvisionIndex } from '../../src/core/similarity/provisionIndex';
import { stem, tokenize } from '../../src/core/similarity/tokens';
import { markCurated } from '../../src/core/suggest/curated';
import { evaluateRanker, themeOverlapRanker } from '../../src/core/suggest/evaluate';
import { similarityRanker, suggestCounterparts } from '../../src/core/suggest/suggest';
import { bundledPack } from '../packFixture';

const CN = 'cn-global-ai-governance-2025';
const US = 'us-ai-action-plan-2025';

async function plans(): Promise<{ pack: KnowledgePack; cn: Plan; us: Plan }> {
  const pack = await bundledPack();
  return { pack, cn: pack.plan(CN)!, us: pack.plan(US)! };
}

describe('suggested counterparts', function () {
  this.timeout(20000);

  it('ranks from text and themes only: removing every curated link changes nothing', async () => {
    const { pack, cn, us } = await plans();
    const bare = new KnowledgePack(pack.themes, pack.plans, []);
    assert.strictEqual(bare.links.length, 0);
    for (const [a, b] of [[cn, us], [us, cn]] as const) {
      const withLinks = markCurated(suggestCounterparts(pack.themes, a, b, { top: 5 }), pack.links);
      const without = markCurated(suggestCounterparts(bare.themes, bare.plan(a.id)!, bare.plan(b.id)!, { top: 5 }), bare.links);
      const strip = (s: typeof withLinks) => s.map((x) => ({ from: x.from, candidates: x.candidates.map(({ curated: _c, ...rest }) => rest) }));
      assert.deepStrictEqual(strip(withLinks), without);
      // The curated marks are labels on the same ranking, and some candidates do carry one.
      assert.ok(withLinks.some((s) => s.candidates.some((c) => c.curated)));
      assert.ok(without.every((s) => s.candidates.every((c) => c.curated === undefined)));
    }
  });

  it('is deterministic: same output twice, scores non-increasing, ties in document order', async () => {
    const { pack, cn, us } = await plans();
    const one = suggestCounterparts(pack.themes, cn, us, { top: 34 });
    const two = suggestCounterparts(pack.themes, cn, us, { top: 34 });
    assert.deepStrictEqual(one, two);
    for (const s of one) {
      assert.strictEqual(s.candidates.length, us.provisions.length);
      for (let i = 1; i < s.candidates.length; i++) {
        const [p, q] = [s.candidates[i - 1]!, s.candidates[i]!];
        assert.ok(p.score > q.score || (p.score === q.score && pack.provision(p.to)!.index < pack.provision(q.to)!.index), `${s.from}: ${p.to} before ${q.to}`);
      }
    }
  });

  it('explains each candidate: open source meets open source, with shared themes and terms', async () => {
    const { pack, cn, us } = await plans();
    const cn5 = suggestCounterparts(pack.themes, cn, us).find((s) => s.from === 'cn-5')!;
    const first = cn5.candidates[0]!;
    assert.strictEqual(first.to, 'us-1.3');
    const themes = first.evidence.find((e) => e.kind === 'themes')!;
    assert.ok(themes.items.includes('open-source'));
    const terms = first.evidence.find((e) => e.kind === 'terms')!;
    assert.ok(terms.items.some((t) => /open/.test(t)), terms.items.join(', '));
    const total = first.evidence.reduce((n, e) => n + e.contribution, 0);
    assert.ok(Math.abs(total - first.score) < 0.06, `evidence adds up to about the score (${total} vs ${first.score})`);
  });

  it('recalls at least 70% of the curated links in the top 3, above the theme-overlap baseline', async () => {
    const { pack, cn, us } = await plans();
    const index = new ProvisionIndex([cn, us], new LexiconTerms(pack.themes));
    const ours = evaluateRanker(similarityRanker(index), cn, us, pack.links);
    const base = evaluateRanker(themeOverlapRanker([cn, us]), cn, us, pack.links);
    assert.strictEqual(ours.links, 50);
    assert.ok(ours.recallEither >= 0.7, `recall@3 ${ours.recallEither}`);
    assert.ok(ours.recallEither > base.recallEither, `${ours.recallEither} vs baseline ${base.recallEither}`);
    assert.ok(ours.precisionAt1 > base.precisionAt1, `P@1 ${ours.precisionAt1} vs baseline ${base.precisionAt1}`);
  });

  it('evaluates a ranker by hand-checkable numbers', () => {
    const prov = (planId: string, id: string, index: number, themes: string[]): Provision => ({
      id, planId, kind: 'section', number: null, parent: null, heading: id, headingVerified: true, headingVariants: [], summary: '', keyPhrases: [], themes, depth: 0, index,
    });
    const a: Plan = { id: 'a', title: 'A', shortTitle: 'A', titleVariants: [], provisions: [prov('a', 'a1', 0, ['x']), prov('a', 'a2', 1, ['y'])] };
    const b: Plan = { id: 'b', title: 'B', shortTitle: 'B', titleVariants: [], provisions: [prov('b', 'b1', 0, ['y']), prov('b', 'b2', 1, ['x'])] };
    const links = [{ from: 'a1', to: 'b2', relation: 'aligned' as const, confidence: 'high' as const, summary: '' }, { from: 'b1', to: 'a1', relation: 'partial' as const, confidence: 'low' as const, summary: '' }];
    const e = evaluateRanker(themeOverlapRanker([a, b]), a, b, links, 1);
    // a1 -> b2 (theme x) is found; b1's best is a2 (theme y) and a1's best is b2, so b1-a1 is missed.
    assert.deepStrictEqual([e.links, e.recallEither, e.recallFrom, e.precisionAt1, e.provisionsWithLinks], [2, 0.5, 0.5, 2 / 3, 3]);
  });

  it('stems so that inflections meet, and keeps words apart that differ', () => {
    assert.strictEqual(stem('seizing'), stem('seize'));
    assert.strictEqual(stem('standards'), stem('standard'));
    assert.strictEqual(stem('capacities'), stem('capacity'));
    assert.notStrictEqual(stem('export'), stem('expert'));
    const t = tokenize("America's AI+ plan");
    assert.deepStrictEqual(t.map((x) => [x.start, x.end, x.stop]), [[0, 9, false], [10, 13, false], [14, 18, true]]);
  });
});

describe('tokens', () => {
  it('finds the words the WORD regex defines (property)', async () => {
    const fc = await import('fast-check');
    const { TOKEN_PATTERNS } = await import('../../src/core/similarity/tokens');
    const chars = fc.constantFrom('a', 'Z', 'é', '9', ' ', "'", '\u2019', '+', '-', '\n', '人', '🙂', '.');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const re = new RegExp(TOKEN_PATTERNS[0]!.source, 'gu');
        const want = [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
        assert.deepStrictEqual(tokenize(text).map((t) => [t.start, t.end]), want);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
