import * as assert from './assert';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/vscode/activate';
import { CommandId } from '../../src/vscode/commandIds';
import { CN_SAMPLE, EXTENSION_ID, find, hoverText, openEditor, select, US_SAMPLE, waitFor, workspaceUri } from './helpers';
import { test } from './runner';

// The features that read: activation, language, hover, outline, jump — on the virtual file system.

test('runs in the web worker (no Node) on a virtual workspace, and activates on a policy document', async () => {
  assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process object here');
  assert.strictEqual(workspaceUri().scheme, 'vscode-test-web');
  const ext = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is the development extension`);
  const us = await openEditor(US_SAMPLE());
  assert.strictEqual(us.document.languageId, 'policy-markdown');
  const api = await waitFor('activation', () => ext.isActive && ext.exports);
  assert.ok(Number.isFinite(api.activationMs));
  const commands = await vscode.commands.getCommands(true);
  for (const c of [CommandId.jumpToCounterpart, CommandId.annotateSelection, CommandId.openProvision]) assert.ok(commands.includes(c), c);
});

test('switches the recognised .txt plan to Policy Text (recognition from workspace.fs)', async () => {
  await vscode.workspace.openTextDocument(CN_SAMPLE());
  await waitFor('auto-detected language', () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === CN_SAMPLE().toString() && d.languageId === 'policy-text'));
});

test('shows a hover card with provision, theme and counterparts (the pack compiled into the web bundle)', async () => {
  const editor = await openEditor(US_SAMPLE());
  const heading = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
  const phrase = find(editor.document, 'source and open-weight', heading.line + 1);
  const text = await waitFor('a hover card', async () => {
    const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, phrase.translate(0, 2)));
    return /`us-1\.3`/.test(t) ? t : undefined;
  });
  assert.match(text, /Encourage Open\\-Source and Open\\-Weight AI/);
  assert.match(text, /Theme: Open source/i);
  // The compact card (issue 12): the counterparts come first, one line each with a link to the provision.
  assert.match(text, /\]\(command:policyLens.openProvision\?/);
});

test('lists the provisions in the outline', async () => {
  const editor = await openEditor(US_SAMPLE());
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
  const ours = symbols.filter((s) => / · \d+ counterparts?$/.test(s.detail));
  assert.deepStrictEqual(ours.map((s) => s.detail.split(' ')[0]), ['us-0', 'us-1', 'us-2', 'us-3']);
});

test('jumps to the single counterpart, in the workspace copy of the other plan', async () => {
  const editor = await openEditor(US_SAMPLE());
  // us-1.3 (open source) has one counterpart: CN action 5 on open-source cooperation.
  await select(editor, 'Encourage Open-Source and Open-Weight AI');
  const target = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.jumpToCounterpart);
  assert.ok(target, 'the jump opened an editor');
  const active = vscode.window.activeTextEditor!;
  assert.strictEqual(active.document.uri.toString(), CN_SAMPLE().toString());
  const line = active.document.lineAt(active.selection.start.line).text;
  assert.match(line, /^5\. /, `selected line: ${line}`);
});
