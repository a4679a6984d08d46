import * as vscode from 'vscode';
import { parseSidecar } from '../../core/sidecar/api';
import type { Annotation } from '../../core/sidecar/model';
import { resolveFromSidecar, SIDECAR_SUFFIX } from './sidecarPaths';

export interface WorkspaceAnnotation {
  readonly document: vscode.Uri;
  readonly annotation: Annotation;
}

const MAX_SIDECARS = 500;

/** Every annotation in the workspace's sidecars, read-only (for pickers); broken files are skipped. */
export async function workspaceAnnotations(): Promise<WorkspaceAnnotation[]> {
  const out: WorkspaceAnnotation[] = [];
  const maxBytes = vscode.workspace.getConfiguration('policyLens').get<number>('sidecarMaxBytes', 10 * 1024 * 1024);
  for (const uri of await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**', MAX_SIDECARS)) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const parsed = parseSidecar(vscode.workspace.asRelativePath(uri), text, { maxBytes });
      if (!parsed.sidecar) continue;
      const document = resolveFromSidecar(uri, parsed.sidecar.document);
      for (const annotation of parsed.annotations) out.push({ document, annotation });
    } catch {
      // unreadable: not offered
    }
  }
  return out;
}
