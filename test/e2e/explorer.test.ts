import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension';
import type { ExplorerApi } from '../../src/vscode/explorer/explorerView';
import { CN_SAMPLE, EXTENSION_ID, openEditor, revertAll, sidecarOf, US_SAMPLE, waitFor } from './helpers';

interface Spec {
  id: string;
  phrase: string;
  codes: string[];
  author?: string;
  note?: string;
}

/** A sidecar as Policy Lens writes it, each quote at its place in the document (or, for a gone passage, nowhere). */
async function writeSidecar(file: string, specs: Spec[]): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  const name = file.split(/[\\/]/).pop()!;
  const items = specs.map((s) => {
    const at = text.indexOf(s.phrase);
    const start = at >= 0 ? at : 10;
    const lines = [
      `  - id: ${s.id}`,
      '    target:',
      '      quote:',
      `        exact: ${JSON.stringify(s.phrase)}`,
      `        prefix: ${JSON.stringify(at >= 0 ? text.slice(Math.max(0, at - 32), at) : '')}`,
      `        suffix: ${JSON.stringify(at >= 0 ? text.slice(at + s.phrase.length, at + s.phrase.length + 32) : '')}`,
      '      position:',
      `        start: ${start}`,
      `        end: ${start + s.phrase.length}`,
      '    codes:',
      ...s.codes.map((c) => `      - ${c}`),
      ...(s.note ? [`    note: ${JSON.stringify(s.note)}`] : []),
      ...(s.author ? [`    author: ${s.author}`] : []),
      '    created: 2026-12-01T10:00:00.000Z',
    ];
    return lines.join('\n');
  });
  await fs.writeFile(sidecarOf(file), `version: 1\ndocument: ${name}\nannotations:\n${items.join('\n')}\n`);
}

const US: Spec[] = [
  { id: 'a-explorer01', phrase: 'distinct asset for innovation', codes: ['open-source', 'innovation-industry'], author: 'ana', note: 'Open models as an asset' },
  { id: 'a-explorer02', phrase: 'open-weight', codes: ['open-source'], author: 'ana' },
];
const CN: Spec[] = [
  { id: 'a-explorer03', phrase: 'international public good', codes: ['international-cooperation'], author: 'bo' },
  { id: 'a-explorer04', phrase: 'a passage that is in no document at all', codes: ['sovereignty'], author: 'bo' },
];

describe('annotations explorer', () => {
  let api: ExplorerApi;
  const labels = async (parent?: string): Promise<string[]> => (await api.rows(parent)).map((r) => `${r.label} ${r.description}`);

  before(async () => {
    await revertAll();
    for (const f of [US_SAMPLE(), CN_SAMPLE()]) await fs.rm(sidecarOf(f), { force: true });
    const ext = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID)!;
    api = (await ext.activate()).explorer;
    await vscode.commands.executeCommand('policyLens.annotations.focus');
  });

  after(async () => {
    await vscode.commands.executeCommand('policyLens.explorer.clearFilter');
    await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'code');
    for (const f of [US_SAMPLE(), CN_SAMPLE()]) await fs.rm(sidecarOf(f), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('has no rows before any annotation, so the welcome view shows', async () => {
    assert.deepStrictEqual(await api.rows(), []);
  });

  it('lists the samples’ annotations by code with counts, orphans in their own group, from file events', async () => {
    await writeSidecar(US_SAMPLE(), US);
    await writeSidecar(CN_SAMPLE(), CN);
    const top = await waitFor('the new sidecars in the tree', async () => {
      await api.settled();
      const l = await labels();
      return l.includes('Orphaned 1') && l.some((x) => x.startsWith('Open source')) ? l : undefined;
    }, 20000);
    assert.strictEqual(top[0], 'Orphaned 1');
    assert.ok(top.includes('Open source and open models 2'), top.join(' | '));
    assert.ok(top.includes('International cooperation 1'), top.join(' | '));
    assert.ok(!top.some((l) => l.startsWith('Sovereignty')), 'the orphan is only in Orphaned');
    const open = await api.rows('code:open-source');
    assert.deepStrictEqual(open.map((r) => r.label), ['distinct asset for innovation', 'open-weight']);
    assert.strictEqual(open[0]!.contextValue, 'policyLens.annotation');
    assert.strictEqual((await api.rows('orphans'))[0]!.contextValue, 'policyLens.annotation.orphaned');
  });

  it('filters by author and by text, and shows the filter in the view', async () => {
    await vscode.commands.executeCommand('policyLens.explorer.filter', { author: 'bo' });
    assert.deepStrictEqual(await labels(), ['Orphaned 1', 'International cooperation 1']);
    assert.match(api.view.description ?? '', /author: bo/);
    await vscode.commands.executeCommand('policyLens.explorer.filter', { text: 'ASSET' });
    // In the quote or the note of one annotation, which has two codes: in both groups.
    assert.deepStrictEqual(await labels(), ['Open source and open models 1', 'Innovation, industry and adoption 1']);
    await vscode.commands.executeCommand('policyLens.explorer.clearFilter');
    assert.strictEqual(api.view.description, undefined);
  });

  it('groups by document, then provision (the core recognition)', async () => {
    await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'document');
    const docs = await api.rows();
    assert.deepStrictEqual(docs.map((r) => `${r.label} ${r.description}`), ['Orphaned 1', 'plans/cn-global-ai-governance-2025.txt 1', 'plans/us-ai-action-plan-2025.policy.md 2']);
    const us = docs[2]!;
    const provisions = await api.rows(us.id);
    assert.ok(provisions.length >= 1 && provisions.every((r) => r.contextValue === 'policyLens.group.provision'), provisions.map((r) => r.label).join(' | '));
    assert.ok(provisions.some((r) => /Open-Source/i.test(r.label)), provisions.map((r) => r.label).join(' | '));
  });

  it('reveals an annotation in the editor on click', async () => {
    await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'code');
    const row = (await api.rows('code:open-source'))[0]!;
    const element = await api.element(row.id);
    assert.ok(element);
    const revealed = await vscode.commands.executeCommand<{ start: number; end: number }>('policyLens.explorer.reveal', element);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.fsPath, US_SAMPLE());
    assert.strictEqual(editor.document.getText(editor.selection), 'distinct asset for innovation');
    assert.strictEqual(revealed.end - revealed.start, 'distinct asset for innovation'.length);
  });

  it('follows the active editor: the document’s node is selected', async () => {
    await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'document');
    await api.rows();
    await openEditor(CN_SAMPLE());
    await waitFor('the CN document selected in the tree', () => {
      const sel = api.view.selection[0];
      return sel?.type === 'group' && sel.node.document === vscode.Uri.file(CN_SAMPLE()).toString() ? true : undefined;
    });
  });

  it('deletes an annotation from the context menu, through the editor’s Delete Annotation', async () => {
    await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'author');
    const rows = await api.rows('author:ana');
    const element = await api.element(rows.find((r) => r.label === 'open-weight')!.id);
    const deleted = await vscode.commands.executeCommand('policyLens.explorer.delete', element, { confirm: false });
    assert.strictEqual(deleted, 'a-explorer02');
    assert.doesNotMatch(await fs.readFile(sidecarOf(US_SAMPLE()), 'utf8'), /a-explorer02/);
    await waitFor('the tree without it', async () => ((await labels()).includes('ana 1') ? true : undefined));
  });
});
