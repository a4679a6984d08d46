import * as vscode from 'vscode';
import { SIDECAR_SUFFIX, type SidecarLayout } from '../../core/workspaceIndex';
import { trimSlashes } from '../../core/fs/posixPath';
import { setting } from '../settings';

/** Sidecars the explorer lists at most (each is also bounded by policyLens.sidecarMaxBytes). */
const MAX_SIDECARS = 50_000;

/**
 * Where the editor keeps sidecars: beside each document, or under policyLens.sidecarFolder of its workspace
 * folder mirroring the document's path (sidecarPaths.ts writes them there). A sidecar is paired with the
 * document the layout gives, as the annotation store pairs them; locations are URI strings, so virtual
 * workspaces work too (workspace.findFiles, no Node path module).
 */
export function editorLayout(): SidecarLayout {
  return {
    list: async () => (await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**', MAX_SIDECARS)).map((u) => u.toString()),
    isSidecar: (location) => location.endsWith(SIDECAR_SUFFIX),
    documentOf: (sidecar) => documentOfSidecar(vscode.Uri.parse(sidecar)).toString(),
  };
}

export function documentOfSidecar(sidecar: vscode.Uri): vscode.Uri {
  const stripped = sidecar.path.endsWith(SIDECAR_SUFFIX) ? sidecar.path.slice(0, -SIDECAR_SUFFIX.length) : sidecar.path;
  const folder = vscode.workspace.getWorkspaceFolder(sidecar);
  const sidecarFolder = folder ? trimSlashes(setting('sidecarFolder', folder.uri).trim()) : '';
  if (folder && sidecarFolder) {
    const root = vscode.Uri.joinPath(folder.uri, sidecarFolder).path;
    if (stripped.startsWith(`${root}/`)) return vscode.Uri.joinPath(folder.uri, stripped.slice(root.length + 1));
  }
  return sidecar.with({ path: stripped });
}
