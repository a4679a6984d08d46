import * as vscode from 'vscode';
import { passagesBehind } from '../../core/charts/compareCharts';
import type { Passage } from '../../core/charts/passages';
import { LineIndex } from '../../core/text/lineIndex';
import { CommandId } from '../commandIds';
import { logError } from '../logger';
import { compareHtml, newNonce, schemeOf } from './compareHtml';
import type { WorkspaceComparison } from './compareWorkspace';
import { openPassageLink } from './openPassage';

export const COMPARE_VIEW_TYPE = 'policyLens.comparePlans';
/** Passages listed at most for one bar or cell (the count says how many there are). */
export const MAX_LISTED_PASSAGES = 200;

/** What the page reports once its script has run: the tab stops and tables it found. */
export interface PageReady {
  readonly focusable: number;
  readonly tables: number;
  readonly charts: number;
  /** VS Code's theme kind on the page's body (vscode-light, vscode-dark, vscode-high-contrast…). */
  readonly themeKind: string;
  readonly firstBarFill: string;
}

export interface PassageItem {
  readonly label: string;
  readonly excerpt: string;
  readonly href: string;
}

export interface PassageList {
  readonly title: string;
  readonly total: number;
  readonly items: readonly PassageItem[];
}

type FromPage = ({ type: 'ready' } & PageReady) | { type: 'select'; chart: string; a: string; b: string } | { type: 'refresh' } | { type: 'shown'; links: number };

function isMessage(m: unknown): m is FromPage {
  const o = m as Record<string, unknown> | undefined;
  if (typeof o?.['type'] !== 'string') return false;
  if (o['type'] === 'select') return typeof o['chart'] === 'string' && typeof o['a'] === 'string' && typeof o['b'] === 'string';
  if (o['type'] === 'ready') return ['focusable', 'tables', 'charts'].every((k) => typeof o[k] === 'number') && typeof o['themeKind'] === 'string' && typeof o['firstBarFill'] === 'string';
  if (o['type'] === 'shown') return typeof o['links'] === 'number';
  return o['type'] === 'refresh';
}

/**
 * The *Compare Plans* webview: draws the charts for the editor's colour theme (drawn again when it
 * changes), and answers the page's "select" messages with the passages behind a bar or cell as links to
 * our open-passage command. The page can do nothing else: scripts with a nonce, command links to that one
 * command only, resources from the extension's media folder only.
 */
export class ComparePanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private comparison: WorkspaceComparison | undefined;
  private texts = new Map<string, LineIndex>();
  private readonly readyEmitter = new vscode.EventEmitter<PageReady>();
  /** The page's script ran (after every render): the extension-host test waits for it. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private readonly listedEmitter = new vscode.EventEmitter<{ list: PassageList; links: number }>();
  /** A passage list was sent and the page showed it with this many links. */
  readonly onDidShowPassages = this.listedEmitter.event;
  private lastList: PassageList | undefined;
  /** The page's last report after a render, and the last passage list it showed (for the test). */
  lastReady: PageReady | undefined;
  lastShown: { list: PassageList; links: number } | undefined;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly compute: (token: vscode.CancellationToken) => Promise<WorkspaceComparison | undefined>,
    private readonly testHooks: boolean,
  ) {
    this.disposables.push(
      this.readyEmitter,
      this.listedEmitter,
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.window.onDidChangeActiveColorTheme(() => this.render()),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
    this.refresh().then(undefined, (err: unknown) => logError('Compare Plans', err));
  }

  static create(extensionUri: vscode.Uri, compute: ComparePanel['compute'], testHooks: boolean): ComparePanel {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, vscode.l10n.t('Compare Plans'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: [CommandId.openPassage],
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    return new ComparePanel(panel, extensionUri, compute, testHooks);
  }

  get webviewPanel(): vscode.WebviewPanel {
    return this.panel;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Reads the workspace again and draws the result (with a progress note in the status bar). */
  async refresh(): Promise<void> {
    // A refresh supersedes the one still running.
    this.running?.cancel();
    this.running?.dispose();
    const source = (this.running = new vscode.CancellationTokenSource());
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Policy Lens: comparing plans') }, () => this.compute(source.token));
      if (!result || this.disposed || source.token.isCancellationRequested) return;
      this.comparison = result;
      this.texts = new Map([...result.texts].map(([k, v]) => [k, new LineIndex(v)]));
      this.render();
    } finally {
      if (this.running === source) this.running = undefined;
      source.dispose();
    }
  }

  private disposed = false;
  private running: vscode.CancellationTokenSource | undefined;

  private render(): void {
    if (this.disposed) return;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = this.panel.webview;
    webview.html = compareHtml(this.comparison, schemeOf(vscode.window.activeColorTheme.kind), {
      cspSource: webview.cspSource,
      script: webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.js')),
      style: webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.css')),
      nonce: newNonce(),
      testHooks: this.testHooks,
    });
  }

  /** The passages behind a bar or cell, as the page lists them (positions as LINE:CHAR + 1, like the editor's). */
  passages(chart: string, a: string, b: string): PassageList | undefined {
    if (!this.comparison) return undefined;
    const found = passagesBehind(this.comparison.data, chart, a, b);
    const items = found.slice(0, MAX_LISTED_PASSAGES).map((p) => this.item(p));
    const title = `${found.length} passage${found.length === 1 ? '' : 's'}${found.length > MAX_LISTED_PASSAGES ? ` (the first ${MAX_LISTED_PASSAGES} listed)` : ''}`;
    return { title, total: found.length, items };
  }

  private item(p: Passage): PassageItem {
    const pos = this.texts.get(p.document)?.positionAt(p.start);
    const label = `${vscode.workspace.asRelativePath(vscode.Uri.parse(p.document))}${pos ? `:${pos.line + 1}:${pos.character + 1}` : ''}`;
    return { label, excerpt: p.excerpt, href: openPassageLink({ document: p.document, start: p.start, end: p.end }) };
  }

  /** Test hook: presses a key on the page's nth tab stop (ExtensionMode.Test only; the page ignores it otherwise). */
  press(index: number, key: 'Enter' | ' '): Thenable<boolean> {
    return this.panel.webview.postMessage({ type: 'test-press', index, key });
  }

  private receive(m: unknown): void {
    if (!isMessage(m)) return;
    switch (m.type) {
      case 'ready':
        this.lastReady = { focusable: m.focusable, tables: m.tables, charts: m.charts, themeKind: m.themeKind, firstBarFill: m.firstBarFill };
        this.readyEmitter.fire(this.lastReady);
        return;
      case 'refresh':
        this.refresh().then(undefined, (err: unknown) => logError('Compare Plans', err));
        return;
      case 'shown':
        if (this.lastList) this.listedEmitter.fire((this.lastShown = { list: this.lastList, links: m.links }));
        return;
      case 'select': {
        const list = this.passages(m.chart, m.a, m.b);
        if (!list) return;
        this.lastList = list;
        this.panel.webview.postMessage({ type: 'passages', ...list }).then(undefined, (err: unknown) => logError('Compare Plans', err));
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.running?.cancel();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}
