import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandId } from '../../src/vscode/commandIds';
import { CN_SAMPLE, find, hoverText, openEditor, US_SAMPLE, waitFor } from './helpers';

/** Issue 12, §2: what a daily user notices. */
describe('polish: side by side, compact hovers, peek lenses, the theme legend', function () {
  this.timeout(60000);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('policyLens').update('jump.openToSide', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function atOpenSource(): Promise<vscode.TextEditor> {
    const editor = await openEditor(US_SAMPLE());
    const at = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
    editor.selection = new vscode.Selection(at.translate(2), at.translate(2));
    return editor;
  }

  it('Open Counterpart to the Side opens the counterpart beside the current editor', async () => {
    const editor = await atOpenSource();
    assert.strictEqual(editor.viewColumn, vscode.ViewColumn.One);
    const target = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.openCounterpartToSide);
    assert.ok(target);
    assert.strictEqual(target.document.uri.fsPath, CN_SAMPLE());
    assert.strictEqual(target.viewColumn, vscode.ViewColumn.Two);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === US_SAMPLE()), 'the source stays visible');
  });

  it('Jump to Counterpart opens to the side when policyLens.jump.openToSide is on, in place when off', async () => {
    let target = await (async () => (await atOpenSource(), vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.jumpToCounterpart)))();
    assert.strictEqual(target?.viewColumn, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('policyLens').update('jump.openToSide', true, vscode.ConfigurationTarget.Global);
    await atOpenSource();
    target = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.jumpToCounterpart);
    assert.strictEqual(target?.viewColumn, vscode.ViewColumn.Two);
  });

  it('hover: full card on the heading line, compact in the body (policyLens.hover.detail auto)', async () => {
    const editor = await openEditor(US_SAMPLE());
    const heading = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
    const card = async (p: vscode.Position) => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, p));
    const full = await card(heading.translate(0, 8));
    const compact = await card(new vscode.Position(heading.line + 2, 3));
    assert.match(full, /confidence\)\*/);
    assert.doesNotMatch(compact, /confidence\)\*/);
    assert.ok(compact.length < full.length);
    for (const text of [full, compact]) assert.ok(text.indexOf('`cn-5`') < text.indexOf('---'), 'counterparts first');
  });

  it('Peek shows the relation: one lens per counterpart on the heading, each peeks it', async () => {
    const editor = await openEditor(US_SAMPLE());
    const heading = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 100);
      return l.length ? l : undefined;
    });
    const here = lenses.filter((l) => l.range.start.line === heading.line);
    assert.deepStrictEqual(here.map((l) => l.command?.title.split(' · ')[0]), ['= aligned']);
    assert.match(here[0]!.command!.title, /cn-5 Building a pluralistic/);
    assert.strictEqual(here[0]!.command!.command, CommandId.peekCounterpart);
    await vscode.commands.executeCommand(here[0]!.command!.command, ...((here[0]!.command!.arguments ?? []) as unknown[]));
  });

  it('Show Themes…: the legend lists the 16 themes checked; accepting with one unchecked hides it', async () => {
    await openEditor(US_SAMPLE());
    const config = vscode.workspace.getConfiguration('policyLens');
    try {
      await config.update('themes.hidden', ['open-source'], vscode.ConfigurationTarget.Global);
      const shown = vscode.commands.executeCommand<readonly string[] | undefined>(CommandId.showThemes);
      await new Promise((r) => setTimeout(r, 1000));
      // Focus the first item (international cooperation), toggle its checkbox off (Space), accept.
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const hidden = await shown;
      // open-source was unchecked already (hidden before), international cooperation now too, in the legend's order.
      assert.deepStrictEqual(hidden, ['international-cooperation', 'open-source']);
      assert.deepStrictEqual(vscode.workspace.getConfiguration('policyLens').get('themes.hidden'), ['international-cooperation', 'open-source']);
    } finally {
      await config.update('themes.hidden', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
