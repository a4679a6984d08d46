import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { showWarning } from '../errors';
import { insideWorkspace } from '../workspaceScope';

export interface OpenPassageArgs {
  readonly document: string;
  readonly start: number;
  readonly end: number;
}

function isArgs(v: unknown): v is OpenPassageArgs {
  const o = v as Partial<OpenPassageArgs> | undefined;
  return typeof o?.document === 'string' && Number.isSafeInteger(o.start) && Number.isSafeInteger(o.end) && o.start! >= 0 && o.end! >= o.start!;
}

/** The link the passage list shows: our own command, its arguments encoded as command URIs want them. */
export function openPassageLink(args: OpenPassageArgs): string {
  return `command:${CommandId.openPassage}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/**
 * Opens a passage listed by *Compare Plans*, selected, beside the panel (which stays in view). The webview may only run this command (its
 * enableCommandUris), and the command opens only documents inside the workspace folders: anything else
 * (another scheme, a path outside, `..`) is refused with a message, never opened.
 */
export function registerOpenPassage(): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openPassage, async (args?: unknown) => {
    if (!isArgs(args)) return undefined;
    let target: vscode.Uri;
    try {
      target = vscode.Uri.parse(args.document, true);
    } catch {
      return undefined;
    }
    if (!insideWorkspace(target)) return void showWarning(vscode.l10n.t('Policy Lens: {0} is outside the workspace folders; not opened.', target.toString(true)));
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(target);
    } catch {
      return void showWarning(vscode.l10n.t('Policy Lens: {0} cannot be opened (deleted or moved since the chart was drawn?).', vscode.workspace.asRelativePath(target)));
    }
    const end = Math.min(args.end, doc.getText().length);
    const selection = new vscode.Selection(doc.positionAt(Math.min(args.start, end)), doc.positionAt(end));
    const editor = await vscode.window.showTextDocument(doc, { selection, preview: false, viewColumn: vscode.ViewColumn.Beside });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  });
}
