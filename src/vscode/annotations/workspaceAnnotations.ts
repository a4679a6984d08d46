import * as vscode from 'vscode';
import { readBytes } from '../../core/fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../../core/limits';
import { parseSidecar } from '../../core/sidecar/api';
import type { Annotation } from '../../core/sidecar/model';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import { resolveFromSidecar, SIDECAR_SUFFIX } from './sidecarPaths';

export interface WorkspaceAnnotation {
  readonly document: vscode.Uri;
  readonly annotation: Annotation;
}

const MAX_SIDECARS = 500;

/** Every annotation in the workspace's sidecars, read-only (for pickers); broken or unreadable files are skipped. */
export async function workspaceAnnotations(): Promise<WorkspaceAnnotation[]> {
  const out: WorkspaceAnnotation[] = [];
  const maxBytes = vscode.workspace.getConfiguration('policyLens').get<number>('sidecarMaxBytes', DEFAULT_SIDECAR_MAX_BYTES);
  const port = new WorkspaceFileSystem();
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
