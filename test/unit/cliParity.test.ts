import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO, SAMPLE_US } from '../paths';
import { cli } from '../cliRun';

/** The CLI shows what the editor shows, and says clearly what is wrong with what it was given. */



interface HoverJson {
  position: { line: number; character: number };
  provision: { plan: string; id: string; heading: string } | null;
  themes: { theme: string; text: string; start: { line: number; character: number } }[];
  counterparts: { plan: string; id: string; relation: string }[];
  annotations: { id: string; codes: string[]; note?: string; status: string; start: { line: number; character: number }; end: { line: number; character: number } }[];
  markdown: string | null;
}

describe('policy-lens CLI: parity with the editor, and clear errors', function () {
  this.timeout(90000);
  let dir: string;
  let doc: string;
  let at: { line: number; character: number };
  let id: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-parity-'));
    doc = path.join(dir, 'us.policy.md');
    await fs.copyFile(SAMPLE_US, doc);
    const lines = (await fs.readFile(doc, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('distinct asset for innovation'));
    at = { line, character: lines[line]!.indexOf('distinct asset for innovation') };
    const add = await cli('annotate', doc, `${line}:${at.character}-${line}:${at.character + 29}`, '--code', 'open-source', '--note', 'Compare CN action 5.');
    assert.strictEqual(add.code, 0, add.stderr);
    id = add.stdout.trim();
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('hover shows the annotations under the pointer, as the editor card does (they were left out)', async () => {
    const r = await cli('hover', doc, `${at.line}:${at.character + 3}`);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\*\*Annotation\*\* · Open source and open models {2}\n“Compare CN action 5\\\.”/m);
    assert.match(r.stdout, /`us-1\.3`/);
    assert.strictEqual(r.stderr, '');
    const outside = await cli('hover', doc, `${at.line}:${at.character + 40}`);
    assert.doesNotMatch(outside.stdout, /\*\*Annotation\*\*/);
  });

  it('hover --json: provision, themes, counterparts and annotations (--json was ignored)', async () => {
    const r = await cli('hover', doc, `${at.line}:${at.character + 3}`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as HoverJson;
    assert.deepStrictEqual(out.position, { line: at.line, character: at.character + 3 });
    assert.strictEqual(out.provision?.id, 'us-1.3');
    assert.ok(out.counterparts.some((c) => c.id === 'cn-5' && c.relation === 'aligned'));
    assert.deepStrictEqual(
      out.annotations.map((a) => [a.id, a.codes, a.note, a.status, a.start, a.end]),
      [[id, ['open-source'], 'Compare CN action 5.', 'exact', at, { line: at.line, character: at.character + 29 }]],
    );
    assert.match(out.markdown!, /\*\*Annotation\*\*/);
    const themed = await cli('hover', SAMPLE_US, '--json', '0:0');
    assert.ok(Array.isArray((JSON.parse(themed.stdout) as HoverJson).themes));
  });

  it("hover warns when the sidecar's document: field names another file (it was never checked)", async () => {
    const other = path.join(dir, 'copy.policy.md');
    await fs.copyFile(doc, other);
    await fs.copyFile(`${doc}.annotations.yaml`, `${other}.annotations.yaml`);
    const r = await cli('hover', other, `${at.line}:${at.character + 3}`);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(
      r.stderr,
      `${other}.annotations.yaml:2:1: warning: this sidecar names the document "us.policy.md", but it sits beside "copy.policy.md": its annotations may belong to another file (document)\n`,
    );
  });

  it('hover FILE -1:0: a position error with exit 2, not "unknown option"', async () => {
    for (const command of ['hover', 'counterparts']) {
      const r = await cli(command, doc, '-1:0');
      assert.strictEqual(r.code, 2, r.stderr);
      assert.strictEqual(r.stderr, 'policy-lens: position -1:0: line must be ≥ 0\n');
      assert.strictEqual(r.stdout, '');
    }
    const after = await cli('hover', doc, '--', '-1:0');
    assert.strictEqual(after.stderr, 'policy-lens: position -1:0: line must be ≥ 0\n');
  });

  it('an option value that looks like a negative number is still a value (--note -3 …)', async () => {
    const copy = path.join(dir, 'note.policy.md');
    await fs.copyFile(SAMPLE_US, copy);
    const r = await cli('annotate', copy, `${at.line}:${at.character}-${at.line}:${at.character + 8}`, '--code', 'open-source', '--note', '-3 points vs CN');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(await fs.readFile(`${copy}.annotations.yaml`, 'utf8'), /-3 points vs CN/);
  });

  it('a huge line number is quoted as typed, not as 1e+23', async () => {
    const r = await cli('hover', doc, '100000000000000000000000:0');
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^policy-lens: position 100000000000000000000000:0: line 100000000000000000000000 is past the end \(the document has \d+ lines, 0-\d+\)\n$/);
    assert.doesNotMatch(r.stderr, /e\+/);
    const frac = await cli('counterparts', doc, '1.5:0');
    assert.strictEqual(frac.code, 2);
    assert.strictEqual(frac.stderr, "policy-lens: expected a position LINE:CHAR (0-based), got '1.5:0'\n");
  });

  it('identify rounds the score to 3 decimals in text and JSON (it printed 0.18992174562810088)', async () => {
    const readme = path.join(REPO, 'README.md');
    const json = JSON.parse((await cli('identify', readme, '--json')).stdout) as { plan: string | null; score: number };
    assert.strictEqual(json.plan, null);
    assert.ok(json.score > 0 && json.score < 1, String(json.score));
    assert.strictEqual(Math.round(json.score * 1000) / 1000, json.score);
    assert.match(String(json.score), /^0\.\d{1,3}$/);
    const text = await cli('identify', readme);
    assert.match(text.stdout, /^.*README\.md: not a known plan \(best score 0\.\d{3}\)\n$/);
  });

  it('report DIR skips a file it cannot read, with a warning (one file aborted the whole report)', async () => {
    const tree = path.join(dir, 'tree');
    await fs.mkdir(tree);
    await fs.copyFile(SAMPLE_US, path.join(tree, 'us.policy.md'));
    const big = path.join(tree, 'big.md');
    await fs.writeFile(big, '');
    await fs.truncate(big, 300 * 1024 * 1024); // sparse: over the document limit without using disk
    const r = await cli('report', tree, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, `policy-lens: warning: ${big}: 300.0 MB is over the limit of 256.0 MB; skipped\n`);
    const out = JSON.parse(r.stdout) as { plans: { plan: string }[] };
    assert.deepStrictEqual(out.plans.map((p) => p.plan), ['us-ai-action-plan-2025']);
  });
});
