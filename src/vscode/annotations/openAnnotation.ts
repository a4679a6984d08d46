import * as vscode from 'vscode';
import type { OpenAnnotationArgs } from '../../core/annotations/annotationCard';
import { linkDocumentProblem } from '../../core/annotations/linkTarget';
import { CommandId } from '../commandIds';
import { showWarning } from '../errors';
import { folderInWorkspace, insideWorkspace } from '../workspaceScope';
import type { AnnotationStore } from './annotationStore';
import { resolveFromSidecar, sidecarUriFor } from './sidecarPaths';

function isArgs(v: unknown): v is OpenAnnotationArgs {
  const o = v as Partial<OpenAnnotationArgs> | undefined;
  return typeof o?.fromDocument === 'string' && typeof o.document === 'string' && (o.annotationId === undefined || typeof o.annotationId === 'string');
}

/**
 * Where a sidecar's link to another document points, or why it is not followed: the link comes from a file
 * anyone may have written, so a target outside the workspace folders is refused. The one check for the
 * command that follows links and for the hover that labels them.
 */
export function linkTarget(fromDocument: vscode.Uri, document: string): { readonly target: vscode.Uri } | { readonly why: string } {
  const sidecar = sidecarUriFor(fromDocument);
  const sidecarFolder = folderInWorkspace(sidecar);
  const why = linkDocumentProblem(document, sidecarFolder ?? '');
  if (why) return { why };
  const target = resolveFromSidecar(sidecar, document);
  return sidecarFolder === undefined || !insideWorkspace(target) ? { why: 'it is outside the workspace folders' } : { target };
}

/**
 * Follows a link to an annotation in another document (hover links pass the arguments). The link comes from
 * a sidecar anyone may have written: a target outside the workspace folders is refused, never opened.
 */
export function registerOpenAnnotation(store: AnnotationStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openAnnotation, async (args?: unknown) => {
    if (!isArgs(args)) return undefined;
    const resolved = linkTarget(vscode.Uri.parse(args.fromDocument), args.document);
    if ('why' in resolved) return void showWarning(vscode.l10n.t("Policy Lens: the link to '{0}' is not followed: {1}.", args.document, resolved.why));
    const { target } = resolved;
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(target);
    } catch {
      return void showWarning(vscode.l10n.t('Policy Lens: the linked document {0} does not exist.', vscode.workspace.asRelativePath(target)));
    }
    const state = await store.get(doc);
    const r = args.annotationId ? state?.ranges.get(args.annotationId) : undefined;
    const selection = r && r !== 'orphaned' ? new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)) : undefined;
    return vscode.window.showTextDocument(doc, { selection, preview: false });
  });
}
