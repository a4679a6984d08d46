import * as vscode from 'vscode';

/**
 * Which files links may reach: those inside the workspace folders. Sidecars come from anyone's repository,
 * so a link they hold is followed only there (the core checks the written path; this checks the target).
 */

/** The folder holding `file`, relative to its workspace folder ('' at its root); undefined outside the workspace. */
export function folderInWorkspace(file: vscode.Uri): string | undefined {
  const root = vscode.workspace.getWorkspaceFolder(file)?.uri;
  if (!root || root.scheme !== file.scheme || root.authority !== file.authority) return undefined;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  if (!file.path.startsWith(base)) return undefined;
  const rel = file.path.slice(base.length);
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? '' : rel.slice(0, slash);
}

/** True when `target` is inside one of the workspace folders (same scheme and authority, below its path). */
export function insideWorkspace(target: vscode.Uri): boolean {
  if (target.path.split('/').includes('..')) return false;
  return folderInWorkspace(target) !== undefined;
}
