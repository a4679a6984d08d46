import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { IGrammar } from 'vscode-textmate';
import { grammarSources } from '../../bench/grammars';
import { Inputs } from '../../bench/inputs';
import { loadGrammar, splitLines, tokenizeLines } from '../../src/cli/textmate';
import type { KnowledgePack } from '../../src/core/data/model';
import { MARKDOWN_SCOPE, POLICY_MARKDOWN_SCOPE, POLICY_TEXT_SCOPE } from '../../src/core/lexicon/grammar';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { bundledPack } from '../packFixture';
import { CORPUS_US, SAMPLE_CN, SAMPLE_US } from '../paths';
import { itWithShared } from '../shared';

const THEME = /^entity\.other\.policy-theme\.(.+)$/;

interface Tok {
  line: number;
  text: string;
  start: number;
  end: number;
  scopes: readonly string[];
  theme?: string;
}

/** Every line tokenised, however long: the grammar must be right past VS Code's default limit too (users raise it). */
function tokens(grammar: IGrammar, text: string): Tok[] {
  const lines = splitLines(text);
  return [...tokenizeLines(grammar, lines, Infinity)].map((t) => {
    const theme = t.scopes.map((s) => THEME.exec(s)?.[1]).find(Boolean);
    return { line: t.line, text: lines[t.line]!.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes, theme };
  });
}

/**
 * Themed phrases: themed tokens, adjacent ones of one theme joined (Markdown re-tokenises `&` inside R&D, so
 * one phrase can be several tokens; two phrases are never adjacent, a non-word character separates them).
 */
function phrases(ts: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const t of ts) {
    if (!t.theme) continue;
    const prev = out[out.length - 1];
    if (prev && prev.line === t.line && prev.end === t.start && prev.theme === t.theme) out[out.length - 1] = { ...prev, end: t.end, text: prev.text + t.text };
    else out.push(t);
  }
  return out;
}

const themed = (ts: Tok[]): [string, string][] => phrases(ts).map((t) => [t.text, t.theme!]);

/**
 * Tokens without the root scope and the theme scopes, adjacent tokens with equal scopes merged: what is left
 * of Policy Markdown's tokens must be exactly VS Code's Markdown's.
 */
function structure(grammar: IGrammar, text: string): string[] {
  const out: { line: number; start: number; end: number; scopes: string }[] = [];
  const lines = splitLines(text);
  for (const t of tokens(grammar, text)) {
    // vscode-textmate counts the line break in the last token or not, depending on where the last token starts.
    const end = Math.min(t.end, Math.max(lines[t.line]!.length, t.start + (t.start === t.end ? 0 : 1)));
    const scopes = t.scopes.slice(1).filter((s) => !THEME.test(s)).join(' ');
    const prev = out[out.length - 1];
    if (prev && prev.line === t.line && prev.end === t.start && prev.scopes === scopes) prev.end = end;
    else out.push({ line: t.line, start: t.start, end, scopes });
  }
  return out.map((t) => `${t.line}:${t.start}-${t.end} ${t.scopes}`);
}

/** Every Markdown construct, fences of several languages (embedded grammars loaded), themed phrases throughout. */
const MARKDOWN_TOUR = [
  '---',
  'title: open source and national security',
  '---',
  '# Export Controls for everyone',
  '',
  'Setext heading on open source',
  '=============================',
  '',
  'We support **open source** and __AI safety__, *international cooperation* and _data privacy_, ~~export controls~~.',
  'A line with `open source` code, a [national security](https://example.gov/open-source) link, an ![open source](img.png) image,',
  'a [reference][open-source] link, [open source][] and [open source], <https://example.gov/open-source>, <a@b.org>.',
  'Escapes \\*open source\\*, entities &amp; and &copy;, a < bracket, **AI**safety glued, <b>open source</b> inline HTML.',
  '',
  '[open-source]: https://example.gov/open-source "open source title"',
  '',
  '> A quote on international cooperation',
  '> with **open source** inside.',
  '',
  '- a list on international cooperation',
  '  - nested: open source models',
  '1. numbered export controls',
  '2) the Global South',
  '',
  '| open source | export controls |',
  '| --- | :---: |',
  '| national security | international cooperation |',
  '',
  '    indented code: open source',
  '',
  '```',
  'open source in a plain fence',
  '```',
  '',
  '```js',
  'const openSource = "open source"; // national security',
  '```',
  '',
  '~~~ python {linenos=true}',
  'open_source = "export controls"',
  '~~~',
  '',
  '```yaml',
  'theme: open source',
  '```',
  '',
  '````unknown-language attrs',
  'open source',
  '````',
  '',
  '<div class="open source">',
  'open source in an HTML block',
  '</div>',
  '',
  '<!-- open source in a comment -->',
  '',
  '***',
  '',
  'The end: AI safety, open-source, OPEN SOURCE.',
  '',
].join('\n');

describe('generated grammars (vscode-textmate + Oniguruma)', function () {
  this.timeout(60000);
  let pack: KnowledgePack;
  let md: IGrammar;
  let txt: IGrammar;
  let matcher: ThemeMatcher;
  before(async () => {
    pack = await bundledPack();
    md = await loadGrammar(POLICY_MARKDOWN_SCOPE);
    txt = await loadGrammar(POLICY_TEXT_SCOPE);
    matcher = new ThemeMatcher(pack.themes);
  });

  it('keeps full Markdown highlighting and adds themes in prose and headings', () => {
    const ts = tokens(md, '# Export Controls for everyone\n\nWe support **open source** and [national security](http://x) work.\n\n- a list on international cooperation\n');
    assert.ok(ts.some((t) => t.line === 0 && t.scopes.includes('markup.heading.markdown')));
    assert.ok(ts.some((t) => t.text === 'open source' && t.scopes.some((s) => s.startsWith('markup.bold')) && t.theme === 'open-source'));
    assert.deepStrictEqual(themed(ts).map(([text]) => text.toLowerCase()), ['export controls', 'open source', 'national security', 'international cooperation']);
    assert.ok(ts.some((t) => t.scopes.some((s) => s.startsWith('markup.list'))));
  });

  it('highlights nothing in code, and nothing inside longer words', () => {
    const ts = tokens(md, '```\nopen source in a fence\n```\n\nInline `open source` code.\n\n    open source indented code\n\nreopen sources, unsafety, cybersecurityish\n');
    assert.deepStrictEqual(themed(ts), []);
  });

  it("is VS Code's Markdown token for token, themes aside (fork of its grammar, fences collapsed)", async () => {
    const sources = grammarSources();
    const vscodeMd = await loadGrammar(MARKDOWN_SCOPE, sources);
    const fork = await loadGrammar(POLICY_MARKDOWN_SCOPE, sources);
    const prose = new Inputs(false).prose(100_000).text;
    for (const [name, text] of [['tour', MARKDOWN_TOUR], ['US sample', readFileSync(SAMPLE_US, 'utf8')], ['generated prose', prose]] as const) {
      assert.deepStrictEqual(structure(fork, text), structure(vscodeMd, text), name);
    }
    // The tour does exercise the embedded grammars and the themes.
    const ts = tokens(fork, MARKDOWN_TOUR);
    assert.ok(ts.some((t) => t.scopes.includes('meta.embedded.block.javascript') && t.scopes.includes('storage.type.js')));
    assert.ok(ts.some((t) => t.scopes.includes('meta.embedded.block.python')));
    assert.ok(ts.some((t) => t.scopes.includes('fenced_code.block.language.markdown') && t.text === 'python'));
    assert.ok(ts.some((t) => t.scopes.includes('fenced_code.block.language') && t.text.startsWith('unknown-language')));
    assert.ok(themed(ts).length >= 20);
  });

  it('themes prose everywhere Markdown has prose, and nothing else', async () => {
    const sources = grammarSources();
    const fork = await loadGrammar(POLICY_MARKDOWN_SCOPE, sources);
    const ts = tokens(fork, MARKDOWN_TOUR);
    const themedIn = (scope: string): string[] => ts.filter((t) => t.theme && t.scopes.some((s) => s.startsWith(scope))).map((t) => t.text.toLowerCase());
    for (const scope of ['markup.heading', 'markup.bold', 'markup.italic', 'markup.strikethrough', 'string.other.link.title', 'string.other.link.description', 'markup.quote', 'markup.list', 'markup.table']) {
      assert.ok(themedIn(scope).length > 0, `no theme in ${scope}`);
    }
    for (const scope of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'markup.underline.link', 'meta.link.reference.def', 'comment', 'meta.embedded', 'constant.other.reference.link']) {
      assert.deepStrictEqual(themedIn(scope), [], `themes in ${scope}`);
    }
    // Glued to the end of an inline construct, or after inline HTML: still found (the look-behind sees the character).
    assert.ok(ts.some((t) => t.line === 11 && t.theme === 'safety-security' && t.text === 'safety'));
    assert.ok(ts.some((t) => t.line === 11 && t.theme === 'open-source' && t.scopes.length === 3));
  });

  it('agrees with the JavaScript matcher wherever Markdown has prose', async () => {
    // The matcher knows no Markdown: it also finds phrases in code, URLs, link definitions and HTML. Everything
    // else must be the same token for token, here on a generated document with every construct.
    const fork = await loadGrammar(POLICY_MARKDOWN_SCOPE, grammarSources());
    const prose = new Inputs(false).prose(100_000).text;
    for (const text of [MARKDOWN_TOUR, prose]) {
      const lines = splitLines(text);
      const ts = tokens(fork, text);
      const fromGrammar = phrases(ts).map((t) => `${t.line}:${t.start}:${t.text}:${t.theme}`);
      const fromMatcher: string[] = [];
      const notProse = /^(markup\.fenced_code|markup\.inline\.raw|markup\.raw|markup\.underline\.link|meta\.link\.reference\.def|constant\.other\.reference\.link|meta\.embedded|comment|meta\.tag|punctuation\.definition\.tag|entity\.name\.tag|entity\.other\.attribute-name|string\.quoted|meta\.attribute)/;
      lines.forEach((l, i) => {
        // An HTML block's text has no scope of its own (the tour has one such line).
        if (l.endsWith('in an HTML block')) return;
        for (const m of matcher.matchLine(l)) {
          const at = ts.find((t) => t.line === i && t.start <= m.start && m.start < t.end);
          if (at && !at.theme && at.scopes.some((s) => notProse.test(s))) continue;
          fromMatcher.push(`${i}:${m.start}:${m.text}:${m.themeId}`);
        }
      });
      assert.deepStrictEqual(fromGrammar, fromMatcher);
      assert.ok(fromGrammar.length > 20);
    }
  });

  it('policy text: themes only, case-insensitive, hyphen or space', () => {
    const ts = tokens(txt, 'OPEN-SOURCE models, the Global South and Export Controls.');
    assert.deepStrictEqual(themed(ts).map(([t, th]) => `${t}=${th}`), ['OPEN-SOURCE=open-source', 'Global South=global-south-capacity', 'Export Controls=export-controls-allies']);
  });

  it('policy text: headings are styled as headings (markup.heading, entity.name.section), themes kept inside them', () => {
    const text = 'Global AI Governance Action Plan\n\n1. Jointly seizing open source\nA paragraph on export controls.\n(2) Second heading\nII. Roman heading\n一、总体要求\nPillar III: Lead in International Diplomacy\n1. A list item that ends a sentence.\n1.5 million people\n';
    const ts = tokens(txt, text);
    const headingLines = [...new Set(ts.filter((t) => t.scopes.includes('markup.heading.policy')).map((t) => t.line))];
    assert.deepStrictEqual(headingLines, [0, 2, 4, 5, 6, 7]);
    const section = (line: number) => ts.filter((t) => t.line === line && t.scopes.includes('entity.name.section.policy')).map((t) => t.text).join('');
    assert.strictEqual(section(2), 'Jointly seizing open source');
    assert.strictEqual(section(7), 'Lead in International Diplomacy');
    assert.ok(ts.some((t) => t.line === 2 && t.text === '1. ' && t.scopes.includes('punctuation.definition.heading.policy')));
    assert.deepStrictEqual(themed(ts.filter((t) => t.line === 2)), [['open source', 'open-source']]);
  });

  for (const [file, grammarOf] of [[CORPUS_US, () => txt], [SAMPLE_CN, () => txt], [SAMPLE_US, () => md]] as const) {
    itWithShared([file], `agrees with the JavaScript matcher token for token on ${path.basename(file)}`, () => {
      const grammar = grammarOf();
      const text = readFileSync(file, 'utf8');
      const fromGrammar = phrases(tokens(grammar, text)).map((t) => `${t.line}:${t.start}:${t.text}:${t.theme}`);
      const lines = splitLines(text);
      const fromMatcher: string[] = [];
      lines.forEach((l, i) => {
        for (const m of matcher.matchLine(l)) fromMatcher.push(`${i}:${m.start}:${m.text}:${m.themeId}`);
      });
      if (grammar === md) {
        // The Markdown grammar leaves code out; the sample has none, so both must agree completely.
        assert.ok(!/```/.test(text));
      }
      assert.deepStrictEqual(fromGrammar, fromMatcher, file);
      assert.ok(fromGrammar.length > 100, `${file}: ${fromGrammar.length} themed tokens`);
    });
  }

  itWithShared([CORPUS_US], 'covers the themes on real text', () => {
    const text = readFileSync(CORPUS_US, 'utf8');
    const seen = new Set(tokens(txt, text).map((t) => t.theme).filter(Boolean));
    assert.ok(seen.size >= 14, `${seen.size} themes seen in the US plan: ${[...seen].join(', ')}`);
  });

  // Catastrophic backtracking would exceed the suite's timeout; the speed itself is bench figure 1.
  itWithShared([CORPUS_US], 'tokenises 20 KB and 80 KB single-line paragraphs and near-miss lines as the matcher does', () => {
    const words = readFileSync(CORPUS_US, 'utf8').replace(/\s+/g, ' ');
    for (const size of [20_000, 80_000]) {
      const line = words.slice(0, size);
      for (const grammar of [md, txt]) {
        const ts = tokens(grammar, line);
        assert.strictEqual(phrases(ts).length, matcher.matchLine(line).length);
      }
      // A pathological line: many near-miss prefixes of long phrases.
      const nearMiss = 'open open-open national national-natio export export-contro '.repeat(size / 60);
      assert.strictEqual(phrases(tokens(txt, nearMiss)).length, matcher.matchLine(nearMiss).length);
    }
  });
});
