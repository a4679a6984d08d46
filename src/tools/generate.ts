import { readFileSync } from 'fs';
import * as path from 'path';
import markdownGrammar from 'tm-grammars/grammars/markdown.json';
import { loadKnowledgePack } from '../core/data/loadPack';
import { formatProblem } from '../core/data/problem';
import { readPackSources } from '../core/data/packFiles';
import { colourContributions, tokenColorDefaults } from '../core/lexicon/contributions';
import { policyMarkdownGrammar, policyTextGrammar } from '../core/lexicon/grammar';
import { nodePackReader } from '../cli/nodePack';

/**
 * The licence notice of VS Code's Markdown grammar, from the NOTICE file of the tm-grammars package that ships
 * it (the block whose "Files:" line names markdown.json), as lines for the generated grammar's header.
 */
export function markdownGrammarNotice(repo: string): string[] {
  const dir = path.join(repo, 'node_modules', 'tm-grammars');
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const blocks = readFileSync(path.join(dir, 'NOTICE'), 'utf8').split(/^={20,}$/m);
  const block = blocks.find((b) => /^Files:.*(?:^|[\s,])markdown\.json(?:,|\s*$)/m.test(b));
  if (!block) throw new Error('tm-grammars/NOTICE has no licence block for markdown.json');
  const [head, ...body] = block.split(/^-{20,}$/m);
  const source = /^License:\s*(\S+)/m.exec(head ?? '')?.[1] ?? 'unknown';
  const licence = body.join('').trim().split('\n').map((l) => l.trimEnd());
  return [`Source: tm-grammars ${version}, grammars/markdown.json (${source}). Its licence:`, ...licence];
}

/** Everything generated from the knowledge pack: file path (relative to the repo) → expected content. */
export async function generatedFiles(repo: string, packageJsonText: string): Promise<Map<string, string>> {
  const { pack, problems } = loadKnowledgePack(await readPackSources(nodePackReader(`${repo}/annotations`, repo)));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`knowledge pack has errors:\n${errors.map(formatProblem).join('\n')}`);
  const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
  const pkg = JSON.parse(packageJsonText) as { contributes: Record<string, unknown> };
  pkg.contributes['colors'] = colourContributions(pack.themes);
  const defaults = (pkg.contributes['configurationDefaults'] ??= {}) as Record<string, unknown>;
  defaults['editor.tokenColorCustomizations'] = tokenColorDefaults(pack.themes);
  return new Map([
    ['syntaxes/policy-markdown.tmLanguage.json', json(policyMarkdownGrammar(pack.themes, markdownGrammar, markdownGrammarNotice(repo)))],
    ['syntaxes/policy-text.tmLanguage.json', json(policyTextGrammar(pack.themes))],
    ['package.json', json(pkg)],
  ]);
}
