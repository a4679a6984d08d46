import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { cli } from '../cliRun';
import { SAMPLE_US } from '../paths';
import { ATLAS_QDE, CODEBOOK_XSD, PROJECT_XSD, schemaErrors } from '../interchangeFixtures';
import { itWithShared } from '../shared';

describe('interchange: policy-lens export and import', function () {
  this.timeout(120000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-interchange-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function annotatedWorkspace(): Promise<{ ws: string; id: string }> {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, 'plans'), { recursive: true });
    const doc = path.join(ws, 'plans', 'us.policy.md');
    fs.copyFileSync(SAMPLE_US, doc);
    const r = await cli('annotate', doc, '41:0-41:29', '--code', 'open-source', '--note', 'Compare 😀 with CN', '--author', 'ana');
    assert.strictEqual(r.code, 0, r.stderr);
    return { ws, id: r.stdout.trim() };
  }

  itWithShared([PROJECT_XSD, CODEBOOK_XSD], 'exports a workspace as .qdpx and .qdc (valid), and imports it into another folder', async () => {
    const { ws, id } = await annotatedWorkspace();
    const qdpx = path.join(dir, 'out.qdpx');
    const r = await cli('export', ws, '--format', 'qdpx', '--out', qdpx);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 document\(s\), 1 annotation\(s\)/);
    const qde = strFromU8(unzipSync(fs.readFileSync(qdpx))['project.qde']!);
    assert.deepStrictEqual(await schemaErrors(qde, PROJECT_XSD), []);
    const qdc = path.join(dir, 'out.qdc');
    assert.strictEqual((await cli('export', ws, '--format', 'qdc', '--out', qdc)).code, 0);
    assert.deepStrictEqual(await schemaErrors(fs.readFileSync(qdc, 'utf8'), CODEBOOK_XSD), []);

    const into = path.join(dir, 'into');
    const imp = await cli('import', qdpx, '--into', into, '--json');
    assert.strictEqual(imp.code, 0, imp.stderr);
    const summary = JSON.parse(imp.stdout) as { annotationsAdded: number; documentsWritten: string[]; dataLoss: unknown[] };
    assert.strictEqual(summary.annotationsAdded, 1);
    assert.deepStrictEqual(summary.documentsWritten, ['plans/us.policy.md']);
    assert.deepStrictEqual(summary.dataLoss, []);
    const anns = await cli('annotations', path.join(into, 'plans', 'us.policy.md'), '--json');
    const rows = JSON.parse(anns.stdout) as { id: string; status: string }[];
    assert.deepStrictEqual(rows.map((x) => [x.id, x.status]), [[id, 'exact']]);
    assert.strictEqual(fs.existsSync(path.join(into, '.policy-lens', 'codebook.yaml')), false, 'themes are not copied into a codebook');

    const again = await cli('import', qdpx, '--into', into);
    assert.strictEqual(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 annotation\(s\) added, 1 already there \(kept as they are\)/);
  });

  itWithShared([ATLAS_QDE], 'imports the ATLAS.ti export: codes into the codebook, the data-loss report printed', async () => {
    const into = path.join(dir, 'atlas');
    const r = await cli('import', ATLAS_QDE, '--into', into);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /codes: 14 added to the codebook/);
    assert.match(r.stdout, /left out \(\d+\)/);
    assert.match(r.stdout, /TextSource: Simon\.docx: its text \(internal:\/\/[0-9A-F-]+\.txt\) is not in the file/);
    assert.match(r.stdout, /PDFSource: /);
    assert.ok(fs.readFileSync(path.join(into, '.policy-lens', 'codebook.yaml'), 'utf8').includes('label: Coke::diet Coke'));
  });

  it('W3C and CSV exports import into a folder that holds the documents (they carry no text); a missing document is reported', async () => {
    const { ws, id } = await annotatedWorkspace();
    for (const format of ['w3c', 'csv']) {
      const file = path.join(dir, `out.${format === 'w3c' ? 'json' : 'csv'}`);
      const r = await cli('export', ws, '--format', format, '--out', file);
      assert.strictEqual(r.code, 0, r.stderr);
      const empty = path.join(dir, `empty-${format}`);
      const none = await cli('import', file, '--into', empty);
      assert.strictEqual(none.code, 0, none.stderr);
      assert.match(none.stderr, /plans\/us\.policy\.md: not in the folder, and the imported file does not carry its text; 1 annotation\(s\) not imported/);
      const into = path.join(dir, `into-${format}`);
      fs.mkdirSync(path.join(into, 'plans'), { recursive: true });
      fs.copyFileSync(SAMPLE_US, path.join(into, 'plans', 'us.policy.md'));
      const imp = await cli('import', file, '--into', into);
      assert.strictEqual(imp.code, 0, imp.stderr);
      assert.match(imp.stdout, /1 annotation\(s\) added/);
      const rows = JSON.parse((await cli('annotations', path.join(into, 'plans', 'us.policy.md'), '--json')).stdout) as { id: string; status: string; start: unknown }[];
      assert.deepStrictEqual(rows.map((x) => [x.id, x.status, x.start]), [[id, 'exact', { line: 41, character: 0 }]]);
    }
  });

  it('clear usage errors (exit 2) and failures (exit 1)', async () => {
    const bad = await cli('export', dir, '--format', 'pdf', '--out', path.join(dir, 'x'));
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /unknown format 'pdf' \(one of qdpx, qdc, w3c, csv\)/);
    assert.strictEqual((await cli('export', dir, '--format', 'qdpx')).code, 2);
    assert.strictEqual((await cli('import', path.join(dir, 'x.qdpx'))).code, 2);
    const missing = await cli('import', path.join(dir, 'none.qdpx'), '--into', dir);
    assert.strictEqual(missing.code, 1);
    assert.match(missing.stderr, /none\.qdpx: no such file/);
    fs.writeFileSync(path.join(dir, 'junk.qdpx'), 'not a zip');
    const junk = await cli('import', path.join(dir, 'junk.qdpx'), '--into', dir);
    assert.strictEqual(junk.code, 1);
    assert.match(junk.stderr, /junk\.qdpx: not a readable \.qdpx/);
    const gone = await cli('export', path.join(dir, 'nothing-here'), '--format', 'qdpx', '--out', path.join(dir, 'o.qdpx'));
    assert.strictEqual(gone.code, 1);
    assert.match(gone.stderr, /nothing-here: no such file or folder/);
  });
});
