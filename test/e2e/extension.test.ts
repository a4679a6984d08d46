import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension';
import { CommandId } from '../../src/vscode/commandIds';
import { CN_SAMPLE, EXTENSION_ID, find, hoverText, openEditor, samplePath, US_SAMPLE, waitFor } from './helpers';

describe('Policy Lens in VS Code', () => {
  let api: PolicyLensApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed as the development extension`);
    await openEditor(US_SAMPLE());
    api = await waitFor('activation', async () => (ext.isActive ? ext.exports : undefined));
  });

  it('activates on a policy document and registers its commands', async () => {
    // Printed for bench figure 7 (activation time), never asserted: no test asserts wall-clock time.
    console.log(`    activation took ${api.activationMs.toFixed(2)} ms`);
    assert.ok(Number.isFinite(api.activationMs));
    const commands = await vscode.commands.getCommands(true);
    for (const c of Object.values(CommandId)) assert.ok(commands.includes(c), c);
  });

  it('opens *.policy.md as Policy Markdown and switches a recognised .txt plan to Policy Text', async () => {
    const us = await openEditor(US_SAMPLE());
    assert.strictEqual(us.document.languageId, 'policy-markdown');
    const cnDoc = await vscode.workspace.openTextDocument(CN_SAMPLE());
    await waitFor('auto-detected language', () => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === CN_SAMPLE() && d.languageId === 'policy-text'));
    assert.ok(cnDoc);
  });

  it('leaves an unrelated Markdown file alone until asked, then treats it as a policy document', async () => {
    const file = samplePath('notes.md');
    await fs.writeFile(file, '# Meeting notes\n\nNothing to see about open source here.\n');
    const editor = await openEditor(file);
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(editor.document.languageId, 'markdown');
    await vscode.commands.executeCommand(CommandId.treatAsPolicyDocument);
    await waitFor('switched language', () => vscode.window.activeTextEditor?.document.languageId === 'policy-markdown');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await fs.unlink(file);
  });

  it('shows a hover card with provision, theme and counterparts', async () => {
    const editor = await openEditor(US_SAMPLE());
    const heading = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
    // "open / source" is broken across a line break in the sample: the card must still name the theme.
    const phrase = find(editor.document, 'source and open-weight', heading.line + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, phrase.translate(0, 2));
    const text = hoverText(hovers);
    assert.match(text, /`us-1\.3`/);
    assert.match(text, /Encourage Open\\-Source and Open\\-Weight AI/);
    assert.match(text, /Theme: Open source/i);
    assert.match(text, /^= \[.+\]\(command:policyLens\.openProvision\?.+`cn-5` · \*aligned\*/m);
    assert.match(text, /command:policyLens\.openProvision\?/);
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    assert.ok(md && typeof md.isTrusted === 'object', 'command links are trusted for an allow-list only');
  });

  it('lists the provisions as document symbols: introduction, 3 pillars with 15 + 8 + 7 sections', async () => {
    const editor = await openEditor(US_SAMPLE());
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const ours = symbols.filter((s) => / · \d+ counterparts?$/.test(s.detail));
    assert.deepStrictEqual(ours.map((s) => s.detail.split(' ')[0]), ['us-0', 'us-1', 'us-2', 'us-3']);
    assert.deepStrictEqual(ours.slice(1).map((s) => s.children.length), [15, 8, 7]);
  });

  it('jumps to the single counterpart of a provision', async () => {
    const editor = await openEditor(US_SAMPLE());
    // us-1.3 (open source) has one counterpart: CN action 5 on open-source cooperation.
    const at = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
    editor.selection = new vscode.Selection(at.translate(2), at.translate(2));
    const target = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.jumpToCounterpart);
    const active = vscode.window.activeTextEditor!;
    assert.ok(target);
    assert.strictEqual(active.document.uri.fsPath, CN_SAMPLE());
    const line = active.document.lineAt(active.selection.start.line).text;
    assert.match(line, /^5\. /, `selected line: ${line}`);
  });

  it('offers a picker when there are several counterparts and follows the choice', async () => {
    const editor = await openEditor(CN_SAMPLE());
    await waitFor('policy language', () => editor.document.languageId === 'policy-text');
    const at = find(editor.document, '\n1. ');
    editor.selection = new vscode.Selection(at.translate(2), at.translate(2));
    const jump = vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.jumpToCounterpart);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const target = await jump;
    assert.ok(target, 'a counterpart was opened');
    assert.strictEqual(vscode.window.activeTextEditor!.document.uri.fsPath, US_SAMPLE());
  });

  it('answers F12 / Peek Definition on a provision with its counterparts', async () => {
    const editor = await openEditor(US_SAMPLE());
    const at = find(editor.document, '### Invest in Biosecurity');
    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, at.translate(1));
    assert.ok(links.length >= 1);
    for (const l of links) assert.strictEqual(('targetUri' in l ? l.targetUri : l.uri).fsPath, CN_SAMPLE());
  });

  it('renders the bundled plan as a read-only document when the workspace lacks it', async () => {
    const moved = `${CN_SAMPLE()}.away`;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rename(CN_SAMPLE(), moved);
    try {
      const editor = await openEditor(US_SAMPLE());
      const at = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
      editor.selection = new vscode.Selection(at.translate(2), at.translate(2));
      await new Promise((r) => setTimeout(r, 500)); // let the file watcher see the rename
      await vscode.commands.executeCommand(CommandId.jumpToCounterpart);
      const active = vscode.window.activeTextEditor!;
      assert.strictEqual(active.document.uri.scheme, 'policy-lens');
      assert.match(active.document.uri.path, /\(bundled, read-only\)\.policy\.md$/);
      assert.strictEqual(active.document.languageId, 'policy-markdown');
      assert.match(active.document.lineAt(active.selection.start.line).text, /^## 5\. /);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', active.document.uri);
      assert.strictEqual(symbols.filter((s) => /^cn-/.test(s.detail)).length, 14);
    } finally {
      await fs.rename(moved, CN_SAMPLE());
    }
  });
});
