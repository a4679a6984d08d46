import { readFileSync, existsSync } from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import markdownGrammar from 'tm-grammars/grammars/markdown.json';
import { MARKDOWN_SCOPE, POLICY_MARKDOWN_SCOPE, POLICY_TEXT_SCOPE } from '../core/lexicon/grammar';
import { MAX_TOKENIZATION_LINE_LENGTH } from '../core/limits';

/**
 * Tokenising with the engine VS Code uses (vscode-textmate + Oniguruma), for the grammar tests and the
 * benchmarks; the CLI's `themes` uses the matcher (no WASM engine of 50 MB, issue 13). VS Code's Markdown
 * grammar comes from the tm-grammars package.
 */

let onig: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  if (!onig) {
    const bytes = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onig = oniguruma.loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return onig;
}

export function syntaxesDir(): string {
  for (const dir of [path.join(__dirname, '..', 'syntaxes'), path.join(__dirname, '..', '..', '..', 'syntaxes')]) {
    if (existsSync(path.join(dir, 'policy-text.tmLanguage.json'))) return dir;
  }
  throw new Error(`cannot find the grammars next to ${__dirname}`);
}

export interface GrammarSources {
  /** Raw grammars by scope name; defaults to the checked-in ones and VS Code's Markdown. */
  readonly [scopeName: string]: object;
}

export function shippedGrammars(): GrammarSources {
  const dir = syntaxesDir();
  const read = (name: string): object => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as object;
  return {
    [POLICY_MARKDOWN_SCOPE]: read('policy-markdown.tmLanguage.json'),
    [POLICY_TEXT_SCOPE]: read('policy-text.tmLanguage.json'),
    [MARKDOWN_SCOPE]: markdownGrammar,
  };
}

export async function loadGrammar(scopeName: string, sources: GrammarSources = shippedGrammars()): Promise<IGrammar> {
  await loadOniguruma();
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string): Promise<IRawGrammar | null> => {
      const raw = sources[scope];
      return raw ? parseRawGrammar(JSON.stringify(raw), `${scope}.json`) : null;
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} could not be loaded`);
  return grammar;
}

export interface LineToken {
  readonly line: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly scopes: readonly string[];
}

/**
 * Tokenises line by line, carrying the rule stack as VS Code does. Like VS Code (its
 * TokenizationSupportWithLineLimit), a line of `maxLineLength` characters or more is not tokenised at all —
 * no theme colours — and the rule stack passes over it unchanged.
 */
export function* tokenizeLines(grammar: IGrammar, lines: readonly string[], maxLineLength = MAX_TOKENIZATION_LINE_LENGTH): Generator<LineToken> {
  let stack = INITIAL;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length >= maxLineLength) continue;
    const r = grammar.tokenizeLine(lines[i]!, stack);
    for (const t of r.tokens) yield { line: i, startIndex: t.startIndex, endIndex: t.endIndex, scopes: t.scopes };
    stack = r.ruleStack;
  }
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export interface ThemeToken {
  readonly theme: string;
  readonly text: string;
  readonly line: number;
  readonly character: number;
  readonly length: number;
}

const THEME_SCOPE = /^entity\.other\.policy-theme\.([a-z0-9-]+)/;

/**
 * The themed phrases the grammar colours, line by line (adjacent tokens of one phrase, e.g. around an inline
 * Markdown scope, joined): what the grammar tests and benchmarks hold the matcher to. The CLI uses the matcher.
 */
export function* grammarThemeTokens(text: string, grammar: IGrammar): Generator<ThemeToken> {
  const lines = splitLines(text);
  let pending: ThemeToken | undefined;
  for (const t of tokenizeLines(grammar, lines)) {
    let theme: string | undefined;
    for (const s of t.scopes) theme = THEME_SCOPE.exec(s)?.[1] ?? theme;
    if (!theme) continue;
    const piece = lines[t.line]!.slice(t.startIndex, t.endIndex);
    if (pending && pending.theme === theme && pending.line === t.line && pending.character + pending.length === t.startIndex) {
      pending = { ...pending, length: pending.length + piece.length, text: pending.text + piece };
      continue;
    }
    if (pending) yield pending;
    pending = { theme, text: piece, line: t.line, character: t.startIndex, length: piece.length };
  }
  if (pending) yield pending;
}
