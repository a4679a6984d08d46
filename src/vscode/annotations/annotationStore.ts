import * as vscode from 'vscode';
import { problemDiagnostic } from '../convert';
import { setting } from '../settings';
import type { AnchorStatus, OffsetRange, TextEdit } from '../../core/anchoring';
import { formatProblem, type Problem } from '../../core/data/problem';
import { SidecarPersistence } from '../../core/sidecar/persistence';
import type { Annotation } from '../../core/sidecar/model';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { showInformation, showWarning } from '../errors';
import { folderInWorkspace } from '../workspaceScope';
import { relativeFromSidecar, sidecarUriFor, SIDECAR_SUFFIX } from './sidecarPaths';
import { SidecarSession, type SessionEvents } from './sidecarSession';
import { TrustGate } from './trustGate';

/** The annotations of one open document: the model we write, and where each one is now. */
export interface DocumentAnnotations {
  readonly document: vscode.Uri;
  readonly sidecar: vscode.Uri;
  readonly annotations: ReadonlyMap<string, Annotation>;
  readonly ranges: ReadonlyMap<string, OffsetRange | 'orphaned'>;
  readonly status: ReadonlyMap<string, AnchorStatus>;
  /** True while the sidecar on disk has errors or cannot be read: it is never overwritten then. */
  readonly readOnly: boolean;
}

/** A document's session and what the editor knows of the document (its text, once closed). */
class Entry implements DocumentAnnotations {
  session!: SidecarSession;
  /** The text when the document closed; undefined while it is open. */
  snapshot: string | undefined;

  constructor(
    public document: vscode.Uri,
    readonly sidecar: vscode.Uri,
    public textDocument: vscode.TextDocument,
  ) {}

  text(): string {
    return this.snapshot ?? this.textDocument.getText();
  }

  get annotations(): ReadonlyMap<string, Annotation> {
    return this.session.model.annotations;
  }
  get ranges(): ReadonlyMap<string, OffsetRange | 'orphaned'> {
    return this.session.model.ranges;
  }
  get status(): ReadonlyMap<string, AnchorStatus> {
    return this.session.model.status;
  }
  get readOnly(): boolean {
    return this.session.readOnly;
  }
}

const rel = (uri: vscode.Uri): string => vscode.workspace.asRelativePath(uri);

/**
 * The editor's side of annotations: one SidecarSession per open document (model, persistence, disk events),
 * wired to VS Code's events, the sidecar watcher, Problems and messages. Documents closed with changes that
 * could not be written stay here until the window closes, and are used again when the document reopens.
 */
export class AnnotationStore implements vscode.Disposable {
  private readonly open = new Map<string, Entry>();
  private readonly kept = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry | undefined>>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly sidecarProblems = vscode.languages.createDiagnosticCollection('policy-lens-sidecars');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly persistence: SidecarPersistence;
  private readonly gate: TrustGate;
  private toldNotWritten = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly accepts: (document: vscode.TextDocument) => boolean,
    workspaceState: vscode.Memento,
    fileSystem: FileSystemPort,
  ) {
    const maxBytes = setting('sidecarMaxBytes');
    this.persistence = new SidecarPersistence(fileSystem, { maxBytes, display: (l) => rel(vscode.Uri.parse(l)), sidecarFolder: (l) => folderInWorkspace(vscode.Uri.parse(l)) });
    this.gate = new TrustGate({ isTrusted: () => vscode.workspace.isTrusted, memory: workspaceState, ask: askToWrite });
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.forSidecar(uri, (s) => s.diskChanged())),
      watcher.onDidCreate((uri) => this.forSidecar(uri, (s) => s.diskChanged())),
      watcher.onDidDelete((uri) => this.forSidecar(uri, (s) => s.diskDeleted())),
      vscode.workspace.onDidOpenTextDocument((d) => this.quietly(this.load(d))),
      vscode.workspace.onDidChangeTextDocument((e) => this.track(e)),
      vscode.workspace.onDidSaveTextDocument((d) => this.quietly(this.saved(d))),
      vscode.workspace.onDidCloseTextDocument((d) => this.quietly(this.closed(d))),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.sidecarFolder') && this.quietly(this.reloadAll())),
      this.changed,
      this.sidecarProblems,
    );
    for (const d of vscode.workspace.textDocuments) this.quietly(this.load(d));
  }

  /** Event-driven work has nobody to report to: failures go to the log. */
  private quietly(p: Promise<unknown>): void {
    p.catch((err: unknown) => this.log.error(`annotations: ${err instanceof Error ? err.message : String(err)}`));
  }

  private forSidecar(uri: vscode.Uri, work: (s: SidecarSession) => Promise<void>): void {
    const key = uri.toString();
    for (const entry of [...this.open.values(), ...this.kept.values()]) if (entry.sidecar.toString() === key) this.quietly(work(entry.session));
  }

  /**
   * Sidecars moved (setting changed): each document's annotations are read from the new place once its
   * changes are written; one whose changes cannot be written yet stays with its old file (nothing dropped).
   */
  private async reloadAll(): Promise<void> {
    for (const [key, entry] of [...this.open]) {
      if ((await entry.session.close()) === 'kept') {
        this.log.warn(`${rel(entry.sidecar)}: unwritten annotation changes; the document keeps this file until they are written`);
        continue;
      }
      this.open.delete(key);
      await this.load(entry.textDocument);
      this.changed.fire(entry.document);
    }
  }

  /** Whether the workspace's files may be written without asking (trusted, or the user agreed). */
  writesAllowed(): boolean {
    return this.gate.writesAllowed();
  }

  /** The annotations of a document, loading its sidecar on first request. */
  async get(document: vscode.TextDocument): Promise<DocumentAnnotations | undefined> {
    return this.open.get(document.uri.toString()) ?? (await this.load(document));
  }

  peek(document: vscode.Uri): DocumentAnnotations | undefined {
    return this.open.get(document.toString());
  }

  /** Annotations whose current range contains the offset (an interval index: hovers never scan them all). */
  at(view: DocumentAnnotations, offset: number): Annotation[] {
    return (view as Entry).session.model.at(offset);
  }

  load(document: vscode.TextDocument): Promise<Entry | undefined> {
    if (!this.accepts(document)) return Promise.resolve(undefined);
    const key = document.uri.toString();
    const existing = this.open.get(key);
    if (existing) return Promise.resolve(existing);
    let p = this.loading.get(key);
    if (!p) {
      p = this.start(document).finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  private async start(document: vscode.TextDocument): Promise<Entry> {
    const key = document.uri.toString();
    await this.closing.get(key);
    const kept = this.kept.get(key);
    if (kept) {
      // Closed with unwritten changes: they come back, anchored in the text as it is now.
      this.kept.delete(key);
      kept.textDocument = document;
      kept.snapshot = undefined;
      kept.session.model.anchorAll(document.getText());
      this.open.set(key, kept);
      this.changed.fire(document.uri);
      return kept;
    }
    const sidecar = sidecarUriFor(document.uri);
    const entry = new Entry(document.uri, sidecar, document);
    entry.session = new SidecarSession({
      persistence: this.persistence,
      gate: this.gate,
      sidecar: sidecar.toString(),
      displayName: rel(sidecar),
      documentName: relativeFromSidecar(sidecar, document.uri),
      text: () => entry.text(),
      events: this.eventsFor(entry),
    });
    await entry.session.load();
    if (document.isClosed) return entry;
    this.open.set(key, entry);
    // The session's own change event came before the entry was open (peek() was empty): tell listeners
    // again, or an annotation that is fuzzy or orphaned when the document opens would get no diagnostic.
    this.changed.fire(document.uri);
    return entry;
  }

  private eventsFor(entry: Entry): SessionEvents {
    const name = rel(entry.sidecar);
    return {
      changed: () => this.changed.fire(entry.document),
      problems: (problems) => this.showProblems(entry.sidecar, problems),
      readOnly: (reason) => showWarning(vscode.l10n.t('Policy Lens: {0} {1}. Its annotations are shown read-only and the file will not be overwritten until it is fixed.', name, reason)),
      conflicts: (n) => showWarning(vscode.l10n.t('Policy Lens: {0} annotation(s) in {1} changed both here and on disk; your version is kept.', n, name)),
      notWritten: () => {
        this.log.warn(`${name}: not written (workspace not trusted); the annotations are kept in the editor`);
        if (this.toldNotWritten) return;
        this.toldNotWritten = true;
        showInformation(vscode.l10n.t('Policy Lens: this workspace is not trusted, so annotation files are not written. Your annotations are kept in the editor until the window closes; trust the workspace to write them.'));
      },
      log: (m) => this.log.info(m),
      offerRestore: async (count) => {
        const restore = vscode.l10n.t('Restore');
        const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: {0} was deleted; its {1} annotation(s) are no longer shown.', name, count), restore);
        return choice === restore ? 'restore' : undefined;
      },
    };
  }

  private showProblems(sidecar: vscode.Uri, problems: readonly Problem[]): void {
    this.sidecarProblems.set(
      sidecar,
      problems.map((p) => problemDiagnostic(p)),
    );
    for (const p of problems) this.log.warn(formatProblem(p));
  }

  /** Ranges follow the edit. */
  private track(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.open.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0 || entry.annotations.size === 0) return;
    const edits: TextEdit[] = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset).map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    entry.session.model.edit(edits, () => e.document.getText());
    this.changed.fire(e.document.uri);
  }

  /** On save: selectors are refreshed from the saved text and whatever is unwritten is written. */
  private async saved(document: vscode.TextDocument): Promise<void> {
    await this.open.get(document.uri.toString())?.session.saved();
  }

  /** Closing never drops unwritten changes: they are written, or kept until the window closes. */
  private closed(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const entry = this.open.get(key);
    if (!entry) return Promise.resolve();
    this.open.delete(key);
    entry.snapshot = document.getText();
    const p = entry.session.close().then((outcome) => {
      if (outcome === 'kept') {
        this.kept.set(key, entry);
        this.log.warn(`${rel(entry.sidecar)}: closed with unwritten annotation changes; kept until the window closes`);
      } else if (outcome === 'written') this.log.info(`${rel(entry.sidecar)}: unwritten changes written on close`);
    });
    const done = p.finally(() => this.closing.delete(key));
    this.closing.set(key, done);
    return done;
  }

  /** Adds or replaces annotations (user actions): written at once, through the trust gate. */
  async put(document: vscode.TextDocument, annotations: readonly Annotation[], ranges?: ReadonlyMap<string, OffsetRange>): Promise<void> {
    const entry = await this.load(document);
    if (!entry) throw new Error(vscode.l10n.t('Policy Lens does not annotate this kind of document.'));
    await entry.session.put(annotations, ranges);
  }

  async remove(document: vscode.TextDocument, id: string): Promise<void> {
    const entry = await this.load(document);
    if (!entry) return;
    await entry.session.remove(id);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The trust question, asked once per workspace (TrustGate); a notification, so nothing waits on a modal. */
async function askToWrite(): Promise<boolean | undefined> {
  const write = vscode.l10n.t('Write Annotation Files');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Policy Lens: this workspace is not trusted. Write annotation files (*.annotations.yaml) in it when you annotate or save? Asked once for this workspace.'),
    write,
    vscode.l10n.t('Not in This Workspace'),
  );
  return choice === undefined ? undefined : choice === write;
}
