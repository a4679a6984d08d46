import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SAMPLE_CN, SAMPLE_US } from '../paths';

export const EXTENSION_ID = 'policy-lens.policy-lens';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the sample workspace open');
  return folder.uri.fsPath;
}

export function samplePath(...parts: string[]): string {
  return path.join(workspaceRoot(), ...parts);
}

export const US_SAMPLE = (): string => samplePath('plans', 'us-ai-action-plan-2025.policy.md');
export const CN_SAMPLE = (): string => samplePath('plans', 'cn-global-ai-governance-2025.txt');

export async function openEditor(file: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Polls until a condition holds (the editor reacts to events asynchronously). */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Position of the first occurrence of a text in a document. */
export function find(doc: vscode.TextDocument, text: string, from = 0): vscode.Position {
  const start = doc.offsetAt(new vscode.Position(from, 0));
  const i = doc.getText().toLowerCase().indexOf(text.toLowerCase(), start);
  assert.ok(i >= 0, `'${text}' not found in ${doc.uri.fsPath}`);
  return doc.positionAt(i);
}

export const sidecarOf = (file: string): string => `${file}.annotations.yaml`;

/** Selects the first occurrence of `text` (from line `from`) and waits until the selection has settled. */
export async function select(editor: vscode.TextEditor, text: string, from = 0): Promise<vscode.Selection> {
  const start = find(editor.document, text, from);
  const wanted = new vscode.Selection(start, start.translate(0, text.length));
  // Selections travel to the workbench and back: an older state arriving late can undo ours, so settle first.
  for (let i = 0; i < 20; i++) {
    editor.selection = wanted;
    await new Promise((r) => setTimeout(r, 150));
    if (editor.selection.isEqual(wanted)) break;
  }
  return editor.selection;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Reverts every modified document, then puts back the two sample plans as committed wherever an earlier test
 * left them changed on disk or in memory (a test that failed, a revert still under way, or a save on a busy
 * machine must not leak its edits into the next test: that once failed a dozen unrelated tests at once).
 */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(`${doc.uri.fsPath} reverted`, () => !doc.isDirty);
  }
  for (const [copy, pristine] of [[US_SAMPLE(), SAMPLE_US], [CN_SAMPLE(), SAMPLE_CN]] as const) {
    const want = await fs.readFile(pristine);
    const onDisk = await fs.readFile(copy).catch(() => undefined);
    if (!onDisk?.equals(want)) {
      console.warn(`revertAll: ${path.basename(copy)} was changed on disk by an earlier test; restored`);
      await fs.writeFile(copy, want);
    }
    const text = want.toString('utf8').replace(/\r\n?/g, '\n');
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === copy);
    if (open && open.getText().replace(/\r\n?/g, '\n') !== text) {
      console.warn(`revertAll: ${path.basename(copy)} differed from its file in the editor; reverted`);
      await vscode.window.showTextDocument(open);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(`${path.basename(copy)} as on disk`, () => open.getText().replace(/\r\n?/g, '\n') === text);
    }
  }
}
