import * as assert from 'assert';
import type { Theme } from '../../src/core/data/model';
import { normalisePhrase } from '../../src/core/lexicon/phrasePattern';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';

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
