import * as vscode from 'vscode';
import { setting } from '../settings';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { readBytes } from '../../core/fs/readBytes';
import { parseSidecar } from '../../core/sidecar/api';
import type { Annotation } from '../../core/sidecar/model';
import { resolveFromSidecar, SIDECAR_SUFFIX } from './sidecarPaths';

export interface WorkspaceAnnotation {
  readonly document: vscode.Uri;
  readonly annotation: Annotation;
}

const MAX_SIDECARS = 500;

/** Every annotation in the workspace's sidecars, read-only (for pickers); broken or unreadable files are skipped. */
export async function workspaceAnnotations(port: FileSystemPort): Promise<WorkspaceAnnotation[]> {
  const out: WorkspaceAnnotation[] = [];
  const maxBytes = setting('sidecarMaxBytes');
  for (const uri of await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**', MAX_SIDECARS)) {
    try {
      // Bytes, size checked first; the parser checks the UTF-8 itself (one reader for the editor and the CLI).
      const got = await readBytes(port, uri.toString(), maxBytes);
      if (!got) continue;
      const parsed = parseSidecar(vscode.workspace.asRelativePath(uri), got.bytes, { maxBytes });
      if (!parsed.sidecar) continue;
      const document = resolveFromSidecar(uri, parsed.sidecar.document);
      for (const annotation of parsed.annotations) out.push({ document, annotation });
    } catch {
      // unreadable: not offered
    }
  }
  return out;
}
