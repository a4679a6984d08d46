import { loadKnowledgePack } from '../core/data/loadPack';
import { formatProblem } from '../core/data/problem';
import { readPackSources } from '../core/data/packFiles';
import { colourContributions, tokenColorDefaults } from '../core/lexicon/contributions';
import { policyMarkdownGrammar, policyTextGrammar } from '../core/lexicon/grammar';
import { nodePackReader } from '../cli/nodePack';

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
    ['syntaxes/policy-markdown.tmLanguage.json', json(policyMarkdownGrammar(pack.themes))],
    ['syntaxes/policy-text.tmLanguage.json', json(policyTextGrammar(pack.themes))],
    ['package.json', json(pkg)],
  ]);
}
