import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { createAnnotation } from '../../src/core/annotations/annotationFactory';
import type { Annotation } from '../../src/core/sidecar/model';
import { sortAnnotations } from '../../src/core/sidecar/model';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import type { Comparison } from '../../src/vscode/coders/compareCoders';
import { openEditor, revertAll, sidecarOf, US_SAMPLE, waitFor } from './helpers';

interface Stepped {
  code: string;
  start: number;
  end: number;
  coder: 'A' | 'B';
  index: number;
}

/** Compare Coders… (issue 10, §4): the table of a document's two coders, and stepping through their disagreements. */
describe('Compare Coders', () => {
  let text: string;
  const span = (phrase: string, from = 0): { start: number; end: number } => {
    const start = text.indexOf(phrase, from);
    assert.ok(start >= 0, phrase);
    return { start, end: start + phrase.length };
  };
  const by = (author: string, phrase: string, codes: string[], id: string): Annotation => createAnnotation({ text, ...span(phrase), codes, author, id, now: new Date('2026-12-01T00:00:00Z') });

  before(async () => {
    await revertAll();
    text = (await vscode.workspace.openTextDocument(US_SAMPLE())).getText();
    const orphan = (author: string, id: string): Annotation => ({
      id,
      target: { quote: { exact: 'a passage that this plan never contained at all', prefix: 'nothing like it', suffix: 'anywhere in it' }, position: { start: 10, end: 58 } },
      codes: ['data'],
      author,
      created: '2026-12-01T00:00:00.000Z',
    });
    const annotations = [
      by('ana', 'distinct asset for innovation', ['open-source'], 'a-coders0001'),
      by('bo', 'distinct asset for innovation', ['open-source'], 'a-coders0002'),
      by('ana', 'Winning', ['data'], 'a-coders0003'),
      by('bo', 'Action Plan', ['data'], 'a-coders0004'),
      orphan('cy', 'a-coders0005'),
      orphan('dee', 'a-coders0006'),
    ];
    await fs.writeFile(sidecarOf(US_SAMPLE()), serializeSidecar({ version: 1, document: 'us-ai-action-plan-2025.policy.md', annotations: sortAnnotations(annotations) }));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(sidecarOf(US_SAMPLE()), { force: true });
  });

  it('shows the table for two coders of the active editor and steps through their disagreements', async () => {
    const editor = await openEditor(US_SAMPLE());
    const result = await waitFor('the comparison', async () => {
      const r = await vscode.commands.executeCommand<Comparison | undefined>('policyLens.compareCoders', { coders: ['ana', 'bo'] });
      return r && r.report.codes.length > 0 ? r : undefined;
    });
    assert.deepStrictEqual(result.coders, ['ana', 'bo']);
    const byCode = new Map(result.report.codes.map((c) => [c.code, c]));
    assert.deepStrictEqual([...byCode.keys()], ['data', 'open-source']);
    const os = byCode.get('open-source')!;
    assert.strictEqual(os.percentAgreement, 100);
    assert.strictEqual(os.kappa, 1);
    assert.strictEqual(os.alphaU, 1);
    const data = byCode.get('data')!;
    assert.strictEqual(data.charactersBoth, 0);
    assert.ok(data.kappa! < 0.01, `kappa ${data.kappa}`);
    assert.strictEqual(result.report.overall.codesCompared, 2);
    const winning = span('Winning');
    const actionPlan = span('Action Plan');
    assert.deepStrictEqual(result.disagreements.map((d) => [d.code, d.start, d.end, d.coder]), [['data', winning.start, winning.end, 'A'], ['data', actionPlan.start, actionPlan.end, 'B']].sort((x, y) => (x[1] as number) - (y[1] as number)));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('policyLens.compareCoders')), 'the table is shown in its webview');

    // Next, next, next (wraps), previous: each selects the passage in the editor.
    const seen: number[] = [];
    for (const command of ['policyLens.nextDisagreement', 'policyLens.nextDisagreement', 'policyLens.nextDisagreement', 'policyLens.previousDisagreement']) {
      const d = await vscode.commands.executeCommand<Stepped>(command);
      seen.push(d.index);
      const active = vscode.window.activeTextEditor!;
      assert.strictEqual(active.document.uri.toString(), editor.document.uri.toString());
      assert.deepStrictEqual([active.document.offsetAt(active.selection.start), active.document.offsetAt(active.selection.end)], [d.start, d.end]);
      assert.deepStrictEqual([d.start, d.end], [result.disagreements[d.index]!.start, result.disagreements[d.index]!.end]);
    }
    assert.deepStrictEqual(seen, [0, 1, 0, 1]);
  });

  it('"undefined", not 1.0, when there is nothing to compare (both coders orphaned)', async () => {
    await openEditor(US_SAMPLE());
    const r = await vscode.commands.executeCommand<Comparison | undefined>('policyLens.compareCoders', { coders: ['cy', 'dee'] });
    assert.ok(r);
    assert.deepStrictEqual(r.report.codes, []);
    assert.strictEqual(r.report.overall.percentAgreement, undefined);
    assert.strictEqual(r.report.overall.kappa, undefined);
    assert.strictEqual(r.report.overall.alphaU, undefined);
    assert.deepStrictEqual(r.disagreements, []);
  });
});
