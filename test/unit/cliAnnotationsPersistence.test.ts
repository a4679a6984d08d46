import * as assert from 'assert';
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { SAMPLE_US } from '../paths';
import { cliWith, type Run } from '../cliRun';


const cli = (args: string[], as?: { uid: number; gid: number }): Promise<Run> => cliWith(as ?? {}, ...args);

const isRoot = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('policy-lens CLI: annotations are never lost (issue 8)', function () {
  this.timeout(120000);
  let dir: string;
  let doc: string;
  let sidecar: string;
  /** Spans of the first character of non-empty lines: `span(i)` is a distinct one for each i. */
  let span: (i: number) => string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-cli-notes-'));
    doc = path.join(dir, 'us.policy.md');
    sidecar = `${doc}.annotations.yaml`;
    await fs.copyFile(SAMPLE_US, doc);
    const lines = (await fs.readFile(doc, 'utf8')).split('\n').flatMap((l, i) => (l.trim() ? [i] : []));
    span = (i) => `${lines[i]!}:0-${lines[i]!}:1`;
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const loaded = async (file = sidecar) => parseSidecar(file, new Uint8Array(await fs.readFile(file)), { maxBytes: 1e7 });

  it('case 2: 8 parallel annotate processes on one document: all 8 annotations are in the file', async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => cli(['annotate', doc, span(i + 1), '--code', 'data', '--note', `writer ${i}`, '--json'])));
    const wrote = runs.map((r) => {
      assert.strictEqual(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { id: string }).id;
    });
    const file = await loaded();
    assert.strictEqual(file.readOnly, false);
    assert.deepStrictEqual(file.annotations.map((a) => a.id).sort(), [...wrote].sort());
    assert.deepStrictEqual((await fs.readdir(dir)).sort(), ['us.policy.md', 'us.policy.md.annotations.yaml'], 'no lock or temp file left');
  });

  describe('case 3: a read error is not "no sidecar yet"', () => {
    it('a directory where the sidecar should be: exit 1, a clear message, left as it is', async () => {
      await fs.mkdir(sidecar);
      const r = await cli(['annotate', doc, '0:2-0:9', '--code', 'data']);
      assert.strictEqual(r.code, 1);
      assert.match(r.stderr, /^policy-lens: .*is a directory/);
      assert.ok((await fs.stat(sidecar)).isDirectory());
      assert.strictEqual((await cli(['annotations', doc])).code, 1);
    });

    for (const [what, size] of [['11 MiB, over the 10 MiB limit', 11 * 1024 * 1024], ['over 2 GiB (sparse)', 2 ** 31 + 1]] as const) {
      it(`a sidecar of ${what}: exit 1, the file untouched`, async () => {
        await fs.writeFile(sidecar, 'version: 1\n');
        await fs.truncate(sidecar, size);
        const before = await fs.stat(sidecar);
        const r = await cli(['annotate', doc, '0:2-0:9', '--code', 'data']);
        assert.strictEqual(r.code, 1);
        assert.match(r.stderr, /over the limit/);
        const after = await fs.stat(sidecar);
        assert.deepStrictEqual([after.size, after.mtimeMs, after.ino], [before.size, before.mtimeMs, before.ino]);
      });
    }

    it(`an unreadable (chmod 000) sidecar: exit 1, the file untouched${isRoot ? ' (run as nobody: root reads chmod 000)' : ''}`, async () => {
      const first = await cli(['annotate', doc, '0:2-0:9', '--code', 'data']);
      assert.strictEqual(first.code, 0, first.stderr);
      const text = await fs.readFile(sidecar, 'utf8');
      await fs.chmod(sidecar, 0);
      if (isRoot) await fs.chmod(dir, 0o777);
      const r = await cli(['annotate', doc, span(1), '--code', 'data'], isRoot ? NOBODY : undefined);
      assert.strictEqual(r.code, 1, r.stderr);
      assert.match(r.stderr, /permission denied/i);
      await fs.chmod(sidecar, 0o644);
      assert.strictEqual(await fs.readFile(sidecar, 'utf8'), text);
    });
  });

  it('case 4: a sidecar with invalid UTF-8 is refused, its bytes never rewritten as U+FFFD', async () => {
    const first = await cli(['annotate', doc, '0:2-0:9', '--code', 'data', '--note', 'cafe']);
    assert.strictEqual(first.code, 0, first.stderr);
    const bytes = await fs.readFile(sidecar);
    const bad = Buffer.from(bytes.toString('latin1').replace('cafe', 'caf\xff'), 'latin1');
    await fs.writeFile(sidecar, bad);
    const r = await cli(['annotate', doc, span(1), '--code', 'data']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /has errors[\s\S]*invalid UTF-8/);
    assert.deepStrictEqual(await fs.readFile(sidecar), bad);
  });

  describe('case 5: nothing the CLI writes is rejected by the next load', () => {
    it('--code open-source --code open-source: recorded once, and the sidecar loads', async () => {
      const r = await cli(['annotate', doc, '0:2-0:9', '--code', 'open-source', '--code', 'open-source']);
      assert.strictEqual(r.code, 0, r.stderr);
      const file = await loaded();
      assert.strictEqual(file.readOnly, false, JSON.stringify(file.problems));
      assert.deepStrictEqual(file.annotations[0]!.codes, ['open-source']);
    });

    for (const [what, code] of [['--code ""', ''], ['--code "open source"', 'open source'], ['a code with a newline', 'open\nsource']] as const) {
      it(`${what}: a usage error before anything is written`, async () => {
        const r = await cli(['annotate', doc, '0:2-0:9', '--code', code]);
        assert.strictEqual(r.code, 2, r.stderr);
        assert.match(r.stderr, /^policy-lens: .*code/);
        await assert.rejects(fs.stat(sidecar), { code: 'ENOENT' });
      });
    }

    it('a document named notes:draft.md: the sidecar loads, and the annotation is listed and checked clean', async () => {
      const named = path.join(dir, 'notes:draft.md');
      await fs.copyFile(SAMPLE_US, named);
      const r = await cli(['annotate', named, '0:2-0:9', '--code', 'data', '--json']);
      assert.strictEqual(r.code, 0, r.stderr);
      const file = await loaded(`${named}.annotations.yaml`);
      assert.strictEqual(file.readOnly, false, JSON.stringify(file.problems));
      const list = await cli(['annotations', named, '--json']);
      assert.deepStrictEqual((JSON.parse(list.stdout) as { id: string; status: string }[]).map((x) => [x.id, x.status]), [[(JSON.parse(r.stdout) as { id: string }).id, 'exact']]);
      const check = await cli(['check', `${named}.annotations.yaml`]);
      assert.strictEqual(check.code, 0, check.stdout + check.stderr);
    });
  });

  describe('case 12 through the CLI', () => {
    it('a temp file an older CLI left (killed mid-write) is removed by the next annotate', async () => {
      const leftover = `${sidecar}.${await deadPid()}.tmp`;
      await fs.writeFile(leftover, 'half a sidecar');
      const r = await cli(['annotate', doc, '0:2-0:9', '--code', 'data']);
      assert.strictEqual(r.code, 0, r.stderr);
      await assert.rejects(fs.stat(leftover), { code: 'ENOENT' });
    });

    it('a read-only sidecar is refused with a message and left as it is; a symlinked one stays a link', async () => {
      const first = await cli(['annotate', doc, '0:2-0:9', '--code', 'data']);
      assert.strictEqual(first.code, 0, first.stderr);
      const real = path.join(dir, 'kept-elsewhere.yaml');
      await fs.rename(sidecar, real);
      await fs.symlink(real, sidecar);
      assert.strictEqual((await cli(['annotate', doc, span(1), '--code', 'data'])).code, 0);
      assert.ok((await fs.lstat(sidecar)).isSymbolicLink());
      assert.strictEqual((await loaded(real)).annotations.length, 2);
      await fs.chmod(real, 0o444);
      const text = await fs.readFile(real, 'utf8');
      const r = await cli(['annotate', doc, span(2), '--code', 'data']);
      assert.strictEqual(r.code, 1);
      assert.match(r.stderr, /read-only/);
      assert.strictEqual(await fs.readFile(real, 'utf8'), text);
    });
  });
});
