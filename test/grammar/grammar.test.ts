import * as assert from 'assert';
import { readFileSync } from 'fs';
import type { IGrammar } from 'vscode-textmate';
import { loadGrammar, splitLines, tokenizeLines } from '../../src/cli/textmate';
import type { KnowledgePack } from '../../src/core/data/model';
import { POLICY_MARKDOWN_SCOPE, POLICY_TEXT_SCOPE } from '../../src/core/lexicon/grammar';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { bundledPack } from '../packFixture';
import { CORPUS_US, SAMPLE_CN, SAMPLE_US } from '../paths';

const THEME = /^entity\.other\.policy-theme\.(.+)$/;

interface Tok {
  line: number;
  text: string;
  start: number;
  end: number;
  scopes: readonly string[];
  theme?: string;
}

function tokens(grammar: IGrammar, text: string): Tok[] {
  const lines = splitLines(text);
  return [...tokenizeLines(grammar, lines)].map((t) => {
    const theme = t.scopes.map((s) => THEME.exec(s)?.[1]).find(Boolean);
    return { line: t.line, text: lines[t.line]!.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes, theme };
  });
}

const themed = (ts: Tok[]): [string, string][] => ts.filter((t) => t.theme).map((t) => [t.text, t.theme!]);

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

  it('policy text: themes only, case-insensitive, hyphen or space', () => {
    const ts = tokens(txt, 'OPEN-SOURCE models, the Global South and Export Controls.');
    assert.deepStrictEqual(themed(ts).map(([t, th]) => `${t}=${th}`), ['OPEN-SOURCE=open-source', 'Global South=global-south-capacity', 'Export Controls=export-controls-allies']);
  });

  it('agrees with the JavaScript matcher token for token on the US corpus and the samples', () => {
    for (const [file, grammar] of [[CORPUS_US, txt], [SAMPLE_CN, txt], [SAMPLE_US, md]] as const) {
      const text = readFileSync(file, 'utf8');
      const fromGrammar = tokens(grammar, text).filter((t) => t.theme).map((t) => `${t.line}:${t.start}:${t.text}:${t.theme}`);
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
    }
  });

  it('covers the themes on real text', () => {
    const text = readFileSync(CORPUS_US, 'utf8');
    const seen = new Set(tokens(txt, text).map((t) => t.theme).filter(Boolean));
    assert.ok(seen.size >= 14, `${seen.size} themes seen in the US plan: ${[...seen].join(', ')}`);
  });

  it('stays fast on 20 KB and 80 KB single-line paragraphs (no catastrophic backtracking)', () => {
    const words = readFileSync(CORPUS_US, 'utf8').replace(/\s+/g, ' ');
    for (const size of [20_000, 80_000]) {
      const line = words.slice(0, size);
      for (const grammar of [md, txt]) {
        const started = Date.now();
        const ts = tokens(grammar, line);
        const ms = Date.now() - started;
        assert.ok(ms < 5000, `${size} chars took ${ms} ms`);
        assert.strictEqual(ts.filter((t) => t.theme).length, matcher.matchLine(line).length);
      }
      // A pathological line: many near-miss prefixes of long phrases.
      const nearMiss = 'open open-open national national-natio export export-contro '.repeat(size / 60);
      const started = Date.now();
      tokens(txt, nearMiss);
      assert.ok(Date.now() - started < 5000);
    }
  });
});
