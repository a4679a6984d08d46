import * as assert from 'assert';
import * as fc from 'fast-check';
import type { IGrammar } from 'vscode-textmate';
import { grammarThemeTokens, loadGrammar } from '../../src/cli/textmate';
import { themeOccurrences, type ThemeOccurrence } from '../../src/cli/themeOccurrences';
import type { KnowledgePack } from '../../src/core/data/model';
import { POLICY_TEXT_SCOPE } from '../../src/core/lexicon/grammar';
import { combinedThemePattern } from '../../src/core/lexicon/lexicon';
import { MAX_SEPARATOR_BLANKS } from '../../src/core/lexicon/phrasePattern';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { LineIndex } from '../../src/core/text/lineIndex';
import { bundledPack } from '../packFixture';

// The separators before they were made unambiguous (quadratic on blank runs): the reference for the matches.
const B = ' \\t\\u00A0';
const H = '\\-\\u2010\\u2011';
const OLD_INLINE = `(?:[${B}]*[${H}][${B}]*|[${B}]+)`;
const OLD_WRAPPED = `(?:[${B}]*[${H}]?[${B}]*\\r?\\n[${B}]*)`;

/** Leftmost matches of the combined regex built with `separator`, searched globally: what the grammar finds. */
function referenceMatcher(pack: KnowledgePack, separator: string): (text: string) => string[] {
  const c = combinedThemePattern(pack.themes, separator);
  const re = new RegExp(c.source, 'g');
  return (text) => {
    const out: string[] = [];
    for (const m of text.matchAll(re)) {
      let g = 1;
      while (m[g] === undefined) g++;
      out.push(`${m.index}:${m[0].length}:${c.groupThemes[g - 1]}`);
    }
    return out;
  };
}

const keys = (ms: readonly { start: number; end: number; themeId: string }[]): string[] => ms.map((m) => `${m.start}:${m.end - m.start}:${m.themeId}`);

describe('theme separators (issue 13: quadratic on blank runs)', function () {
  this.timeout(120000);
  let pack: KnowledgePack;
  let matcher: ThemeMatcher;
  let words: string[];
  let inlineBefore: (text: string) => string[];
  let wrappedBefore: (text: string) => string[];
  before(async () => {
    pack = await bundledPack();
    inlineBefore = referenceMatcher(pack, OLD_INLINE);
    wrappedBefore = referenceMatcher(pack, `(?:${OLD_INLINE}|${OLD_WRAPPED})`);
    matcher = new ThemeMatcher(pack.themes);
    words = pack.themes.flatMap((t) => t.phrases.flatMap((p) => [p.text, ...p.variants])).flatMap((p) => p.split(/\s+/));
  });

  it('find the same phrases as the separators before, inline and across line breaks', () => {
    const gap = fc.constantFrom(' ', '  ', '\t', '\u00A0', '-', ' - ', '\u2010', '--', ' \n', '\n', '-\n', ' -\n  ', '\r\n', '\r', '\n\n', ' \t- \n\t', '.', ', ');
    const text = fc.array(fc.tuple(fc.constantFrom(...words), gap), { minLength: 1, maxLength: 30 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(text, (t) => {
        assert.deepStrictEqual(keys(matcher.matchLine(t.replace(/[\r\n]/g, ' '))), inlineBefore(t.replace(/[\r\n]/g, ' ')));
        assert.deepStrictEqual(keys(matcher.matchText(t)), wrappedBefore(t));
      }),
      { seed: 1313, numRuns: 300 },
    );
  });

  it("regression: 'open' + 20,000 blanks + 'x' finds nothing; words more than MAX_SEPARATOR_BLANKS apart are no phrase", () => {
    // Was 5.7 s per occurrence in wrapped mode (n² backtracking); the step bound is in documentRegexes.test.ts.
    const blanks = ' '.repeat(20_000);
    assert.deepStrictEqual(matcher.matchText(`open${blanks}x\n`.repeat(3)), []);
    assert.deepStrictEqual(matcher.matchText(`open${blanks}source`), []);
    const near = ' '.repeat(MAX_SEPARATOR_BLANKS);
    const hits = matcher.matchText(`open${near}\n${near}source and open${near}source`);
    assert.deepStrictEqual(hits.map((h) => [h.themeId, h.wrapped, h.text.length]), [['open-source', true, 211], ['open-source', false, 110]]);
    assert.deepStrictEqual(matcher.matchLine(`open ${near}source`), []);
  });

  it('regression: 10 MB of blanks after a phrase\'s first word is no RangeError (V8\'s backtracking stack)', () => {
    assert.deepStrictEqual(matcher.matchLine(`open${' '.repeat(10_000_000)}x`), []);
    assert.deepStrictEqual(matcher.matchText(`open${' '.repeat(10_000_000)}\nx`), []);
  });
});

describe('theme separators in the grammar (Oniguruma) and the matcher (V8) alike', function () {
  this.timeout(120000);

  it('give the same tokens at the separator bounds (100 and 101 blanks, hyphens, no-break spaces)', async () => {
    const pack = await bundledPack();
    const matcher = new ThemeMatcher(pack.themes);
    const grammar = await loadGrammar(POLICY_TEXT_SCOPE);
    const b = (n: number, ch = ' '): string => ch.repeat(n);
    const lines = [
      `open${b(MAX_SEPARATOR_BLANKS)}source`,
      `open${b(MAX_SEPARATOR_BLANKS + 1)}source`,
      `open${b(MAX_SEPARATOR_BLANKS, '\u00A0')}-${b(MAX_SEPARATOR_BLANKS, '\t')}source`,
      `open${b(MAX_SEPARATOR_BLANKS)}-${b(MAX_SEPARATOR_BLANKS + 1)}source national${b(3)}security`,
      `open - - source, open--source, open -source, export${b(50)}controls${b(500)}x`,
      `open${b(19_000)}x open source`, // under VS Code's 20,000-character tokenisation limit
    ];
    for (const line of lines) {
      const fromGrammar = [...grammarThemeTokens(line, grammar)].map((o) => `${o.character}:${o.length}:${o.theme}`);
      assert.deepStrictEqual(fromGrammar, keys(matcher.matchLine(line)), line.slice(0, 40));
    }
  });
});

/**
 * What the CLI printed when it read the grammar: its tokens, less those inside a phrase broken across a line
 * break, plus those phrases (a filter over every wrapped phrase per token, then a sort): the reference.
 */
function occurrencesFromGrammar(text: string, grammar: IGrammar, matcher: ThemeMatcher): ThemeOccurrence[] {
  const all: ThemeOccurrence[] = [...grammarThemeTokens(text, grammar)];
  const wrapped = matcher.matchWrapped(text);
  const index = new LineIndex(text);
  const kept = all.filter((o) => {
    const start = index.offsetAt(o);
    return !wrapped.some((w) => start < w.end && start + o.length > w.start);
  });
  for (const w of wrapped) {
    const pos = index.positionAt(w.start);
    kept.push({ theme: w.themeId, text: w.text, line: pos.line, character: pos.character, length: w.end - w.start, wrapped: true });
  }
  return kept.sort((a, b) => a.line - b.line || a.character - b.character);
}

describe('themeOccurrences: the matcher gives what the grammar and the wrapped phrases gave (issue 13)', function () {
  this.timeout(120000);
  let pack: KnowledgePack;
  let matcher: ThemeMatcher;
  let grammar: IGrammar;
  before(async () => {
    pack = await bundledPack();
    matcher = new ThemeMatcher(pack.themes);
    grammar = await loadGrammar(POLICY_TEXT_SCOPE);
  });

  it('on policy text, occurrence for occurrence, wrapped phrases marked', () => {
    const phrase = fc.constantFrom('open source', 'open\nsource', 'national security', 'national\nsecurity', 'export controls', 'export\n  controls', 'AI safety', 'open', 'data', 'the');
    const text = fc.array(fc.tuple(phrase, fc.constantFrom(' ', '\n', ', ', '.\n', '\r\n')), { maxLength: 40 }).map((xs) => xs.map(([p, g]) => p + g).join(''));
    fc.assert(
      fc.property(text, (t) => {
        assert.deepStrictEqual(themeOccurrences(t, matcher), occurrencesFromGrammar(t, grammar, matcher));
      }),
      { seed: 4242, numRuns: 150 },
    );
  });

  it('matched a piece at a time, the same as in one pass (a piece ending inside a word or a phrase)', () => {
    const text = 'open source and national\nsecurity, export controls. '.repeat(4_000);
    const one = matcher.matchText(text);
    const pieces: unknown[] = [];
    for (let from = 0; from < text.length; ) from = matcher.eachMatchInPart(text, from, Math.min(text.length, from + 37), (m) => pieces.push(m));
    assert.deepStrictEqual(pieces, one);
    assert.strictEqual(themeOccurrences(text, matcher).length, one.length);
  });

  it('leaves out lines VS Code does not tokenise (20,000 characters or more), as the editor does', () => {
    const long = `open source ${'x '.repeat(10_000)}`;
    const text = `open\nsource\n${long}\nnational\nsecurity\n${long}`;
    const got = themeOccurrences(text, matcher).map((o) => `${o.line}:${o.character}:${o.theme}${o.wrapped ? ':wrapped' : ''}`);
    assert.deepStrictEqual(got, ['0:0:open-source:wrapped', '3:0:safety-security:wrapped']);
    // A phrase is not joined across a long line either.
    assert.deepStrictEqual(themeOccurrences(`open\n${long}\nsource`, matcher), []);
  });
});
