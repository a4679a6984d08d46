import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension';
import { CommandId } from '../../src/vscode/commandIds';
import { FIXTURES, SAMPLE_US } from '../paths';
import { CN_SAMPLE, EXTENSION_ID, find, hoverText, openEditor, samplePath, US_SAMPLE, waitFor } from './helpers';

/**
 * Issue 9 §4 and §5 in real VS Code: a commentary opened as plain Markdown stays Markdown (preview and folding
 * keep working) and shows its themes as decorations; its mentions of provisions answer the hover, F12, Jump to
 * Counterpart and the Outline; Show / Hide Themes in This Document toggle the decorations.
 */
describe('Mentions and themes in a plain Markdown commentary (issue 9)', function () {
  this.timeout(120000);
  let api: PolicyLensApi;
  let file: string;
  const decorations = (): readonly { themeId: string; range: vscode.Range }[] => api.themes.decorations(vscode.Uri.file(file)) ?? [];

  before(async () => {
    const ext = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID);
    assert.ok(ext);
    await openEditor(US_SAMPLE());
    api = await waitFor('activation', async () => (ext.isActive ? ext.exports : undefined));
    // A new name each run: the Show / Hide choice is remembered per document in the workspace state.
    file = samplePath('commentary', `two-plans-${Date.now()}.md`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.copyFile(path.join(FIXTURES, 'mentions', 'commentary-two-plans.md'), file);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(path.dirname(file), { recursive: true, force: true });
  });

  it('stays Markdown, with theme decorations, a Markdown preview and Markdown folding', async () => {
    const editor = await openEditor(file);
    const found = await waitFor('theme decorations', () => (decorations().length > 0 ? decorations() : undefined), 30000);
    assert.strictEqual(editor.document.languageId, 'markdown', 'not switched to Policy Markdown');
    const un = find(editor.document, 'United Nations');
    assert.ok(found.some((d) => d.themeId === 'international-cooperation' && d.range.contains(un.translate(0, 3))), 'United Nations is highlighted');
    assert.ok(new Set(found.map((d) => d.themeId)).size >= 10, 'many themes');
    // Markdown's folding comes from its language server, which starts in its own time.
    await waitFor('Markdown folding of the sections', async () => {
      const folds = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', editor.document.uri);
      return (folds?.length ?? 0) >= 5;
    }, 30000);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', editor.document.uri);
    await waitFor('Markdown preview', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => /preview/i.test(t.label) && t.label.includes(path.basename(file, '.md'))), 30000);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.strictEqual(editor.document.languageId, 'markdown');
  });

  it("hovering a mention shows the mentioned provision's card and says how it was found", async () => {
    const editor = await openEditor(file);
    const at = find(editor.document, 'Build, Baby, Build').translate(0, 2);
    const text = await waitFor('mention hover', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
      return t.includes('Mention of this provision') ? t : undefined;
    }, 30000);
    assert.match(text, /by one of its key phrases/);
    assert.match(text, /`us-0`/);
    assert.match(text, /command:policyLens\.openProvision\?/, 'its counterparts, linked');
  });

  it('F12 on a mention goes to the provision; Jump to Counterpart too', async () => {
    const editor = await openEditor(file);
    const at = find(editor.document, "Action 12 of China's plan").translate(0, 3);
    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, at);
    assert.strictEqual(links.length, 1);
    const link = links[0]!;
    const target = 'targetUri' in link ? link : { targetUri: link.uri, targetSelectionRange: link.range };
    assert.strictEqual(target.targetUri.fsPath, CN_SAMPLE());
    const cn = await vscode.workspace.openTextDocument(CN_SAMPLE());
    assert.match(cn.lineAt(target.targetSelectionRange!.start.line).text, /^12\. /);

    await openEditor(file);
    const pillar = find(editor.document, 'third pillar').translate(0, 2);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(pillar, pillar);
    const jumped = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.jumpToCounterpart);
    assert.ok(jumped, 'opened the mentioned provision');
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document.uri.fsPath, US_SAMPLE());
    assert.match(active.document.lineAt(active.selection.start.line).text, /^## Pillar III/);
  });

  it('lists the mentioned provisions in the Outline, by plan, at their mentions', async () => {
    const editor = await openEditor(file);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const plans = symbols.filter((s) => / provisions? mentioned$/.test(s.detail));
    assert.deepStrictEqual(plans.map((s) => s.detail.split(' ')[0]), ['us-ai-action-plan-2025', 'cn-global-ai-governance-2025']);
    const us = plans[0]!.children.map((c) => c.detail.split(' ')[0]);
    assert.deepStrictEqual(us, ['us-0', 'us-1.4', 'us-1.3', 'us-2', 'us-1.5', 'us-3.3', 'us-3', 'us-3.7']);
    const biosecurity = plans[0]!.children.find((c) => c.detail.startsWith('us-3.7'))!;
    assert.strictEqual(editor.document.getText(biosecurity.selectionRange), 'Invest in Biosecurity');
  });

  it('Hide Themes in This Document and Show Themes in This Document toggle the decorations', async () => {
    await openEditor(file);
    await waitFor('theme decorations', () => decorations().length > 0, 30000);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.hideThemesInDocument), 'none');
    await waitFor('decorations gone', () => decorations().length === 0);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.showThemesInDocument), 'decorations');
    await waitFor('decorations back', () => decorations().length > 0);
  });

  it('a plan saved as plain .md stays Markdown, with its themes, and its provisions in the hover and the Outline', async () => {
    const plan = samplePath('commentary', `us-plan-${Date.now()}.md`);
    await fs.copyFile(SAMPLE_US, plan);
    try {
      const editor = await openEditor(plan);
      await waitFor('theme decorations', () => (api.themes.decorations(editor.document.uri)?.length ?? 0) > 0, 30000);
      assert.strictEqual(editor.document.languageId, 'markdown');
      const heading = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, heading.translate(0, 6)));
      assert.match(text, /`us-1\.3`/);
      assert.doesNotMatch(text, /Mention of this provision/, 'inside a provision of the plan itself: its own card');
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      assert.deepStrictEqual(symbols.filter((s) => / · \d+ counterparts?$/.test(s.detail)).map((s) => s.detail.split(' ')[0]), ['us-0', 'us-1', 'us-2', 'us-3']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await fs.rm(plan, { force: true });
    }
  });
});
