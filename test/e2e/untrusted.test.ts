import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { find, hoverText, openEditor, select, sidecarOf, sleep, US_SAMPLE, waitFor } from './helpers';

/**
 * Runs only in the untrusted pass (POLICY_LENS_E2E_TRUST=untrusted: Workspace Trust on, nothing trusted).
 * The trust question is a notification; the test answers it as a user would, through the workbench's
 * notification commands.
 */
const hoverAt = async (doc: vscode.TextDocument, pos: vscode.Position): Promise<string> =>
  hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));

/** Runs `act`, answering the notifications that appear meanwhile with `answer` until it settles. */
async function answering<T>(answer: 'accept' | 'dismiss', act: () => Thenable<T>): Promise<T> {
  let settled = false;
  const p = Promise.resolve(act()).finally(() => (settled = true));
  for (let i = 0; i < 40 && !settled; i++) {
    await sleep(500);
    if (settled) break;
    await vscode.commands.executeCommand(answer === 'accept' ? 'notification.acceptPrimaryAction' : 'notifications.clearAll');
  }
  return p;
}

const annotate = (id: string, note: string): Thenable<string | undefined> => vscode.commands.executeCommand<string>('policyLens.annotateSelection', { codes: ['open-source'], note, id });

describe('Workspace Trust: an untrusted workspace (issue 8, case 11)', () => {
  const sidecar = (): string => sidecarOf(US_SAMPLE());

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(sidecar(), { force: true });
  });

  it('case 11 — reads and shows everything, writes only after the user agrees (asked once); case 9 — closing keeps what is unwritten', async function () {
    this.timeout(180000);
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this pass runs in restricted mode');
    // A sidecar written by someone else: shown as it is.
    let editor = await openEditor(US_SAMPLE());
    let doc = editor.document;
    await select(editor, 'rigorous experiments');
    const text = doc.getText();
    const at = text.indexOf('rigorous experiments');
    const prefix = text.slice(at - 32, at);
    const suffix = text.slice(at + 20, at + 52);
    const theirs = `version: 1\ndocument: us-ai-action-plan-2025.policy.md\nannotations:\n  - id: a-theirs001\n    target:\n      quote:\n        exact: rigorous experiments\n        prefix: ${JSON.stringify(prefix)}\n        suffix: ${JSON.stringify(suffix)}\n      position:\n        start: ${at + 5}\n        end: ${at + 25}\n    codes:\n      - data\n    note: theirs\n    created: 2026-01-01T00:00:00.000Z\n`;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(sidecar(), theirs);
    editor = await openEditor(US_SAMPLE());
    doc = editor.document;
    await waitFor('their annotation shown', async () => ((await hoverAt(doc, find(doc, 'rigorous experiments').translate(0, 2))).includes('theirs') ? true : undefined));

    // Annotate, and dismiss the question: nothing is written, the annotation stays in the editor.
    await select(editor, 'distinct asset for innovation');
    await answering('dismiss', () => annotate('a-kept00001', 'kept'));
    await sleep(500);
    assert.strictEqual(await fs.readFile(sidecar(), 'utf8'), theirs, 'nothing written without consent');
    assert.match(await hoverAt(doc, find(doc, 'distinct asset for innovation').translate(0, 2)), /kept/);

    // Case 9: closed and reopened, the unwritten annotation is still there.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(500);
    assert.strictEqual(await fs.readFile(sidecar(), 'utf8'), theirs, 'closing writes nothing without consent');
    editor = await openEditor(US_SAMPLE());
    doc = editor.document;
    await waitFor('the kept annotation after reopening', async () => ((await hoverAt(doc, find(doc, 'distinct asset for innovation').translate(0, 2))).includes('kept') ? true : undefined));

    // Annotate again: asked again (a dismissed question is no answer); this time the user agrees.
    await vscode.commands.executeCommand('notifications.clearAll');
    await select(editor, 'business and science');
    await answering('accept', () => annotate('a-agreed001', 'agreed'));
    const written = await fs.readFile(sidecar(), 'utf8');
    for (const id of ['a-theirs001', 'a-kept00001', 'a-agreed001']) assert.ok(written.includes(`id: ${id}`), `${id} written:\n${written}`);

    // The answer is remembered for the workspace: the next act writes without a question.
    await select(editor, 'academic');
    const id = await Promise.race([annotate('a-again0001', 'again'), sleep(15000).then(() => 'asked again')]);
    assert.strictEqual(id, 'a-again0001');
    assert.ok((await fs.readFile(sidecar(), 'utf8')).includes('id: a-again0001'));
  });

  it('issue 9: Accept Suggestion and Dismiss write nothing in Restricted Mode; the dismissed one is hidden for the window', async function () {
    this.timeout(60000);
    const editor = await openEditor(US_SAMPLE());
    const at = find(editor.document, 'Strengthen AI Compute Export Control Enforcement').translate(0, 2);
    const hover = await waitFor('a hover with suggestions', async () => {
      const t = await hoverAt(editor.document, at);
      return t.includes('**Suggested**') ? t : undefined;
    });
    const m = /\(command:policyLens\.dismissSuggestion\?([^)]*)\)/.exec(hover);
    assert.ok(m, hover);
    const args = JSON.parse(decodeURIComponent(m[1]!)) as { from: string; to: string }[];
    const accepted = await vscode.commands.executeCommand<unknown>('policyLens.acceptSuggestion', args[0]);
    assert.strictEqual(accepted, undefined, 'nothing accepted');
    assert.ok(await vscode.commands.executeCommand<unknown>('policyLens.dismissSuggestion', args[0]));
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    for (const f of ['.policy-lens/pack/counterparts.yaml', '.policy-lens/dismissed-suggestions.yaml']) {
      await assert.rejects(fs.stat(`${root}/${f}`), `${f} not written`);
    }
    const after = await hoverAt(editor.document, at);
    assert.doesNotMatch(after.slice(after.indexOf('**Suggested**')), new RegExp(`dismissSuggestion\\?[^)]*${encodeURIComponent(`"to":"${args[0]!.to}"`)}`));
  });
});
