import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../cliRun';

/** `annotate` and `annotations` check what they are given as the editor would (issue 13, item 13 and 6). */



describe('policy-lens annotate / annotations: spans, document field, exit codes', function () {
  this.timeout(120000);
  let dir: string;
  let doc: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-annot-checks-'));
    doc = path.join(dir, 'notes.md');
    // Line 0: "Open 😀 source models" — the emoji is two UTF-16 units at characters 5 and 6.
    await fs.writeFile(doc, 'Open \u{1F600} source models are shared.\nSecond line about export controls.\n');
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('a span that ends inside a surrogate pair is refused with exit 2 and the widened span (it cut the emoji in two)', async () => {
    const r = await cli('annotate', doc, '0:0-0:6', '--code', 'open-source');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /surrogate pair/);
    assert.match(r.stderr, /use 0:0-0:7/);
    await assert.rejects(fs.stat(`${doc}.annotations.yaml`), 'nothing written');
  });

  it('a span past the end of a line is a position error, not silently clamped', async () => {
    const r = await cli('annotate', doc, '1:0-1:500', '--code', 'export-controls');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /character 500 is past the end of line 1/);
  });

  it('annotations exits 1 on a sidecar with errors (it exited 0)', async () => {
    const other = path.join(dir, 'broken.md');
    await fs.writeFile(other, 'Some text.\n');
    await fs.writeFile(`${other}.annotations.yaml`, 'version: 1\ndocument: broken.md\nannotations:\n  - {}\n');
    const r = await cli('annotations', other);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, /error/);
  });

  it('annotate and annotations warn when the sidecar names another document (it was never checked)', async () => {
    const ok = await cli('annotate', doc, '1:18-1:33', '--code', 'export-controls');
    assert.strictEqual(ok.code, 0, ok.stderr);
    const copy = path.join(dir, 'copy.md');
    await fs.copyFile(doc, copy);
    await fs.copyFile(`${doc}.annotations.yaml`, `${copy}.annotations.yaml`);
    const listed = await cli('annotations', copy);
    assert.strictEqual(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, /names the document "notes\.md", but it sits beside "copy\.md"/);
    const added = await cli('annotate', copy, '0:0-0:4', '--code', 'open-source');
    assert.strictEqual(added.code, 0, added.stderr);
    assert.match(added.stderr, /names the document "notes\.md"/);
  });

  it('annotate --author records who coded (issue 10: the CLI could not), and agreement compares the two', async () => {
    const two = path.join(dir, 'two.md');
    await fs.writeFile(two, 'Open source models are shared. Export controls are tightened.\n');
    for (const [who, span] of [['ana', '0:0-0:11'], ['bo', '0:0-0:11']]) {
      const r = await cli('annotate', two, span!, '--code', 'open-source', '--author', who!);
      assert.strictEqual(r.code, 0, r.stderr);
    }
    const yaml = await fs.readFile(`${two}.annotations.yaml`, 'utf8');
    assert.match(yaml, /author: ana/);
    assert.match(yaml, /author: bo/);
    const agreement = await cli('agreement', two, '--coders', 'ana,bo', '--json');
    assert.strictEqual(agreement.code, 0, agreement.stderr);
    const json = JSON.parse(agreement.stdout) as { codes: { code: string; percentAgreement: number | null }[] };
    assert.strictEqual(json.codes.find((c) => c.code === 'open-source')?.percentAgreement, 100);
    const empty = await cli('annotate', two, '0:12-0:18', '--code', 'open-source', '--author', ' ');
    assert.strictEqual(empty.code, 2, empty.stderr);
  });
});
