import * as vscode from 'vscode';
import { provisionAt, recognise, type LocatedProvision, type Recognition } from '../core/recognition/recognise';
import type { KnowledgePackService, LoadedPack } from './knowledgePackService';
import { fromVsPosition } from './convert';
import { isMarkdownLanguage } from './languages';

export interface Analysis extends LoadedPack {
  readonly recognition: Recognition;
}

/**
 * Recognition results per document version. Providers share one analysis, so a hover, the outline and the
 * status bar never recognise the same text twice.
 */
export class DocumentAnalysis implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; analysis: Promise<Analysis> }>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly packs: KnowledgePackService) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));
  }

  analyse(document: vscode.TextDocument): Promise<Analysis> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const text = document.getText();
    const markdown = isMarkdownLanguage(document.languageId) || /\.(md|markdown)$/i.test(document.uri.path);
    const analysis = this.packs.get().then((loaded) => ({ ...loaded, recognition: recognise(text, loaded.pack, { markdown }) }));
    this.cache.set(key, { version: document.version, analysis });
    return analysis;
  }

  async provisionAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ analysis: Analysis; located?: LocatedProvision }> {
    const analysis = await this.analyse(document);
    return { analysis, located: provisionAt(analysis.recognition, fromVsPosition(position)) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
