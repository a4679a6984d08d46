import * as assert from 'assert';
import * as fc from 'fast-check';
import type { Plan, Provision } from '../../src/core/data/model';
import { findReferences } from '../../src/core/mentions/references';
import { LexiconTerms } from '../../src/core/similarity/lexiconTerms';
import { profileMany } from '../../src/core/similarity/profile';
import { ProvisionIndex } from '../../src/core/similarity/provisionIndex';
import { QueryBag } from '../../src/core/similarity/queryBag';
import { addTo, Postings, TfIdf, type Bag } from '../../src/core/similarity/sparse';
import { TokenBuffer, tokenize, tokenizeSpan } from '../../src/core/similarity/tokens';
import { WordTable } from '../../src/core/similarity/wordTable';
import { Targets } from '../../src/core/suggest/suggest';
import { bundledPack } from '../packFixture';

const chars = fc.constantFrom('a', 'b', 'Z', 'é', '9', ' ', "'", '\u2019', '+', '-', '\n', '.', 'I', 'x');
const texts = fc.array(chars, { maxLength: 60 }).map((a) => a.join(''));

describe('WordTable (words looked up from a text, case folded)', () => {
  it('finds a word whatever its ASCII case, and only that word', () => {
    const t = new WordTable<number>();
    t.set('The Data Center', 4, 8, 1);
    assert.strictEqual(t.get('data', 0, 4), 1);
    assert.strictEqual(t.get('big DATA', 4, 8), 1);
    assert.strictEqual(t.get('date', 0, 4), undefined);
    assert.strictEqual(t.get('datas', 0, 5), undefined);
    assert.strictEqual(t.get('dat', 0, 3), undefined);
    t.set('data', 0, 4, 2);
    assert.strictEqual(t.get('Data', 0, 4), 2);
    assert.strictEqual(t.size, 1);
  });

  it('keeps no span with a character outside ASCII (its lower case is not a per-unit fold)', () => {
    const t = new WordTable<number>();
    t.set('naïve', 0, 5, 1);
    assert.strictEqual(t.get('naïve', 0, 5), undefined);
    assert.strictEqual(t.size, 0);
  });

  it('agrees with a Map keyed by the lower-cased word, through growth and the bound (property)', () => {
    const word = fc.array(fc.constantFrom('a', 'B', 'c', 'D', '1', "'"), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 300 }), fc.integer({ min: 4, max: 400 }), (words, max) => {
        const t = new WordTable<string>(max, 2);
        const model = new Map<string, string>();
        for (const w of words) {
          const text = ` ${w} `;
          const key = w.toLowerCase();
          // Past the bound the table starts again empty: the model does the same.
          if (!model.has(key) && model.size >= max) model.clear();
          t.set(text, 1, 1 + w.length, w);
          model.set(key, w);
          assert.ok(t.size <= max);
        }
        assert.strictEqual(t.size, model.size);
        for (const [key, value] of model) assert.strictEqual(t.get(key.toUpperCase(), 0, key.length), value);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('tokens of a span, and a reused token buffer', () => {
  it('tokenizeSpan gives the tokens of the slice, at the text’s offsets (property)', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        assert.deepStrictEqual(tokenizeSpan(text, from, to), tokenize(text.slice(from, to), from));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('a TokenBuffer refilled span after span holds each span’s tokens in [0, count) (property)', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }), (text, spans) => {
        const buffer = new TokenBuffer();
        for (const [a, b] of spans) {
          const from = a % (text.length + 1);
          const to = from + (b % (text.length - from + 1));
          const count = buffer.fill(text, from, to);
          assert.deepStrictEqual(buffer.tokens.slice(0, count).map((t) => ({ ...t })), tokenizeSpan(text, from, to));
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('findReferences on tokens[from, to) reads that range alone', () => {
    const text = 'See Pillar II. Then action 3 of the plan, and the section on export controls.';
    const tokens = tokenize(text);
    const cut = tokens.findIndex((t) => t.start >= text.indexOf('Then'));
    const spanned = findReferences(text, tokens, cut, tokens.length);
    const sliced = findReferences(text, tokens.slice(cut));
    assert.deepStrictEqual(spanned, sliced);
    assert.deepStrictEqual(findReferences(text, tokens, 0, cut).map((r) => text.slice(r.start, r.end)), ['Pillar II']);
  });
});

/** A small corpus of bags over a few terms, and a query bag over them and some unknown terms. */
const termOf = fc.constantFrom('ai', 'chip', 'data', 'energy', '~open source', 'grid', 'export', 'safety');
const bagOf = (terms: readonly string[]): Bag => {
  const bag: Bag = new Map();
  for (const t of terms) addTo(bag, t, 1);
  return bag;
};

describe('QueryBag (a passage’s terms against an index)', () => {
  it('gives the same cosines, to the last bit, as Postings.dots of the TF-IDF vector of a Map bag (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(termOf, { maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.oneof(termOf, fc.constantFrom('unseen', 'other')), { maxLength: 12 }), { maxLength: 4 }),
        (docs, queries) => {
          const stats = new TfIdf(docs.map(bagOf));
          const vectors = docs.map((d) => stats.vector(bagOf(d)));
          const postings = new Postings(vectors);
          const bag = new QueryBag(stats, vectors);
          const out = new Float64Array(vectors.length);
          for (const q of queries) {
            bag.clear();
            for (const t of q) bag.add(t);
            const want = postings.dots(stats.vector(bagOf(q)));
            assert.deepStrictEqual([...bag.dots()], [...want]);
            assert.deepStrictEqual([...bag.dots(out)], [...want]);
            const known = [...new Set(q)].filter((t) => stats.documentFrequency(t) > 0);
            assert.deepStrictEqual(bag.terms().map((t) => t.term), known);
            assert.strictEqual(bag.size, known.length);
          }
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('starts empty after clear', () => {
    const stats = new TfIdf([bagOf(['chip']), bagOf(['grid'])]);
    const vectors = [stats.vector(bagOf(['chip'])), stats.vector(bagOf(['grid']))];
    const bag = new QueryBag(stats, vectors);
    bag.add('chip');
    assert.deepStrictEqual([...bag.dots()], [1, 0]);
    bag.clear();
    assert.strictEqual(bag.size, 0);
    assert.deepStrictEqual([...bag.dots()], [0, 0]);
    bag.add('grid');
    assert.deepStrictEqual([...bag.dots()], [0, 1]);
  });
});

describe('top k of a ranking, and readable forms of terms', function () {
  this.timeout(20000);

  it('Targets.best(k) is the first k of rank(), ties in document order included', async () => {
    const pack = await bundledPack();
    const cn = pack.plan('cn-global-ai-governance-2025')!;
    const us = pack.plan('us-ai-action-plan-2025')!;
    // A plan with every US provision twice, so that equal scores meet.
    const twice: Plan = { ...us, id: 'twice', provisions: [...us.provisions, ...us.provisions].map((p, i): Provision => ({ ...p, id: `t-${i}`, planId: 'twice', index: i % us.provisions.length })) };
    const index = new ProvisionIndex([cn, twice], new LexiconTerms(pack.themes));
    const targets = new Targets(index.ofPlan('twice'));
    for (const from of index.ofPlan(cn.id)) {
      const all = targets.rank(from);
      for (const k of [1, 3, 7]) assert.deepStrictEqual(targets.best(from, k), all.slice(0, k), `${from.provision.id} top ${k}`);
    }
  });

  it('a profile’s surface forms are each term’s first word as written, and phrase labels', async () => {
    const pack = await bundledPack();
    const lexicon = new LexiconTerms(pack.themes);
    const fields = [{ text: 'Open Source Models and Chips', weight: 2 }, { text: 'models, chips: more MODELS; open-source tools', weight: 1 }];
    const profile = profileMany(lexicon, [fields])[0]!.profile;
    const surface = profile.surface;
    assert.deepStrictEqual([...surface.keys()], [...profile.terms.keys()]);
    const term = (w: string): string => tokenize(w)[0]!.term;
    assert.strictEqual(surface.get(term('models')), 'models');
    assert.strictEqual(surface.get(term('chips')), 'chips');
    assert.strictEqual(surface.get(term('tools')), 'tools');
    for (const [t, label] of surface) if (t.startsWith('~')) assert.strictEqual(label, lexicon.label(t));
    assert.ok([...surface.keys()].some((t) => t.startsWith('~')), 'open source is a lexicon phrase');
    // Asked twice: the same map.
    assert.strictEqual(profile.surface, surface);
  });
});
