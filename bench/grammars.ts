/**
 * Grammars as VS Code has them: ours (syntaxes/), VS Code's Markdown, and every grammar Markdown includes —
 * the languages of its fenced-code rules, HTML — all from the tm-grammars package. This matters: vscode-textmate
 * drops a rule whose included grammars are all missing, so with Markdown alone loaded its 60-odd language
 * fences vanish and it looks cheaper than it is in VS Code.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import type { IGrammar } from 'vscode-textmate';
import { INITIAL } from 'vscode-textmate';
import { loadGrammar, shippedGrammars, type GrammarSources } from '../src/cli/textmate';

let scopeFiles: Map<string, string> | undefined;

/** scopeName → grammar file of the tm-grammars package (from its index, which lists name and scopeName). */
export function tmGrammarFiles(): Map<string, string> {
  if (!scopeFiles) {
    const dir = path.dirname(require.resolve('tm-grammars/grammars/markdown.json'));
    const index = readFileSync(path.join(dir, '..', 'index.js'), 'utf8');
    scopeFiles = new Map();
    for (const m of index.matchAll(/\bname: '([^']+)',\s*\n\s*scopeName: '([^']+)'/g)) scopeFiles.set(m[2]!, path.join(dir, `${m[1]}.json`));
  }
  return scopeFiles;
}

/**
 * Raw grammars by scope name: `extra` first, then ours (syntaxes/), then any grammar of tm-grammars, read on
 * first use. `withEmbedded: false` offers ours and Markdown only (what src/cli/textmate.ts loads).
 */
export function grammarSources(extra: Record<string, object> = {}, withEmbedded = true): GrammarSources {
  const shipped = shippedGrammars();
  const loaded = new Map<string, object>();
  return new Proxy({} as Record<string, object>, {
    get(_target, scope) {
      if (typeof scope !== 'string') return undefined;
      if (scope in extra) return extra[scope];
      if (scope in shipped) return shipped[scope];
      if (!withEmbedded) return undefined;
      let g = loaded.get(scope);
      const file = tmGrammarFiles().get(scope);
      if (!g && file) loaded.set(scope, (g = JSON.parse(readFileSync(file, 'utf8')) as object));
      return g;
    },
  });
}

export async function loadGrammars<K extends string>(scopes: Record<K, string>, sources: GrammarSources): Promise<Record<K, IGrammar>> {
  const out = {} as Record<K, IGrammar>;
  for (const key of Object.keys(scopes) as K[]) out[key] = await loadGrammar(scopes[key], sources);
  return out;
}

export interface TokenizeRun {
  readonly ms: number;
  /** Time of each line. */
  readonly lineMs: Float64Array;
  readonly tokens: number;
}

/** Tokenises line by line carrying the rule stack, as VS Code does, timing the whole and each line. */
export function tokenizeTimed(grammar: IGrammar, lines: readonly string[]): TokenizeRun {
  let stack = INITIAL;
  let tokens = 0;
  const lineMs = new Float64Array(lines.length);
  const t0 = performance.now();
  for (let i = 0; i < lines.length; i++) {
    const a = performance.now();
    const r = grammar.tokenizeLine(lines[i]!, stack);
    lineMs[i] = performance.now() - a;
    tokens += r.tokens.length;
    stack = r.ruleStack;
  }
  return { ms: performance.now() - t0, lineMs, tokens };
}

/**
 * The slowest line, robustly: each line's median time over several runs, then the maximum (one garbage
 * collection during one run does not make a line slow).
 */
export function slowestLine(runs: readonly TokenizeRun[]): { ms: number; line: number } {
  let ms = 0;
  let line = 0;
  const n = runs[0]?.lineMs.length ?? 0;
  for (let i = 0; i < n; i++) {
    const times = runs.map((r) => r.lineMs[i]!).sort((a, b) => a - b);
    const m = times[times.length >> 1]!;
    if (m > ms) {
      ms = m;
      line = i;
    }
  }
  return { ms, line };
}
