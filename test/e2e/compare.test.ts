import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import type { ComparePanel } from '../../src/vscode/compare/comparePanel';
import { CN_SAMPLE, openEditor, revertAll, select, sidecarOf, US_SAMPLE, waitFor } from './helpers';

const argsOf = (href: string): unknown => (JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as unknown[])[0];

describe('Compare Plans (webview)', function () {
  this.timeout(180000);
  let panel: ComparePanel | undefined;

  after(async () => {
    panel?.dispose();
    await revertAll();
    for (const f of [US_SAMPLE(), CN_SAMPLE()]) await fs.rm(sidecarOf(f), { force: true });
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the panel with three charts and their tables; the page’s script runs under the CSP', async () => {
    const editor = await openEditor(US_SAMPLE());
    await select(editor, 'distinct asset for innovation');
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['open-source', 'innovation-industry'], note: 'chart test', id: 'a-chart00001' });
    await select(editor, 'asset for innovation. Startups');
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['innovation-industry'], id: 'a-chart00002' });
    panel = await vscode.commands.executeCommand<ComparePanel>('policyLens.comparePlans');
    assert.ok(panel, 'the command returns its panel');
    const ready = await waitFor('the page drew three charts', () => (panel!.lastReady?.charts === 3 ? panel!.lastReady : undefined), 120000);
    assert.strictEqual(ready.tables, 3, 'each chart has its table');
    assert.match(ready.themeKind, /^vscode-(light|dark)$/, 'VS Code marks the page with its theme kind');
    assert.ok(ready.focusable > 10, `tab stops on the bars and cells: ${ready.focusable}`);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('policyLens.comparePlans') && t.label === 'Compare Plans'), 'a Compare Plans webview tab');
    // The data behind the charts: both plans, the two codes on one document, overlapping once.
    const us = vscode.Uri.file(US_SAMPLE()).toString();
    assert.strictEqual(panel.passages('codes', us, 'innovation-industry')!.total, 2);
    const both = panel.passages('cooccurrence', '0', '1')!;
    assert.strictEqual(both.total, 2, `open-source × innovation-industry: the annotation with both, and the overlap (${both.title})`);
  });

  it('Enter and Space on a bar list its passages as links, which open the passage', async () => {
    assert.ok(panel);
    for (const [index, key] of [[0, 'Enter'], [3, ' ']] as const) {
      panel.lastShown = undefined;
      assert.ok(await panel.press(index, key), 'message delivered');
      const shown = await waitFor(`the passages of tab stop ${index} (${JSON.stringify(key)})`, () => panel!.lastShown, 30000);
      assert.ok(shown.list.total > 0);
      assert.strictEqual(shown.links, shown.list.items.length, 'every passage listed as a link');
    }
    const item = panel.passages('codes', vscode.Uri.file(US_SAMPLE()).toString(), 'open-source')!.items[0]!;
    assert.match(item.href, /^command:policyLens\.openPassage\?/);
    assert.match(item.label, /us-ai-action-plan-2025\.policy\.md:\d+:\d+$/);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('policyLens.openPassage', argsOf(item.href));
    assert.ok(editor);
    assert.strictEqual(editor.document.getText(editor.selection), 'distinct asset for innovation');
    assert.ok(panel.webviewPanel.visible, 'the passage opens beside the panel, which stays in view');
  });

  it('opens nothing outside the workspace folders', async () => {
    for (const document of ['file:///etc/hostname', `${vscode.Uri.file(US_SAMPLE()).toString()}/../../../../etc/hostname`, 'untitled:x', 'https://example.com/a.md']) {
      const r = await vscode.commands.executeCommand('policyLens.openPassage', { document, start: 0, end: 1 });
      assert.strictEqual(r, undefined, document);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('/etc/hostname') || d.uri.scheme === 'https'), document);
    }
    assert.strictEqual(await vscode.commands.executeCommand('policyLens.openPassage', { document: vscode.Uri.file(US_SAMPLE()).toString(), start: -1, end: 'x' }), undefined);
  });

  it('draws the bars in the colour theme’s palette: high contrast', async () => {
    assert.ok(panel);
    panel.reveal(); // a hidden webview is drawn only when shown again
    panel.lastReady = undefined;
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
    const ready = await waitFor('the page drawn again in high contrast', () => (panel!.lastReady?.themeKind === 'vscode-high-contrast' && panel!.lastReady.charts === 3 ? panel!.lastReady : undefined), 60000);
    // The first bar is International cooperation (CN): its high-contrast colour in themes.yaml.
    assert.strictEqual(ready.firstBarFill.toUpperCase(), '#128FD4');
  });
});
