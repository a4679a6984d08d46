import * as vscode from 'vscode';
import type { KnowledgePack } from '../../core/data/model';
import { MAX_EDITOR_ANALYSIS_CHARS } from '../../core/limits';
import { MentionFinder, type Mention } from '../../core/mentions/mentions';
import type { KnowledgePackService } from '../knowledgePackService';
import { isReadingLanguage } from '../languages';
import { logFailure } from '../logger';
import { mentionAt } from './mentionLookup';

/** After an edit, mentions are found again once typing has paused this long (or 3× the last search's cost). */
const REFRESH_DELAY_MS = 300;
const MAX_REFRESH_DELAY_MS = 2_000;

interface Pending {
  readonly version: number;
  /** undefined: given up, the document changed (or closed) before the search ran. */
  readonly result: Promise<readonly Mention[] | undefined>;
}

/**
 * Mentions of known provisions per document, off the typing path: searched once per document version (on a
 * request — a hover, F12, the outline — or after a pause in typing for documents being tracked), cached, and
 * given up when the document changed before the search could start. Documents past the editor's analysis limit
 * have none. The finder is built once per pack; a pack change drops every result.
 */
export class MentionService implements vscode.Disposable {
  private finder: { readonly pack: KnowledgePack; readonly finder: MentionFinder } | undefined;
  private readonly pending = new Map<string, Pending>();
  /** The last finished search per document, perhaps of an older version (decisions that must not flicker). */
  private readonly settled = new Map<string, { readonly version: number; readonly mentions: readonly Mention[] }>();
  private readonly tracked = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly costs = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** A search finished for the document's current version. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly packs: KnowledgePackService) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
      packs.onDidChange(() => {
        this.finder = undefined;
        this.pending.clear();
        this.settled.clear();
        for (const d of vscode.workspace.textDocuments) if (this.tracked.has(d.uri.toString())) this.schedule(d, 0);
      }),
    ];
  }

  /** The document's mentions as it is now (searched now when not yet known); [] when it changed meanwhile. */
  async mentions(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<readonly Mention[]> {
    const key = document.uri.toString();
    let p = this.pending.get(key);
    if (p?.version !== document.version) {
      p = { version: document.version, result: this.search(document) };
      this.pending.set(key, p);
    }
    const found = await p.result;
    if (found === undefined && this.pending.get(key) === p) this.pending.delete(key);
    return found === undefined || token?.isCancellationRequested ? [] : found;
  }

  async at(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<Mention | undefined> {
    return mentionAt(await this.mentions(document, token), document.offsetAt(position));
  }

  /** The last mentions found, maybe for an older version; undefined before the first search. */
  latest(document: vscode.TextDocument): readonly Mention[] | undefined {
    return this.settled.get(document.uri.toString())?.mentions;
  }

  /** Keeps the document's mentions current while it is edited (a visible editor shows it). */
  track(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.tracked.has(key)) return;
    this.tracked.add(key);
    if (this.settled.get(key)?.version !== document.version) this.schedule(document, 0);
  }

  private async search(document: vscode.TextDocument): Promise<readonly Mention[] | undefined> {
    const version = document.version;
    if (!isReadingLanguage(document.languageId) || document.lineCount === 0) return [];
    const { pack } = await this.packs.get();
    // Let the request that asked return first; a document edited since is not searched (stale).
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (document.isClosed || document.version !== version) return undefined;
    const text = document.getText();
    const key = document.uri.toString();
    let found: readonly Mention[] = [];
    if (text.length <= MAX_EDITOR_ANALYSIS_CHARS) {
      const started = performance.now();
      found = this.finderFor(pack).find(text);
      this.costs.set(key, performance.now() - started);
    }
    this.settled.set(key, { version, mentions: found });
    this.changed.fire(document);
    return found;
  }

  private finderFor(pack: KnowledgePack): MentionFinder {
    if (this.finder?.pack !== pack) this.finder = { pack, finder: new MentionFinder(pack) };
    return this.finder.finder;
  }

  private edited(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.tracked.has(key)) return;
    const cost = this.costs.get(key) ?? 0;
    this.schedule(document, Math.min(MAX_REFRESH_DELAY_MS, Math.max(REFRESH_DELAY_MS, 3 * cost)));
  }

  /** A pause that a newer edit interrupts starts over: only the version current at the end is searched. */
  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.mentions(document).then(undefined, logFailure('mentions'));
      }, delay),
    );
  }

  private forget(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.pending.delete(key);
    this.settled.delete(key);
    this.tracked.delete(key);
    this.costs.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
