import * as assert from 'assert';
import * as fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { NaiveThemeMatcher } from '../../bench/figures/fig2-matcher';
import type { Theme } from '../../src/core/data/model';
import { normalisePhrase } from '../../src/core/lexicon/phrasePattern';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { bundledPack } from '../packFixture';
import { CORPUS_US, SAMPLE_CN, SAMPLE_US } from '../paths';
import { itWithShared } from '../shared';

const colour = { dark: '#ffffff', light: '#000000', highContrast: '#ffffff' };
const themes: Theme[] = [
  {
    id: 'open-source',
    label: 'Open source',
    description: 'd',
    colour,
    phrases: [
      { text: 'open source', variants: ['open-weight'], ambiguous: false },
      { text: 'open', variants: [], ambiguous: true },
    ],
  },
  {
    id: 'safety-security',
    label: 'Safety',
    description: 'd',
    colour,
    phrases: [
      { text: 'AI safety', variants: [], ambiguous: false },
      { text: 'safety', variants: [], ambiguous: false },
      { text: "America's AI alliance", variants: [], ambiguous: false },
    ],
  },
  { id: 'workforce-labour', label: 'Work', description: 'd', colour, phrases: [{ text: 'labour market', variants: ['labor market', 'labour markets'], ambiguous: false }] },
];

const texts = (ms: { text: string }[]): string[] => ms.map((m) => m.text);

describe('ThemeMatcher', () => {
  const matcher = new ThemeMatcher(themes);

  it('matches case-insensitively, hyphen and space alike', () => {
    assert.deepStrictEqual(texts(matcher.matchLine('Open-Source and OPEN SOURCE and open  -  source')), ['Open-Source', 'OPEN SOURCE', 'open  -  source']);
  });

  it('never matches inside a longer word', () => {
    assert.deepStrictEqual(matcher.matchLine('unsafety safetyism reopen sources safety_net'), []);
    assert.deepStrictEqual(texts(matcher.matchLine('(safety), safety.')), ['safety', 'safety']);
  });

  it('prefers the longest phrase at a position', () => {
    const m = matcher.matchLine('global AI safety work');
    assert.deepStrictEqual(texts(m), ['AI safety']);
    assert.strictEqual(m[0]!.themeId, 'safety-security');
  });

  it('leaves ambiguous phrases out', () => {
    assert.deepStrictEqual(matcher.matchLine('an open door'), []);
  });

  it('accepts variants and curly apostrophes', () => {
    assert.deepStrictEqual(texts(matcher.matchLine('the labor market and labour markets; America’s AI alliance')), ['labor market', 'labour markets', 'America’s AI alliance']);
  });

  it('finds phrases broken across a line break and flags only those as wrapped', () => {
    const text = 'we need open\n   source models and AI\nsafety, and safety';
    const all = matcher.matchText(text);
    assert.deepStrictEqual(
      all.map((m) => [m.text, m.wrapped]),
      [
        ['open\n   source', true],
        ['AI\nsafety', true],
        ['safety', false],
      ],
    );
    assert.strictEqual(matcher.matchWrapped(text).length, 2);
    assert.strictEqual(text.slice(all[0]!.start, all[0]!.end), 'open\n   source');
  });

  it('normalises phrases for comparison', () => {
    assert.strictEqual(normalisePhrase('  Open-Source  Models '), 'open source models');
    assert.strictEqual(normalisePhrase('America’s'), "america's");
  });
});

describe('ThemeMatcher against the naive combined regex (bundled lexicon)', () => {
  // The fast matcher runs the combined regex only at words that start a phrase: it must find exactly what
  // one global regex over the whole text finds (bench/figures/fig2-matcher.ts keeps that regex as baseline).
  let fast: ThemeMatcher;
  let naive: NaiveThemeMatcher;
  let words: string[];
  before(async () => {
    const pack = await bundledPack();
    fast = new ThemeMatcher(pack.themes);
    naive = new NaiveThemeMatcher(pack.themes);
    words = pack.themes.flatMap((t) => t.phrases.flatMap((p) => [p.text, ...p.variants])).flatMap((p) => p.split(/\s+/));
  });
  const key = (ms: readonly { start: number; end: number; themeId: string }[]): string[] => ms.map((m) => `${m.start}-${m.end}:${m.themeId}`);

  it('finds the same matches on random mixes of phrase words, case, separators and noise', () => {
    const noise = ['the', 'and', 'of', 'x', 'é', 'Ärger', 'naïve', 'AI', 'R&D', 'U.S.', '—', '“', '’s', '_', '-', '  ', '\t', '\u00a0', '(', ')', '.', ',', '12', 'ſ', 'K', 'İ'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(' ', '-', ' - ', '  ', '', '\u2011', ', ', '\n')), { maxLength: 60 }),
        (parts) => {
          const text = parts
            .map(([i, upper, sep]) => {
              const pool = i % 3 === 0 ? noise : words;
              const w = pool[i % pool.length]!;
              return (upper ? w.toUpperCase() : w) + sep;
            })
            .join('');
          assert.deepStrictEqual(key(fast.matchLine(text)), key(naive.matchLine(text)), JSON.stringify(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  for (const file of [CORPUS_US, SAMPLE_US, SAMPLE_CN]) {
    itWithShared([file], `finds the same matches on ${path.basename(file)}`, () => {
      const text = readFileSync(file, 'utf8');
      assert.deepStrictEqual(key(fast.matchLine(text)), key(naive.matchLine(text)), file);
    });
  }

  it('reports offsets with the given offset added', () => {
    const m = fast.matchLine('an open source model', 100);
    assert.deepStrictEqual([m[0]!.start, m[0]!.end], [103, 114]);
  });
});
