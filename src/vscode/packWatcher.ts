import * as vscode from 'vscode';
import { WORKSPACE_PACK_DIR, workspaceRelativeFolder } from '../core/data/packFolder';
import { setting } from './settings';

/** A workspace pack folder: which workspace folder it belongs to and its path there. */
export interface PackFolderRef {
  readonly workspaceFolder: vscode.WorkspaceFolder;
  /** '/'-separated, relative to the workspace folder. */
  readonly relative: string;
  readonly uri: vscode.Uri;
}

/**
 * The workspace pack folders in merge order: for each workspace folder, `.policy-lens/pack` and then its
 * `policyLens.packFolders` entries. Entries outside the workspace folder are refused (logged once each: `warned`
 * remembers them).
 */
export function packFolders(log: vscode.LogOutputChannel, warned: Set<string>): PackFolderRef[] {
  const out: PackFolderRef[] = [];
  for (const wf of vscode.workspace.workspaceFolders ?? []) {
    const entries: unknown = setting('packFolders', wf.uri);
    const relatives = [WORKSPACE_PACK_DIR];
    for (const entry of Array.isArray(entries) ? entries : []) {
      const r = workspaceRelativeFolder(entry);
      if ('folder' in r) relatives.push(r.folder);
      else {
        const key = `${wf.uri.toString()}|${JSON.stringify(entry)}`;
        if (!warned.has(key)) log.warn(`policyLens.packFolders: ${JSON.stringify(entry)} in ${wf.name} is ignored: ${r.refused}`);
        warned.add(key);
      }
    }
    for (const relative of new Set(relatives)) out.push({ workspaceFolder: wf, relative, uri: vscode.Uri.joinPath(wf.uri, ...relative.split('/')) });
  }
  return out;
}

/**
 * Watches the pack folders and calls `onChange` for any change in them, and for the creation or deletion of
 * the folders themselves or their parents (deleting `.policy-lens` reports only that folder).
 */
export class PackWatcher implements vscode.Disposable {
  private watchers: vscode.FileSystemWatcher[] = [];
  private key = '';

  constructor(
    private readonly onChange: () => void,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  watch(folders: readonly PackFolderRef[]): void {
    const key = folders.map((f) => f.uri.toString()).join('\n');
    if (key === this.key) return;
    this.key = key;
    this.disposeWatchers();
    for (const f of folders) {
      const segments = f.relative.split('/');
      const ancestors = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
      const glob = `{${[...ancestors, `${f.relative}/**`].join(',')}}`;
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f.workspaceFolder, glob));
      const on = (kind: string) => (uri: vscode.Uri): void => {
        this.log?.trace(`pack watcher: ${kind} ${uri.toString()}`);
        this.onChange();
      };
      w.onDidCreate(on('created'));
      w.onDidChange(on('changed'));
      w.onDidDelete(on('deleted'));
      this.watchers.push(w);
    }
  }

  dispose(): void {
    this.disposeWatchers();
    this.key = '';
  }

  private disposeWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }
}
