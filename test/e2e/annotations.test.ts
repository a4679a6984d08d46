import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { CN_SAMPLE, find, hoverText, openEditor, revertAll, select, sidecarOf, US_SAMPLE, waitFor } from './helpers';

interface SidecarFile {
  version: number;
  document: string;
  annotations: { id: string; target: { quote: { exact: string; prefix: string; suffix: string }; position: { start: number; end: number } }; codes: string[]; note?: string; links?: { plan?: string; provision?: string; relation: string; note?: string }[]; author?: string; created: string }[];
}

const readSidecar = async (file: string): Promise<SidecarFile> => parse(await fs.readFile(sidecarOf(file), 'utf8')) as SidecarFile;
const hoverAt = async (doc: vscode.TextDocument, pos: vscode.Position): Promise<string> =>
  hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor('the document reverted', () => !editor.document.isDirty);
  await revertAll();
}

describe('annotations in YAML sidecars', () => {
  afterEach(async () => {
    await revertAll();
    for (const f of [US_SAMPLE(), CN_SAMPLE()]) await fs.rm(sidecarOf(f), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Annotate Selection writes the exact sidecar', async () => {
    const editor = await openEditor(US_SAMPLE());
    const phrase = 'distinct asset for innovation';
    await select(editor, phrase);
    const id = await vscode.commands.executeCommand<string>('policyLens.annotateSelection', { codes: ['open-source', 'innovation-industry'], note: 'Open models as\n  an asset: compare cn-5', id: 'a-test000001' });
    assert.strictEqual(id, 'a-test000001');
    const text = await fs.readFile(sidecarOf(US_SAMPLE()), 'utf8');
    const s = parse(text) as SidecarFile;
    const start = editor.document.offsetAt(editor.selection.start);
    assert.deepStrictEqual({ ...s, annotations: s.annotations.map(({ created: _c, author: _a, ...rest }) => rest) }, {
      version: 1,
      document: 'us-ai-action-plan-2025.policy.md',
      annotations: [
        {
          id: 'a-test000001',
          target: {
            quote: { exact: phrase, prefix: editor.document.getText().slice(start - 32, start), suffix: editor.document.getText().slice(start + phrase.length, start + phrase.length + 32) },
            position: { start, end: start + phrase.length },
          },
          codes: ['open-source', 'innovation-industry'],
          note: 'Open models as\n  an asset: compare cn-5',
        },
      ],
    });
    assert.match(s.annotations[0]!.created, /^\d{4}-\d\d-\d\dT/);
    assert.match(text, /^version: 1\n/);
    // The card shows it, with the note as plain text.
    const hoverPos = editor.document.positionAt(start + 3);
    const hover = await waitFor('hover with the annotation', async () => {
      const h = await hoverAt(editor.document, hoverPos);
      return /\*\*Annotation\*\*/.test(h) ? h : undefined;
    });
    assert.match(hover, /\*\*Annotation\*\* · Open source[^·]* · Innovation/);
    assert.match(hover, /Open models as an asset\\: compare cn\\-5/);
  });

  it('ranges follow edits; the sidecar is updated when the document is saved', async () => {
    const editor = await openEditor(US_SAMPLE());
    const phrase = 'rigorous experiments';
    await select(editor, phrase);
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['science-research'], note: 'n', id: 'a-test000002' });
    const before = (await readSidecar(US_SAMPLE())).annotations[0]!.target.position.start;
    const insertAt = find(editor.document, '### Encourage Open-Source');
    const inserted = 'Inserted line before the section.\n';
    await editor.edit((e) => e.insert(insertAt, inserted));
    const moved = find(editor.document, phrase);
    assert.match(await hoverAt(editor.document, moved.translate(0, 2)), /\*\*Annotation\*\* · Science/);
    assert.strictEqual((await readSidecar(US_SAMPLE())).annotations[0]!.target.position.start, before, 'not written before save');
    await editor.document.save();
    await waitFor('sidecar rewritten on save', async () => ((await readSidecar(US_SAMPLE())).annotations[0]!.target.position.start === before + inserted.length ? true : undefined));
    await editor.edit((e) => e.delete(new vscode.Range(insertAt, insertAt.translate(1))));
    await editor.document.save();
  });

  it('a sidecar changed on disk is reloaded and merged by id', async () => {
    const editor = await openEditor(US_SAMPLE());
    await select(editor, 'academic');
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['science-research'], note: 'mine', id: 'a-test000003' });
    const s = await readSidecar(US_SAMPLE());
    const text = editor.document.getText();
    const theirsAt = text.indexOf('training data');
    s.annotations.push({ id: 'a-theirs0001', target: { quote: { exact: 'training data', prefix: text.slice(theirsAt - 32, theirsAt), suffix: text.slice(theirsAt + 13, theirsAt + 45) }, position: { start: theirsAt, end: theirsAt + 13 } }, codes: ['data'], note: 'from a colleague', created: '2026-01-01T00:00:00.000Z' });
    const { stringify } = await import('yaml');
    await fs.writeFile(sidecarOf(US_SAMPLE()), stringify(s, { lineWidth: 0 }));
    const pos = editor.document.positionAt(theirsAt + 2);
    await waitFor('their annotation in the hover', async () => ((await hoverAt(editor.document, pos)).includes('from a colleague') ? true : undefined), 8000);
    assert.match(await hoverAt(editor.document, editor.document.positionAt(text.indexOf('academic') + 1)), /mine/);
  });

  it('a malformed sidecar shows Problems, stays untouched, and makes annotations read-only', async () => {
    const broken = 'version: 1\ndocument: us-ai-action-plan-2025.policy.md\nannotations:\n  - id: a-bad\n    codes: not-a-list\n';
    await fs.writeFile(sidecarOf(US_SAMPLE()), broken);
    const editor = await openEditor(US_SAMPLE());
    const uri = vscode.Uri.file(sidecarOf(US_SAMPLE()));
    const diags = await waitFor('sidecar diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length ? d : undefined;
    });
    assert.ok(diags.some((d) => d.range.start.line >= 3 && d.severity === vscode.DiagnosticSeverity.Error), JSON.stringify(diags.map((d) => [d.range.start.line, d.message])));
    await select(editor, 'academic');
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['data'], note: 'x' });
    assert.strictEqual(await fs.readFile(sidecarOf(US_SAMPLE()), 'utf8'), broken);
  });

  it('a counterpart link shows in the hover and is followed by Jump to Counterpart', async () => {
    const editor = await openEditor(US_SAMPLE());
    await select(editor, 'Strengthen AI Compute Export Control Enforcement');
    const heading = editor.selection.start;
    await select(editor, 'export', heading.line + 1);
    await vscode.commands.executeCommand('policyLens.linkSelectionAsCounterpart', { target: { planId: 'cn-global-ai-governance-2025', provisionId: 'cn-11' }, relation: 'contrasting', note: 'my reading' });
    const s = await readSidecar(US_SAMPLE());
    assert.deepStrictEqual(s.annotations[0]!.links, [{ plan: 'cn-global-ai-governance-2025', provision: 'cn-11', relation: 'contrasting', note: 'my reading' }]);
    // From the sidecar, not editor.selection: a late selection update from the workbench can still undo ours.
    const inside = editor.document.positionAt(s.annotations[0]!.target.position.start + 1);
    assert.match(await hoverAt(editor.document, inside), /≠ \*\*contrasting\*\* .*`cn-11`/);
    editor.selection = new vscode.Selection(inside, inside);
    const jump = vscode.commands.executeCommand<vscode.TextEditor | undefined>('policyLens.jumpToCounterpart');
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the user's link is listed first
    await jump;
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document.uri.fsPath, CN_SAMPLE());
    assert.match(active.document.lineAt(active.selection.start.line).text, /^11\. /);
  });

  it('a link to an annotation in the other plan is labelled with that passage in the hover, not the file name (issue 12)', async () => {
    const cn = await openEditor(CN_SAMPLE());
    await select(cn, 'capacity building');
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['global-south-capacity'], id: 'a-test000021' });
    const us = await openEditor(US_SAMPLE());
    await select(us, 'distinct asset for innovation');
    await vscode.commands.executeCommand('policyLens.linkSelectionAsCounterpart', { target: { document: cn.document.uri.toString(), annotationId: 'a-test000021' }, relation: 'partial' });
    const card = await hoverAt(us.document, us.selection.start.translate(0, 2));
    assert.match(card, /≈ \*\*partial\*\* · \[“capacity building”\]\(command:policyLens\.openAnnotation\?[^)]*\) · cn\\-global\\-ai/, card);
  });

  it('a note of several lines is written in an editor of its own and saved into the sidecar (issue 12)', async () => {
    const editor = await openEditor(US_SAMPLE());
    await select(editor, 'distinct asset for innovation');
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['open-source'], note: 'first line', id: 'a-test000022' });
    const noteEditor = await vscode.commands.executeCommand<vscode.TextEditor>('policyLens.editNote', { id: 'a-test000022' });
    assert.strictEqual(noteEditor.document.uri.scheme, 'policy-lens-note');
    assert.strictEqual(noteEditor.document.languageId, 'markdown');
    assert.strictEqual(noteEditor.document.getText(), 'first line');
    const whole = new vscode.Range(noteEditor.document.positionAt(0), noteEditor.document.positionAt(noteEditor.document.getText().length));
    const shown = vscode.window.activeTextEditor!;
    assert.strictEqual(shown.document.uri.toString(), noteEditor.document.uri.toString(), 'the note editor is the active one');
    assert.ok(await shown.edit((e) => e.replace(whole, 'Compare with CN action 5:\n\n- open-source communities\n- shared compute')), 'the edit applies');
    assert.ok(shown.document.isDirty, 'the note is dirty');
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the note saved', () => !shown.document.isDirty);
    await waitFor('the note in the sidecar', async () => (await readSidecar(US_SAMPLE())).annotations[0]?.note === 'Compare with CN action 5:\n\n- open-source communities\n- shared compute');
    const at = editor.document.positionAt(editor.document.getText().indexOf('distinct asset for innovation') + 2);
    assert.match(await hoverAt(editor.document, at), /“Compare with CN action 5\\: {2}\n\\- open\\-source communities {2}\n\\- shared compute”/);
  });

  it('deleting an annotated passage orphans the annotation; it is listed and can be re-attached', async () => {
    const editor = await openEditor(US_SAMPLE());
    const phrase = 'business and science';
    await select(editor, phrase);
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['science-research'], note: 'orphan me', id: 'a-test000004' });
    const at = editor.selection.start;
    await editor.edit((e) => e.delete(editor.selection));
    const diags = await waitFor('orphan diagnostic', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => /Orphaned annotation/.test(d.message)));
    assert.strictEqual(diags.code, 'a-test000004');
    await editor.edit((e) => e.insert(at, 'science and business'));
    const start = editor.document.offsetAt(at);
    await vscode.commands.executeCommand('policyLens.reattachOrphanedAnnotation', { id: 'a-test000004', start, end: start + 20 });
    const s = await readSidecar(US_SAMPLE());
    assert.strictEqual(s.annotations[0]!.target.quote.exact, 'science and business');
    await revert(editor);
  });

  it('Annotate with no selection codes the sentence under the cursor', async () => {
    const editor = await openEditor(US_SAMPLE());
    const text = editor.document.getText();
    const phrase = 'distinct asset for innovation';
    const at = editor.document.positionAt(text.indexOf(phrase) + 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['open-source'], id: 'a-test000010' });
    const quote = (await readSidecar(US_SAMPLE())).annotations[0]!.target.quote.exact;
    assert.ok(quote.includes(phrase) && quote.length > phrase.length, quote);
    assert.match(quote, /[.!?]$/);
    assert.strictEqual(editor.document.getText(editor.selection), quote, 'the coded sentence is selected');
  });

  it('the code picker starts with the current provision\'s themes ticked', async () => {
    const editor = await openEditor(US_SAMPLE());
    await select(editor, 'distinct asset for innovation');
    // No arguments: the real pickers. Accepting the code picker at once keeps what was ticked; the note is left empty.
    const done = vscode.commands.executeCommand<string | undefined>('policyLens.annotateSelection');
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.ok(await done, 'an annotation was made from the ticked codes alone');
    const codes = (await readSidecar(US_SAMPLE())).annotations[0]!.codes;
    assert.ok(codes.length > 0, 'the provision\'s themes were ticked');
  });

  it('Quick Fixes on orphaned and fuzzy annotation diagnostics: accept the new place, re-attach, delete (and a fuzzy match on opening gets its diagnostic)', async () => {
    // A sidecar whose quote differs by a typo from the text: it attaches by a fuzzy match.
    const text = (await fs.readFile(US_SAMPLE(), 'utf8')).replace(/\r\n/g, '\n');
    const phrase = 'distinct asset for innovation';
    const start = text.indexOf(phrase);
    const sidecar = { version: 1, document: 'us-ai-action-plan-2025.policy.md', annotations: [{ id: 'a-test000009', target: { quote: { exact: 'distinct asset for innovatoin', prefix: text.slice(start - 32, start), suffix: text.slice(start + phrase.length, start + phrase.length + 32) }, position: { start, end: start + phrase.length } }, codes: ['open-source'], created: '2025-01-01T00:00:00Z' }] };
    await fs.writeFile(sidecarOf(US_SAMPLE()), JSON.stringify(sidecar), 'utf8');
    const editor = await openEditor(US_SAMPLE());
    const fuzzy = await waitFor('fuzzy diagnostic', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'a-test000009' && /fuzzy match/.test(d.message)));
    const actionsAt = async (range: vscode.Range): Promise<vscode.CodeAction[]> =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, vscode.CodeActionKind.QuickFix.value)).filter((a) => (a.command?.arguments?.[0] as { id?: string } | undefined)?.id === 'a-test000009');
    const onFuzzy = await actionsAt(fuzzy.range);
    assert.deepStrictEqual(onFuzzy.map((a) => a.title), ['Accept the annotation’s new place', 'Re-attach the annotation…', 'Delete the annotation']);
    await vscode.commands.executeCommand(onFuzzy[0]!.command!.command, onFuzzy[0]!.command!.arguments![0] as unknown);
    assert.strictEqual((await readSidecar(US_SAMPLE())).annotations[0]!.target.quote.exact, phrase);
    await waitFor('the fuzzy diagnostic gone', () => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.code === 'a-test000009'));
    // Orphaned: its fixes are re-attach and delete; delete removes it from the sidecar.
    await select(editor, phrase);
    await editor.edit((e) => e.delete(editor.selection));
    const orphan = await waitFor('orphan diagnostic', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'a-test000009' && /Orphaned/.test(d.message)));
    const onOrphan = await actionsAt(orphan.range);
    assert.deepStrictEqual(onOrphan.map((a) => a.title), ['Re-attach the annotation…', 'Delete the annotation']);
    const del = onOrphan[1]!.command!;
    assert.strictEqual(del.command, 'policyLens.deleteAnnotation');
    await vscode.commands.executeCommand(del.command, { ...(del.arguments![0] as { id: string }), confirm: false });
    assert.deepStrictEqual((await readSidecar(US_SAMPLE())).annotations ?? [], []);
    await revert(editor);
  });

  it('New code… adds a code of the user\'s own to the workspace codebook, offered at once (issue 12)', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(root, '.policy-lens', 'codebook.yaml');
    const before = await vscode.workspace.fs.readFile(file).then((b) => new TextDecoder().decode(b), () => undefined);
    try {
      const id = await vscode.commands.executeCommand<string>('policyLens.newCode', { label: 'Needs legal review' });
      assert.strictEqual(id, 'needs-legal-review');
      const book = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { codes: { id: string; label: string; colour?: string }[] };
      const added = book.codes.find((c) => c.id === id);
      assert.ok(added && added.label === 'Needs legal review' && /^#[0-9A-F]{6}$/i.test(added.colour ?? ''), JSON.stringify(book.codes));
      if (before) assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)).startsWith(before.split('\ncodes:')[0]!), 'what was there is kept');
      // The same label again gets an id of its own; the code is usable on a passage straight away.
      assert.strictEqual(await vscode.commands.executeCommand<string>('policyLens.newCode', { label: 'Needs legal review' }), 'needs-legal-review-2');
      const editor = await openEditor(US_SAMPLE());
      await select(editor, 'distinct asset for innovation');
      await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: [id], note: 'ask counsel', id: 'a-test000020' });
      assert.match(await hoverAt(editor.document, editor.selection.start.translate(0, 2)), /Needs legal review/);
    } finally {
      if (before !== undefined) await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(before));
    }
  });

  it('uses the workspace codebook (created on first use) and policyLens.sidecarFolder', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const codebook = vscode.Uri.joinPath(root, '.policy-lens', 'codebook.yaml');
    await vscode.workspace.fs.stat(codebook); // created by the first annotation above
    const config = vscode.workspace.getConfiguration('policyLens');
    await config.update('sidecarFolder', 'notes', vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const editor = await openEditor(CN_SAMPLE());
      await waitFor('policy language', () => editor.document.languageId === 'policy-text');
      await select(editor, 'capacity building');
      await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['follow-up'], note: 'team code', id: 'a-test000005' });
      const file = vscode.Uri.joinPath(root, 'notes', 'plans', 'cn-global-ai-governance-2025.txt.annotations.yaml');
      const s = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as SidecarFile;
      assert.strictEqual(s.document, '../../plans/cn-global-ai-governance-2025.txt');
      assert.deepStrictEqual(s.annotations.map((a) => a.codes), [['follow-up']]);
      assert.match(await hoverAt(editor.document, editor.selection.start.translate(0, 2)), /\*\*Annotation\*\* · Follow up/);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'notes'), { recursive: true });
    } finally {
      await config.update('sidecarFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
