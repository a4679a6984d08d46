import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { LineIndex } from '../../src/core/text/lineIndex';
import { bundledPack } from '../packFixture';
import { FIXTURES } from '../paths';

const COMMENTARY = path.join(FIXTURES, 'mentions', 'commentary-two-plans.md');

interface Marked {
  readonly line: number;
  readonly text: string;
  readonly theme: string;
}

/**
 * Issue 9 §5: the lexicon names topics, not stances, and knows the words commentary uses, so that in a
 * commentary at least 90% of the theme phrases an analyst marks are highlighted with the right theme.
 */
describe('themes in commentary (issue 9)', () => {
  it('highlights at least 90% of the phrases an analyst marks in the commentary fixture, each with its theme', async () => {
    const pack = await bundledPack();
    const text = readFileSync(COMMENTARY, 'utf8');
    const { phrases } = JSON.parse(readFileSync(COMMENTARY.replace(/\.md$/, '.themes.json'), 'utf8')) as { phrases: Marked[] };
    assert.ok(phrases.length >= 30, 'a list worth a percentage');
    const lines = new LineIndex(text);
    const matches = new ThemeMatcher(pack.themes).matchText(text);
    const seen = new Map<string, number>();
    const missed: string[] = [];
    for (const p of phrases) {
      assert.ok(pack.theme(p.theme), `${p.theme} is a theme`);
      // The n-th marking of the same text on a line is its n-th occurrence there.
      const nth = seen.get(`${p.line} ${p.text}`) ?? 0;
      seen.set(`${p.line} ${p.text}`, nth + 1);
      let at = -1;
      for (let i = 0; i <= nth; i++) at = lines.lineText(p.line).indexOf(p.text, at + 1);
      assert.ok(at >= 0, `"${p.text}" is on line ${p.line}`);
      const start = lines.lineStart(p.line) + at;
      const end = start + p.text.length;
      // Highlighted with the right theme: a match of that theme over (part of) the marked words.
      if (!matches.some((m) => m.themeId === p.theme && m.start < end && start < m.end)) missed.push(`${p.line}: ${p.text} (${p.theme})`);
    }
    const share = (phrases.length - missed.length) / phrases.length;
    assert.ok(share >= 0.9, `${(share * 100).toFixed(0)}% highlighted; missed:\n${missed.join('\n')}`);
  });

  it('highlights "United Nations", "international institutions" and "regulation" as topics, whatever the stance', async () => {
    const pack = await bundledPack();
    const matcher = new ThemeMatcher(pack.themes);
    const cases: [string, string, string][] = [
      ['The plan wants to work through the United Nations.', 'United Nations', 'international-cooperation'],
      ['The plan wants to counter the influence of the United Nations.', 'United Nations', 'international-cooperation'],
      ['Both texts lean on international institutions.', 'international institutions', 'international-cooperation'],
      ['Washington distrusts international institutions.', 'international institutions', 'international-cooperation'],
      ['Beijing asks for more regulation.', 'regulation', 'regulation-deregulation'],
      ['Washington wants less regulation and fewer regulators.', 'regulation', 'regulation-deregulation'],
    ];
    for (const [sentence, phrase, theme] of cases) {
      const hit = matcher.matchText(sentence).find((m) => m.text === phrase);
      assert.strictEqual(hit?.themeId, theme, sentence);
    }
    for (const text of ['United Nations', 'international institutions', 'regulation']) {
      const phrase = pack.themes.flatMap((t) => t.phrases).find((p) => p.text === text);
      assert.ok(phrase && !phrase.ambiguous, `${text} is a highlighted phrase, not kept aside as ambiguous`);
    }
  });
});
