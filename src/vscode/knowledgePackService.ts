import * as vscode from 'vscode';
import { loadKnowledgePacks } from '../core/data/loadPack';
import type { KnowledgePack } from '../core/data/model';
import { packFolderFingerprint } from '../core/data/packFingerprint';
import { readPackFolder, WORKSPACE_PACK_DIR } from '../core/data/packFolder';
import { formatProblem, type Problem } from '../core/data/problem';
import { ThemeMatcher } from '../core/lexicon/themeMatcher';
import { showError } from './errors';
import { logFailure } from './logger';
import { PackDiagnostics } from './packDiagnostics';
import type { EditorPlatform } from './editorPlatform';
import { packFolders, PackWatcher, type PackFolderRef } from './packWatcher';
import { affectsSetting } from './settings';

export interface LoadedPack {
  readonly pack: KnowledgePack;
  readonly matcher: ThemeMatcher;
}

/** The workspace pack of a workspace folder: where commands that add plans or links write. */
export function workspacePackUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...WORKSPACE_PACK_DIR.split('/'));
}

const RELOAD_DELAY_MS = 300;
/** How often the pack folders are compared with what was read, in case the file watcher missed an event. */
const RECHECK_INTERVAL_MS = 3_000;

/**
 * The bundled knowledge pack merged with the workspace packs (`.policy-lens/pack` of each workspace folder,
 * then `policyLens.packFolders`), read through workspace.fs on first use (not during activation).
 *
 * When a pack file changes (or the setting, or the workspace folders), the pack is read again after a short
 * delay; `get()` then returns the new pack and `onDidChange` fires, so consumers holding results computed
 * from the old pack must drop them and call `get()` again. Workspace packs are data only: they are parsed
 * and validated, never executed, and no path in them is opened, so Restricted Mode reads them as usual.
 */
export class KnowledgePackService implements vscode.Disposable {
  private loading: Promise<LoadedPack> | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a reload: `get()` now returns the new pack. */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = new PackDiagnostics();
  private readonly watcher: PackWatcher;
  private readonly subscriptions: vscode.Disposable[];
  private readonly warned = new Set<string>();
  /** The pack folders' fingerprint when the current pack was read ('' before the first read). */
  private fingerprint = '';
  private readonly recheck: ReturnType<typeof setInterval>;
  private checking = false;

  constructor(
    private readonly packUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly platform: Pick<EditorPlatform, 'fileSystem' | 'packFileSystem'>,
  ) {
    this.watcher = new PackWatcher(() => this.scheduleReload(), log);
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e, 'packFolders')) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      // Opening a pack file reads the packs, so its problems show even before any policy document is opened.
      vscode.workspace.onDidOpenTextDocument((d) => this.readIfPackFile(d.uri)),
      vscode.window.onDidChangeWindowState((w) => {
        if (w.focused) this.recheckFolders().then(undefined, logFailure('knowledge pack'));
      }),
    ];
    // File watchers can miss events (a full inotify table, some network and remote file systems): a few
    // stat calls every few seconds (and when the window regains focus) catch up with what they missed.
    this.recheck = setInterval(() => {
      this.recheckFolders().then(undefined, logFailure('knowledge pack'));
    }, RECHECK_INTERVAL_MS);
    for (const d of vscode.workspace.textDocuments) this.readIfPackFile(d.uri);
  }

  get(): Promise<LoadedPack> {
    this.loading ??= this.load(++this.generation);
    return this.loading;
  }

  /**
   * Reads the packs again now, without the watcher's delay (a command that has just written a pack file wants
   * its result at once); `onDidChange` fires when the new pack is in.
   */
  async reloadNow(): Promise<LoadedPack> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const generation = ++this.generation;
    this.loading = this.load(generation);
    const loaded = await this.loading;
    if (generation === this.generation) this.changed.fire();
    return loaded;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.recheck);
    this.generation++;
    for (const s of this.subscriptions) s.dispose();
    this.watcher.dispose();
    this.diagnostics.dispose();
    this.changed.dispose();
  }

  private readIfPackFile(uri: vscode.Uri): void {
    if (this.loading || !/\.ya?ml$/i.test(uri.path)) return;
    const inside = packFolders(this.log, this.warned).some((f) => uri.toString().startsWith(`${f.uri.toString()}/`));
    if (inside) this.get().then(undefined, logFailure('knowledge pack'));
  }

  /** Reads the packs again when their files differ from what the last read saw (no-op before the first read). */
  private async recheckFolders(): Promise<void> {
    if (!this.loading || this.timer || this.checking) return;
    this.checking = true;
    try {
      const generation = this.generation;
      const now = await this.fingerprintOf(packFolders(this.log, this.warned));
      if (generation === this.generation && !this.timer && now !== this.fingerprint) {
        this.log.info('knowledge pack: a pack file changed without a file event; reading the packs again');
        this.scheduleReload();
      }
    } catch (err) {
      this.log.warn(`knowledge pack: checking the pack folders failed: ${(err as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private async fingerprintOf(folders: readonly PackFolderRef[]): Promise<string> {
    const prints = await Promise.all(folders.map((f) => packFolderFingerprint(this.platform.fileSystem, f.uri.toString())));
    return prints.join('\n');
  }

  /** Debounced: a checkout or a save-all changes many files at once. Nothing to do before the first read. */
  private scheduleReload(): void {
    if (!this.loading) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const generation = ++this.generation;
      this.loading = this.load(generation);
      this.loading.then(
        () => {
          if (generation === this.generation) this.changed.fire();
        },
        (err: unknown) => this.log.error(`knowledge pack reload failed: ${(err as Error).message}`),
      );
    }, RELOAD_DELAY_MS);
  }

  private async load(generation: number): Promise<LoadedPack> {
    const started = Date.now();
    const folders = packFolders(this.log, this.warned);
    this.watcher.watch(folders);
    // Taken before reading: a change during the read shows as a difference at the next check.
    const fingerprint = await this.fingerprintOf(folders).catch(() => '');
    const bundledPrefix = this.packUri.toString();
    // Every file is named as the user sees it: annotations/… for the bundled pack, workspace-relative otherwise.
    const bundledNames = new Set<string>();
    const locations = new Map<string, string>();
    const display = (location: string): string => {
      if (location.startsWith(bundledPrefix)) {
        const name = `annotations${location.slice(bundledPrefix.length)}`;
        bundledNames.add(name);
        return name;
      }
      const name = vscode.workspace.asRelativePath(vscode.Uri.parse(location), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
      locations.set(name, location);
      return name;
    };
    const bundled = await readPackFolder(this.platform.packFileSystem, bundledPrefix, { display, required: true });
    const workspace = await Promise.all(folders.map((f: PackFolderRef) => readPackFolder(this.platform.fileSystem, f.uri.toString(), { display })));
    const { pack, problems } = loadKnowledgePacks([bundled.sources, ...workspace.map((w) => w.sources)]);
    const all: Problem[] = [...bundled.problems, ...workspace.flatMap((w) => w.problems), ...problems];
    const bundledProblems = all.filter((p) => bundledNames.has(p.file));
    for (const p of bundledProblems) this.log.error(formatProblem(p));
    if (bundledProblems.length) showError(vscode.l10n.t('Policy Lens: the knowledge pack has {0} problem(s); see the Policy Lens output.', bundledProblems.length));
    const workspaceProblems = all.filter((p) => !bundledNames.has(p.file));
    const texts = new Map(workspace.flatMap((w) => [w.sources.themes, w.sources.counterparts, ...w.sources.plans]).flatMap((s) => (s ? [[s.file, s.text] as const] : [])));
    // A slower, older read must not overwrite the problems of a newer one.
    if (generation === this.generation) {
      this.diagnostics.show(workspaceProblems, locations, texts);
      this.fingerprint = fingerprint;
    }
    const matcher = new ThemeMatcher(pack.themes);
    const fromWorkspace = workspace.filter((w) => w.exists).length;
    this.log.info(
      `knowledge pack: ${pack.plans.length} plans, ${pack.themes.length} themes, ${pack.links.length} links, ${matcher.size} phrases` +
        `${fromWorkspace ? ` (with ${fromWorkspace} workspace pack(s), ${workspaceProblems.length} problem(s))` : ''} in ${Date.now() - started} ms`,
    );
    return { pack, matcher };
  }
}
