import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FIXTURES } from '../paths';
import { EXTENSION_ID, find, hoverText, openEditor, samplePath, US_SAMPLE, waitFor } from './helpers';

const ID = 'aldoria-ai-compact-2026';

/**
 * Issue 9: *Policy Lens: Draft Plan from This Document* in real VS Code: the draft is written into the
 * workspace pack, opened beside the document, and the document is recognised as the new plan at once.
 */
describe('Draft Plan from This Document in VS Code (issue 9)', function () {
  this.timeout(120000);
  let doc: string;
  let plan: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await openEditor(US_SAMPLE());
    await waitFor('activation', () => ext.isActive);
    doc = samplePath('third-plan', 'aldoria-ai-compact.md');
    plan = samplePath('.policy-lens', 'pack', 'plans', `${ID}.yaml`);
    await fs.mkdir(path.dirname(doc), { recursive: true });
    await fs.copyFile(path.join(FIXTURES, 'third-plan', 'aldoria-ai-compact.md'), doc);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(plan, { force: true });
    await fs.rm(path.dirname(doc), { recursive: true, force: true });
  });

  it('writes the draft into .policy-lens/pack/plans, opens it, and the document is recognised as the new plan', async () => {
    const editor = await openEditor(doc);
    const at = find(editor.document, 'Aldoria will align its export controls');
    const hover = async (): Promise<string> => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
    assert.doesNotMatch(await hover(), /aac-3\.1/, 'no plan before the draft');
    // The id the input box would ask for, given as the command's argument.
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('policyLens.draftPlan', editor.document.uri, ID);
    assert.ok(written, 'the command wrote a file');
    assert.strictEqual(written.fsPath, plan);
    const yaml = await fs.readFile(plan, 'utf8');
    assert.match(yaml, /id: aac-3\.1/);
    assert.match(yaml, /heading: Control Exports of Advanced Chips/);
    await waitFor('the draft open in an editor', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === plan), 20000);
    // Recognised at once: the hover names the new plan's provision and its heading.
    const text = await waitFor('hover with the drafted provision', async () => {
      const t = await hover();
      return t.includes('aac-3.1') ? t : undefined;
    }, 20000);
    assert.match(text, /Control Exports of Advanced Chips/);
  });

  it('refuses an id already in the knowledge pack and writes nothing', async () => {
    const editor = await openEditor(doc);
    const before = await fs.readFile(plan, 'utf8');
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('policyLens.draftPlan', editor.document.uri, ID);
    assert.strictEqual(again, undefined);
    assert.strictEqual(await fs.readFile(plan, 'utf8'), before);
  });
});
