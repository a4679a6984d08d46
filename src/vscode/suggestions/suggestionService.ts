import * as vscode from 'vscode';
import type { KnowledgePack, Provision } from '../../core/data/model';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { suggestedSection } from '../../core/hover/suggestedSection';
import { PackSuggestions, type SuggestedCounterpart } from '../../core/suggest/packSuggestions';
import type { KnowledgePackService } from '../knowledgePackService';
import { DismissedStore } from './dismissedStore';

/**
 * Suggested counterparts for the hover and Jump to Counterpart: ranked once per knowledge-pack version (the
 * cache is dropped when the pack reloads, and never used for another pack object), filtered per request by
 * the curated links and the dismissed pairs.
 */
export class SuggestionService implements vscode.Disposable {
  private cache: PackSuggestions | undefined;
  readonly dismissed: DismissedStore;
  private readonly subscriptions: vscode.Disposable[];

  constructor(packs: KnowledgePackService, port: FileSystemPort) {
    this.dismissed = new DismissedStore(port);
    this.subscriptions = [packs.onDidChange(() => (this.cache = undefined)), this.dismissed];
  }

  /** The ranking for this pack, built on first use (the same object for every hover until the pack reloads). */
  rankingFor(pack: KnowledgePack): PackSuggestions {
    if (this.cache?.pack !== pack) this.cache = new PackSuggestions(pack);
    return this.cache;
  }

  /** What is shown for a provision: top suggestions that are neither curated nor dismissed. */
  async shown(pack: KnowledgePack, provisionId: string): Promise<SuggestedCounterpart[]> {
    const ranking = this.rankingFor(pack);
    if (ranking.ranked(provisionId).length === 0) return [];
    const dismissed = await this.dismissed.all();
    return ranking.shown(provisionId, (a, b) => dismissed.has(a, b));
  }

  /** The hover card's "Suggested" section for a provision ('' when there is none). */
  async hoverSection(pack: KnowledgePack, provision: Provision | undefined, document: vscode.Uri): Promise<string> {
    if (!provision) return '';
    return suggestedSection(pack, provision, await this.shown(pack, provision.id), document.toString());
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
