import * as vscode from 'vscode';
import { posixDirname, posixRelative, posixResolve } from '../../core/fs/posixPath';
import { setting } from '../settings';

export const SIDECAR_SUFFIX = '.annotations.yaml';

/**
 * Where a document's sidecar lives: beside it (`<document>.annotations.yaml`), or, with
 * policyLens.sidecarFolder, under that folder of the workspace, mirroring the document's path.
 */
export function sidecarUriFor(document: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.getWorkspaceFolder(document);
  const sidecarFolder = setting('sidecarFolder', document).trim();
  if (folder && sidecarFolder) {
    const rel = posixRelative(folder.uri.path, document.path);
    if (!rel.startsWith('..')) return vscode.Uri.joinPath(folder.uri, sidecarFolder, `${rel}${SIDECAR_SUFFIX}`);
  }
  return document.with({ path: `${document.path}${SIDECAR_SUFFIX}` });
}

/** A path from the sidecar's folder to the document, with '/' separators (what the sidecar records). */
export function relativeFromSidecar(sidecar: vscode.Uri, target: vscode.Uri): string {
  return posixRelative(posixDirname(sidecar.path), target.path);
}

export function resolveFromSidecar(sidecar: vscode.Uri, relative: string): vscode.Uri {
  return sidecar.with({ path: posixResolve(posixDirname(sidecar.path), relative) });
}
