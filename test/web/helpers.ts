import * as assert from './assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'policy-lens.policy-lens';

/** The sample folder, served by @vscode/test-web as a virtual file system (scheme vscode-test-web). */
export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the samples folder open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export const US_SAMPLE = (): vscode.Uri => workspaceUri('plans', 'us-ai-action-plan-2025.policy.md');
export const CN_SAMPLE = (): vscode.Uri => workspaceUri('plans', 'cn-global-ai-governance-2025.txt');

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Polls until a condition holds (the editor reacts to events asynchronously). */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function find(doc: vscode.TextDocument, text: string, fromLine = 0): vscode.Position {
  const i = doc.getText().indexOf(text, doc.offsetAt(new vscode.Position(fromLine, 0)));
  assert.ok(i >= 0, `'${text}' not found in ${doc.uri.toString()}`);
  return doc.positionAt(i);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Selects `text` and waits until the selection has settled (it travels to the workbench and back). */
export async function select(editor: vscode.TextEditor, text: string): Promise<void> {
  const start = find(editor.document, text);
  const wanted = new vscode.Selection(start, start.translate(0, text.length));
  for (let i = 0; i < 20 && !editor.selection.isEqual(wanted); i++) {
    editor.selection = wanted;
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.ok(editor.selection.isEqual(wanted), `selected ${text}`);
}
