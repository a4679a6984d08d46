import * as vscode from 'vscode';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { readBytes } from '../../core/fs/readBytes';
import { formatProblem, type Problem } from '../../core/data/problem';
import { addDismissed, DISMISSED_SUGGESTIONS_FILE, DismissedSet, parseDismissed, type DismissedPair } from '../../core/suggest/dismissed';
import { problemDiagnostic } from '../convert';
import { logWarning } from '../logger';

/** A dismissed list is a few lines; anything much larger is not ours. */
const MAX_BYTES = 1024 * 1024;

interface FolderState {
  readonly pairs: readonly DismissedPair[];
}

/**
 * The dismissed suggestions of each workspace folder (`.policy-lens/dismissed-suggestions.yaml`), read on
 * first use and again when the file changes; problems in the file go to the Problems panel at their line.
 * Pairs dismissed where nothing may be written (Restricted Mode) are kept here until the window closes.
 */
export class DismissedStore implements vscode.Disposable {
  private readonly folders = new Map<string, Promise<FolderState>>();
  private readonly session: DismissedPair[] = [];
  private readonly problems = vscode.languages.createDiagnosticCollection('policy-lens-dismissed');
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${DISMISSED_SUGGESTIONS_FILE}`);
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a dismissed list changed (on disk or here). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly port: FileSystemPort) {
    const reread = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) this.folders.delete(folder.uri.toString());
      this.changed.fire();
    };
    this.subscriptions = [this.watcher.onDidChange(reread), this.watcher.onDidCreate(reread), this.watcher.onDidDelete(reread), vscode.workspace.onDidChangeWorkspaceFolders(() => this.folders.clear())];
  }

  static fileOf(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, ...DISMISSED_SUGGESTIONS_FILE.split('/'));
  }

  /** Every pair dismissed in the workspace (all folders, and this session's). */
  async all(): Promise<DismissedSet> {
    const states = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.state(f)));
    return new DismissedSet([...states.flatMap((s) => s.pairs), ...this.session]);
  }

  /** Remembers a pair for this window only (nothing written). */
  keepInSession(pair: DismissedPair): void {
    this.session.push(pair);
    this.changed.fire();
  }

  /** Adds a pair to the folder's file (created when missing; comments kept); a broken file is left alone. */
  async add(folder: vscode.WorkspaceFolder, pair: DismissedPair): Promise<void> {
    const uri = DismissedStore.fileOf(folder);
    const location = uri.toString();
    const write = async (): Promise<void> => {
      const text = await this.readText(location);
      const next = addDismissed(vscode.workspace.asRelativePath(uri), text, pair);
      if (next !== text) await this.port.writeFileAtomic(location, new TextEncoder().encode(next));
    };
    await (this.port.withLock ? this.port.withLock(location, write) : write());
    this.folders.delete(folder.uri.toString());
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.watcher.dispose();
    this.problems.dispose();
    this.changed.dispose();
  }

  private state(folder: vscode.WorkspaceFolder): Promise<FolderState> {
    const key = folder.uri.toString();
    let state = this.folders.get(key);
    if (!state) {
      state = this.load(folder);
      this.folders.set(key, state);
    }
    return state;
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<FolderState> {
    const uri = DismissedStore.fileOf(folder);
    try {
      const { pairs, problems } = parseDismissed(vscode.workspace.asRelativePath(uri), await this.readText(uri.toString()));
      this.show(uri, problems);
      return { pairs };
    } catch (err) {
      logWarning(`dismissed suggestions: ${(err as Error).message}`);
      return { pairs: [] };
    }
  }

  private async readText(location: string): Promise<string | undefined> {
    const read = await readBytes(this.port, location, MAX_BYTES);
    return read ? new TextDecoder('utf-8').decode(read.bytes) : undefined;
  }

  private show(uri: vscode.Uri, problems: readonly Problem[]): void {
    this.problems.set(
      uri,
      problems.map((p) => problemDiagnostic(p)),
    );
    for (const p of problems) logWarning(formatProblem(p));
  }
}
