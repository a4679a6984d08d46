import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { ExportResult } from '../../src/vscode/interchange/exportAnnotations';
import type { ImportOutcome } from '../../src/vscode/interchange/importAnnotations';
import { openEditor, revertAll, select, sidecarOf, US_SAMPLE } from './helpers';

interface SidecarFile {
  annotations: { id: string; note?: string; codes: string[]; target: { quote: { exact: string } } }[];
}

const PHRASE = 'distinct asset for innovation';
const ID = 'a-interchg001';
const NOTE = 'Exported, then imported: 🌍 =SUM(1)';

describe('interchange: Export Annotations… and Import Annotations… (issue 11)', () => {
  let tmp: string;
  beforeEach(async () => {
    await revertAll();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pl-e2e-interchange-'));
  });
  afterEach(async () => {
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(sidecarOf(US_SAMPLE()), { force: true });
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('exports the workspace in each format, and imports W3C, CSV and QDPX back into other folders', async function () {
    this.timeout(180000);
    const editor = await openEditor(US_SAMPLE());
    await select(editor, PHRASE);
    await vscode.commands.executeCommand('policyLens.annotateSelection', { codes: ['open-source'], note: NOTE, id: ID });

    const exported: Record<string, string> = {};
    for (const [format, ext] of [['qdpx', 'qdpx'], ['qdc', 'qdc'], ['w3c', 'json'], ['csv', 'csv']] as const) {
      const target = vscode.Uri.file(path.join(tmp, `samples.${ext}`));
      const result = await vscode.commands.executeCommand<ExportResult | undefined>('policyLens.exportAnnotations', { format, target });
      assert.ok(result, `${format}: exported`);
      assert.ok((await fs.stat(target.fsPath)).size > 0, `${format}: file written`);
      if (format !== 'qdc') assert.ok(result.annotations >= 1, `${format}: ${result.annotations} annotation(s)`);
      exported[format] = target.fsPath;
    }
    const w3c = JSON.parse(await fs.readFile(exported['w3c']!, 'utf8')) as { type: string; first: { items: { id: string; target: { source: string; selector: { type: string; exact?: string }[] } }[] } };
    assert.strictEqual(w3c.type, 'AnnotationCollection');
    const item = w3c.first.items.find((i) => i.id.endsWith(ID));
    assert.ok(item, 'our annotation is in the W3C file');
    assert.strictEqual(item.target.source, 'plans/us-ai-action-plan-2025.policy.md');
    assert.strictEqual(item.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact, PHRASE);
    assert.ok((await fs.readFile(exported['csv']!, 'utf8')).startsWith('\uFEFFid,document'), 'CSV with a BOM and its header');

    const sampleText = await fs.readFile(US_SAMPLE(), 'utf8');
    for (const format of ['w3c', 'csv', 'qdpx'] as const) {
      const into = path.join(tmp, `into-${format}`);
      const doc = path.join(into, 'plans', 'us-ai-action-plan-2025.policy.md');
      // W3C and CSV carry no text: the document is there already. A QDPX brings its own.
      if (format !== 'qdpx') {
        await fs.mkdir(path.dirname(doc), { recursive: true });
        await fs.writeFile(doc, sampleText);
      }
      const outcome = await vscode.commands.executeCommand<ImportOutcome | undefined>('policyLens.importAnnotations', { file: vscode.Uri.file(exported[format]!), into: vscode.Uri.file(into), report: false });
      assert.ok(outcome, `${format}: imported`);
      assert.ok(outcome.summary.annotationsAdded >= 1, `${format}: ${outcome.summary.annotationsAdded} added; warnings ${outcome.summary.warnings.join('; ')}`);
      const sidecar = parse(await fs.readFile(sidecarOf(doc), 'utf8')) as SidecarFile;
      const back = sidecar.annotations.find((a) => a.id === ID);
      assert.ok(back, `${format}: our annotation in the imported sidecar`);
      assert.deepStrictEqual({ note: back.note, codes: back.codes, exact: back.target.quote.exact }, { note: NOTE, codes: ['open-source'], exact: PHRASE });
      if (format === 'qdpx') assert.strictEqual(await fs.readFile(doc, 'utf8'), sampleText, 'the document written with its text');
      const again = await vscode.commands.executeCommand<ImportOutcome | undefined>('policyLens.importAnnotations', { file: vscode.Uri.file(exported[format]!), into: vscode.Uri.file(into), report: false });
      assert.strictEqual(again?.summary.annotationsAdded, 0, `${format}: importing again adds nothing`);
    }
  });
});
