// Desktop only (src/extension.ts wires it): spawns git and uses Node's fs, so the web bundle must never load it.
import * as path from 'path';
import * as vscode from 'vscode';
import { mergeDriverStatus, setUpMergeDriver, type DriverSetup } from '../node/gitDriverSetup';
import { installStableCli, refreshStableCli } from '../node/stableCli';
import { CommandId } from '../vscode/commandIds';
import { reportError, showInformation } from '../vscode/errors';
import { logFailure, logWarning } from '../vscode/logger';

/** workspaceState key: folders already warned about (the warning comes once per folder). */
const WARNED_KEY = 'policyLens.mergeDriverWarned';

interface Paths {
  /** dist/cli.js inside the extension. */
  readonly bundledCli: string;
  /** Where the stable copy of the CLI lives (the extension's global storage). */
  readonly stableDir: string;
  readonly version: string;
}

function pathsOf(context: vscode.ExtensionContext): Paths {
  const version = (context.extension.packageJSON as { version?: unknown }).version;
  return {
    bundledCli: path.join(context.extensionUri.fsPath, 'dist', 'cli.js'),
    stableDir: path.join(context.globalStorageUri.fsPath, 'merge-driver'),
    version: typeof version === 'string' ? version : '0',
  };
}

/** Git runs in file: folders only, and only in a trusted workspace (git config can name programs to run). */
function gitFolder(folder: vscode.WorkspaceFolder): boolean {
  return folder.uri.scheme === 'file' && vscode.workspace.isTrusted;
}

/** The folder to set up: the argument, else the only folder, else the active editor's, else a pick. */
async function chooseFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0]?.uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && vscode.workspace.getWorkspaceFolder(active);
  if (owner && owner.uri.scheme === 'file') return owner.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Set up the Policy Lens merge driver in which folder’s git clone?') });
  return picked?.uri;
}

async function setUp(paths: Paths, folder: vscode.Uri): Promise<DriverSetup> {
  const cli = await installStableCli(paths.bundledCli, paths.stableDir, paths.version);
  return setUpMergeDriver(folder.fsPath, cli);
}

function describeFailure(err: unknown, folder: vscode.Uri): Error {
  const e = err as Error & { stderr?: string; code?: string | number };
  if (e.code === 'ENOENT' && !e.stderr) return new Error(vscode.l10n.t('git is not installed (or not on PATH)'));
  return new Error(`${folder.fsPath}: ${(e.stderr ?? e.message).trim() || vscode.l10n.t('not a git work tree')}`);
}

/** The command: what `policy-lens git-setup` does, for a folder's clone. Returns the result (tests use it). */
async function setUpCommand(paths: Paths, arg: unknown): Promise<DriverSetup | undefined> {
  if (!vscode.workspace.isTrusted) {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: setting up the git merge driver runs git, which only happens in a trusted workspace.'), manage);
    if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const folder = await chooseFolder(arg);
  if (!folder) return undefined;
  try {
    const r = await setUp(paths, folder);
    const attributes = r.attributesChanged ? vscode.l10n.t("added '*.annotations.yaml merge=policy-lens' to {0} (commit it)", path.basename(r.attributesFile)) : vscode.l10n.t('{0} already names it', path.basename(r.attributesFile));
    showInformation(
      r.configChanged
        ? vscode.l10n.t("Policy Lens: git merge driver set up in {0}: {1}; this clone's git config now runs it. Sidecars now merge by annotation id.", r.root, attributes)
        : vscode.l10n.t("Policy Lens: git merge driver set up in {0}: {1}; this clone's git config already ran it. Sidecars now merge by annotation id.", r.root, attributes),
    );
    return r;
  } catch (err) {
    return reportError(describeFailure(err, folder));
  }
}

/** Warns, once per folder, when `.gitattributes` names the driver but the clone has not configured it. */
async function checkFolder(paths: Paths, folder: vscode.WorkspaceFolder, memory: vscode.Memento): Promise<void> {
  if (!gitFolder(folder)) return;
  const warned = memory.get<string[]>(WARNED_KEY, []);
  if (warned.includes(folder.uri.toString())) return;
  const status = await mergeDriverStatus(folder.uri.fsPath).catch(() => undefined); // not a clone, or no git
  if (!status?.named || status.configured) return;
  await memory.update(WARNED_KEY, [...warned, folder.uri.toString()]);
  const action = vscode.l10n.t('Set Up Merge Driver');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t("Policy Lens: {0}'s .gitattributes sends annotation sidecars to the policy-lens merge driver, but this clone has not configured it, so git falls back, silently, to a text merge of them.", folder.name),
    action,
  );
  if (answer === action) await setUpCommand(paths, folder.uri);
}

/** The command *Set Up Git Merge Driver* and the once-per-folder warning; `memory` is the workspaceState. */
export function registerGitMergeDriver(context: vscode.ExtensionContext): vscode.Disposable {
  const paths = pathsOf(context);
  const memory = context.workspaceState;
  const checkAll = (folders: readonly vscode.WorkspaceFolder[]): void => {
    for (const f of folders) checkFolder(paths, f, memory).catch(logFailure('merge driver check'));
  };
  const watchers = new Map<string, vscode.Disposable>();
  const watch = (folders: readonly vscode.WorkspaceFolder[]): void => {
    for (const f of folders) {
      if (f.uri.scheme !== 'file' || watchers.has(f.uri.toString())) continue;
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, '.gitattributes'));
      w.onDidCreate(() => checkAll([f]));
      w.onDidChange(() => checkAll([f]));
      watchers.set(f.uri.toString(), w);
    }
  };
  const folders = vscode.workspace.workspaceFolders ?? [];
  watch(folders);
  checkAll(folders);
  // A copy installed by an older version is replaced, so existing clones run this version's driver.
  refreshStableCli(paths.bundledCli, paths.stableDir, paths.version).catch((err: unknown) => logWarning(`could not refresh the merge driver's CLI copy: ${String(err)}`));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.setUpGitMergeDriver, (arg: unknown) => setUpCommand(paths, arg)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => checkAll(vscode.workspace.workspaceFolders ?? [])),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      watch(e.added);
      checkAll(e.added);
      for (const f of e.removed) {
        watchers.get(f.uri.toString())?.dispose();
        watchers.delete(f.uri.toString());
      }
    }),
    {
      dispose: () => {
        for (const w of watchers.values()) w.dispose();
      },
    },
  );
}
