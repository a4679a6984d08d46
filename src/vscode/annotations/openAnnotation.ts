import * as vscode from 'vscode';
import type { OpenAnnotationArgs } from '../../core/annotations/annotationCard';
import { CommandId } from '../commandIds';
import type { AnnotationStore } from './annotationStore';
import { resolveFromSidecar, sidecarUriFor } from './sidecarPaths';

function isArgs(v: unknown): v is OpenAnnotationArgs {
  const o = v as Partial<OpenAnnotationArgs> | undefined;
  return typeof o?.fromDocument === 'string' && typeof o.document === 'string';
}

/** Follows a link to an annotation in another document (hover links pass the arguments). */
export function registerOpenAnnotation(store: AnnotationStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openAnnotation, async (args?: unknown) => {
    if (!isArgs(args)) return undefined;
    const target = resolveFromSidecar(sidecarUriFor(vscode.Uri.parse(args.fromDocument)), args.document);
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(target);
    } catch {
      return void vscode.window.showWarningMessage(`Policy Lens: the linked document ${vscode.workspace.asRelativePath(target)} does not exist.`);
    }
    const state = await store.get(doc);
    const r = args.annotationId ? state?.ranges.get(args.annotationId) : undefined;
    const selection = r && r !== 'orphaned' ? new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)) : undefined;
    return vscode.window.showTextDocument(doc, { selection, preview: false });
  });
}
