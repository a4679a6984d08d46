import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SAMPLE_US } from '../paths';
import { cli } from '../cliRun';


describe('policy-lens CLI: annotations', function () {
  this.timeout(30000);
  let dir: string;
  let doc: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-cli-'));
    doc = path.join(dir, 'us.policy.md');
    await fs.copyFile(SAMPLE_US, doc);
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('annotate adds an annotation, annotations re-anchors it after an edit', async () => {
    const lines = (await fs.readFile(doc, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('distinct asset for innovation'));
    const ch = lines[line]!.indexOf('distinct asset for innovation');
    const add = await cli('annotate', doc, `${line}:${ch}-${line}:${ch + 29}`, '--code', 'open-source', '--code', 'innovation-industry', '--note', 'first', '--json');
    assert.strictEqual(add.code, 0, add.stderr);
    const { id } = JSON.parse(add.stdout) as { id: string };
    assert.match(id, /^a-/);
    const sidecar = await fs.readFile(`${doc}.annotations.yaml`, 'utf8');
    assert.match(sidecar, /^version: 1\n/);
    assert.match(sidecar, /exact: distinct asset for innovation/);
    // A second one is added in place; the first stays as written.
    const second = await cli('annotate', doc, '0:2-0:9', '--code', 'data');
    assert.strictEqual(second.code, 0, second.stderr);
    assert.ok((await fs.readFile(`${doc}.annotations.yaml`, 'utf8')).includes(sidecar.split('\n').slice(3, 8).join('\n')));
    // Move the passage down three lines and change a word in it.
    const edited = ['x', 'y', 'z', ...lines].join('\n').replace('distinct asset for innovation', 'distinct asset for inventions');
    await fs.writeFile(doc, edited);
    const list = await cli('annotations', doc, '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as { id: string; status: string; score: number; start: { line: number; character: number } | null; end: unknown }[];
    const mine = rows.find((r) => r.id === id)!;
    assert.strictEqual(mine.status, 'fuzzy');
    assert.deepStrictEqual(mine.start, { line: line + 3, character: ch });
    assert.deepStrictEqual(Object.keys(mine), ['id', 'status', 'score', 'start', 'end']);
  });

  it('refuses to touch a sidecar with errors, and check reports them', async () => {
    const broken = 'version: 2\ndocument: us.policy.md\nannotations: []\n';
    await fs.writeFile(`${doc}.annotations.yaml`, broken);
    const add = await cli('annotate', doc, '0:2-0:9', '--code', 'data');
    assert.strictEqual(add.code, 1);
    assert.match(add.stderr, /^policy-lens: .*has errors/);
    assert.strictEqual(await fs.readFile(`${doc}.annotations.yaml`, 'utf8'), broken);
    const check = await cli('check', `${doc}.annotations.yaml`);
    assert.strictEqual(check.code, 1);
    assert.match(check.stdout, /us\.policy\.md\.annotations\.yaml:1:\d+: error: .*version/);
  });

  it('usage errors: a bad span, no code', async () => {
    for (const args of [['annotate', doc, '3:1', '--code', 'data'], ['annotate', doc, '0:2-0:9']]) {
      const r = await cli(...args);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1);
    }
  });
});
