import * as vscode from 'vscode';
import { loadKnowledgePack } from '../core/data/loadPack';
import type { KnowledgePack } from '../core/data/model';
import { formatProblem } from '../core/data/problem';
import { readPackSources, type PackReader } from '../core/data/packFiles';
import { ThemeMatcher } from '../core/lexicon/themeMatcher';
import { showError } from './errors';

export interface LoadedPack {
  readonly pack: KnowledgePack;
  readonly matcher: ThemeMatcher;
}

/** The bundled knowledge pack, read through workspace.fs on first use (not during activation). */
export class KnowledgePackService {
  private loading: Promise<LoadedPack> | undefined;

  constructor(
    private readonly packUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get(): Promise<LoadedPack> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<LoadedPack> {
    const started = Date.now();
    const fs = vscode.workspace.fs;
    const decoder = new TextDecoder('utf-8');
    const reader: PackReader = {
      readText: async (rel) => decoder.decode(await fs.readFile(vscode.Uri.joinPath(this.packUri, rel))),
      list: async (rel) => (await fs.readDirectory(vscode.Uri.joinPath(this.packUri, rel))).map(([name]) => name),
      display: (rel) => `annotations/${rel}`,
    };
    const { pack, problems } = loadKnowledgePack(await readPackSources(reader));
    for (const p of problems) this.log.error(formatProblem(p));
    if (problems.length) showError(`Policy Lens: the knowledge pack has ${problems.length} problem(s); see the Policy Lens output.`);
    const matcher = new ThemeMatcher(pack.themes);
    this.log.info(`knowledge pack: ${pack.plans.length} plans, ${pack.themes.length} themes, ${pack.links.length} links, ${matcher.size} phrases in ${Date.now() - started} ms`);
    return { pack, matcher };
  }
}
