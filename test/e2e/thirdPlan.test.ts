import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FIXTURES } from '../paths';
import { CN_SAMPLE, EXTENSION_ID, find, hoverText, openEditor, samplePath, sleep, US_SAMPLE, waitFor } from './helpers';

const ID = 'aldoria-ai-compact-2026';
const BODY = 'Aldoria will align its export controls';

/** The hover's "Suggested" section, and the curated part before it. */
function sections(hover: string): { curated: string; suggested: string } {
  const at = hover.indexOf('**Suggested**');
  return at < 0 ? { curated: hover, suggested: '' } : { curated: hover.slice(0, at), suggested: hover.slice(at) };
}

/** The arguments of a command link in the hover, as VS Code would pass them when the link is clicked. */
function linkArgs(hover: string, command: string, to: string): unknown[] {
  for (const m of hover.matchAll(new RegExp(`\\(command:${command.replace('.', '\\.')}\\?([^)]*)\\)`, 'g'))) {
    const args = JSON.parse(decodeURIComponent(m[1]!)) as { to: string }[];
    if (args[0]?.to === to) return args;
  }
  throw new Error(`no ${command} link to ${to} in:\n${hover}`);
}

/**
 * Issue 9 §3 in real VS Code: a third plan drafted from a document, recognised, its suggested counterparts in
 * the hover; one accepted through the relation and note pickers becomes a curated link in the workspace pack's
 * counterparts.yaml (hover and Jump to Counterpart follow it), and a dismissed one disappears.
 */
describe('a third plan: draft, suggestions, accept and dismiss in VS Code (issue 9)', function () {
  this.timeout(180000);
  let doc: string;
  let plan: string;
  let links: string;
  let dismissed: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await openEditor(US_SAMPLE());
    await waitFor('activation', () => ext.isActive);
    doc = samplePath('third-plan-e2e', 'aldoria-ai-compact.md');
    plan = samplePath('.policy-lens', 'pack', 'plans', `${ID}.yaml`);
    links = samplePath('.policy-lens', 'pack', 'counterparts.yaml');
    dismissed = samplePath('.policy-lens', 'dismissed-suggestions.yaml');
    for (const f of [plan, links, dismissed]) await fs.rm(f, { force: true });
    await fs.mkdir(path.dirname(doc), { recursive: true });
    await fs.copyFile(path.join(FIXTURES, 'third-plan', 'aldoria-ai-compact.md'), doc);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [plan, links, dismissed]) await fs.rm(f, { force: true });
    await fs.rm(path.dirname(doc), { recursive: true, force: true });
  });

  const hoverAt = async (editor: vscode.TextEditor, text: string): Promise<string> =>
    hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, find(editor.document, text)));

  it('draft → recognised → the hover suggests counterparts → accepted one is curated in hover and jump', async () => {
    const editor = await openEditor(doc);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('policyLens.draftPlan', editor.document.uri, ID);
    assert.strictEqual(written?.fsPath, plan);
    await openEditor(doc);
    // Recognised, with suggestions from both bundled plans' provisions, apart from the (absent) curated links.
    const hover = await waitFor('hover with suggestions', async () => {
      const t = await hoverAt(editor, BODY);
      return t.includes('aac-3.1') && t.includes('**Suggested**') ? t : undefined;
    }, 30000);
    const before = sections(hover);
    assert.match(before.curated, /No counterpart provision/);
    assert.match(before.suggested, /`us-3\.3` · score 0\.\d\d/);
    assert.match(before.suggested, /shared (themes|terms)/);
    assert.strictEqual([...before.suggested.matchAll(/◇ /g)].length, 3, 'top 3');

    // Accept us-3.3 as the hover's link would: the relation picker (aligned first), then the note (left empty).
    const accepted = vscode.commands.executeCommand<{ relation: string } | undefined>('policyLens.acceptSuggestion', ...linkArgs(hover, 'policyLens.acceptSuggestion', 'us-3.3'));
    await sleep(1200);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(1200);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual((await accepted)?.relation, 'aligned');
    const yaml = await fs.readFile(links, 'utf8');
    assert.match(yaml, /- from: aac-3\.1\n\s+to: us-3\.3\n\s+relation: aligned\n/);

    // After the reload the link is curated: in the hover's first section, no longer suggested.
    const after = sections(await waitFor('hover with the curated link', async () => {
      const t = await hoverAt(editor, BODY);
      return /`us-3\.3` · \*aligned\*/.test(sections(t).curated) ? t : undefined;
    }, 30000));
    assert.doesNotMatch(after.suggested, /us-3\.3/);
    assert.match(after.suggested, /◇ /, 'the other suggestions remain');

    // Jump to Counterpart: the one curated link is followed at once.
    const at = find(editor.document, BODY);
    const inDoc = await openEditor(doc);
    inDoc.selection = new vscode.Selection(at, at);
    const target = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('policyLens.jumpToCounterpart');
    assert.ok(target, 'jumped');
    assert.strictEqual(vscode.window.activeTextEditor!.document.uri.fsPath, US_SAMPLE());
    assert.match(vscode.window.activeTextEditor!.document.lineAt(vscode.window.activeTextEditor!.selection.start.line).text, /Strengthen AI Compute Export Control Enforcement/);
  });

  it('dismissing a suggestion remembers it in .policy-lens/dismissed-suggestions.yaml and it disappears', async () => {
    const editor = await openEditor(doc);
    const hover = await waitFor('hover with us-3.4 suggested', async () => {
      const t = await hoverAt(editor, BODY);
      return sections(t).suggested.includes('us-3.4') ? t : undefined;
    }, 30000);
    const done = await vscode.commands.executeCommand<unknown>('policyLens.dismissSuggestion', ...linkArgs(hover, 'policyLens.dismissSuggestion', 'us-3.4'));
    assert.ok(done, 'dismissed');
    assert.match(await fs.readFile(dismissed, 'utf8'), /- from: aac-3\.1\n\s+to: us-3\.4\n/);
    const after = await waitFor('hover without us-3.4', async () => {
      const t = await hoverAt(editor, BODY);
      return t.includes('**Suggested**') && !sections(t).suggested.includes('us-3.4') ? t : undefined;
    }, 20000);
    assert.match(sections(after).curated, /`us-3\.3`/, 'the curated link stays');
  });

  it('Jump to Counterpart lists suggestions in its picker where nothing is curated, and follows one', async () => {
    const editor = await openEditor(doc);
    const at = find(editor.document, 'Aldorian experts will join');
    editor.selection = new vscode.Selection(at, at);
    const jump = vscode.commands.executeCommand<vscode.TextEditor | undefined>('policyLens.jumpToCounterpart');
    await sleep(1200);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const target = await jump;
    assert.ok(target, 'a suggested counterpart was opened');
    // aac-3.2 (international standards bodies) ranks the Chinese plan's provisions first.
    assert.strictEqual(vscode.window.activeTextEditor!.document.uri.fsPath, CN_SAMPLE());
  });
});
