import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportProject, importBytes } from '../../src/core/interchange/formats';
import { importInto } from '../../src/core/interchange/importInto';
import { SidecarPersistence } from '../../src/core/sidecar/persistence';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { kept, sampleProject } from '../interchangeTexts';

const port = new NodeFileSystem();

describe('interchange: W3C and CSV imported into a folder (files without the documents’ text)', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-import-text-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const format of ['w3c', 'csv'] as const) {
    it(`${format}: annotations find their passages in the documents there; a document not there is reported, nothing written for it`, async () => {
      const project = sampleProject();
      const emoji = project.documents[0]!;
      fs.mkdirSync(path.join(dir, 'plans'));
      fs.writeFileSync(path.join(dir, 'plans', 'emoji.policy.md'), emoji.text);
      const result = importBytes(`out.${format === 'w3c' ? 'json' : 'csv'}`, exportProject(project, format));
      const summary = await importInto(port, dir, result, { knownCodeIds: ['open-source', 'safety', 'global-south'] });
      assert.deepStrictEqual(summary.documentsWritten, [], 'no empty document is made up');
      assert.strictEqual(summary.annotationsAdded, emoji.annotations.length);
      assert.ok(summary.warnings.some((w) => w.startsWith('notes/plain.txt: not in ')), summary.warnings.join('\n'));
      assert.ok(!fs.existsSync(path.join(dir, 'notes')));
      const state = await new SidecarPersistence(port).read(path.join(dir, 'plans', 'emoji.policy.md.annotations.yaml'));
      assert.deepStrictEqual(state.problems, []);
      assert.deepStrictEqual(state.annotations.map(kept), emoji.annotations.map(kept));
      const again = await importInto(port, dir, result);
      assert.strictEqual(again.annotationsAdded, 0, 'a second import adds nothing (same ids)');
    });
  }
});
