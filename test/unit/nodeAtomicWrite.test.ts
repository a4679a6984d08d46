import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import { promises as fs } from 'fs';
import type { FileHandle } from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { FileSystemError } from '../../src/core/fs/fileSystem';
import { SidecarPersistence } from '../../src/core/sidecar/persistence';
import { TEMP_SUFFIX } from '../../src/node/atomicWrite';
import { NODE_FS_OPS, type FsOps } from '../../src/node/fsOps';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { note, sidecarText } from '../sidecarTestData';

const isRoot = process.getuid?.() === 0;
const bytes = (s: string) => new TextEncoder().encode(s);

/** fs calls that log what they do (open, sync, rename), and can fail a handle's write or a rename. */
function recordingOps(log: string[], fault: { write?: string; rename?: string } = {}): FsOps {
  const wrap = (h: FileHandle, file: string): FileHandle =>
    new Proxy(h, {
      get(target, key) {
        if (key === 'sync') return () => (log.push(`sync ${path.basename(file)}`), target.sync());
        if (key === 'write' && fault.write) return () => Promise.reject(Object.assign(new Error(`${fault.write}: injected, write`), { code: fault.write }));
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  return {
    ...NODE_FS_OPS,
    open: (async (file: string, flags?: string, mode?: number) => {
      log.push(`open ${path.basename(file)} ${flags}`);
      return wrap(await fs.open(file, flags, mode), file);
    }) as FsOps['open'],
    rename: async (from, to) => {
      log.push(`rename ${path.basename(String(from))} ${path.basename(String(to))}`);
      if (fault.rename) throw Object.assign(new Error(`${fault.rename}: injected, rename`), { code: fault.rename });
      return fs.rename(from, to);
    },
  };
}

function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('Node atomic write and lock (issue 8, case 12)', function () {
  this.timeout(30000);
  let dir: string;
  let target: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-atomic-'));
    target = path.join(dir, 'doc.md.annotations.yaml');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('temp files left by a crash (SIGKILL, ENOSPC) are removed on the next write; a live writer\'s fresh temp is kept', async () => {
    const dead = await deadPid();
    const base = path.basename(target);
    const stale = [`.${base}.${dead}.0a1b2c${TEMP_SUFFIX}`, `${base}.${dead}.tmp`, `${base}.${dead}-k3j2ab.tmp`, `.${base}.${process.ppid}.ffff${TEMP_SUFFIX}`];
    const kept = [`.${base}.${process.ppid}.eeee${TEMP_SUFFIX}`, 'other.yaml.123.tmp', `.other.yaml.${dead}.aa${TEMP_SUFFIX}`];
    for (const name of [...stale, ...kept]) await fs.writeFile(path.join(dir, name), 'half');
    const old = new Date(Date.now() - 10 * 60 * 1000);
    await fs.utimes(path.join(dir, stale[3]!), old, old); // a live pid, but minutes old: pid reuse or another machine
    await new NodeFileSystem().writeFileAtomic(target, bytes('new'));
    const left = await fs.readdir(dir);
    for (const name of stale) assert.ok(!left.includes(name), `${name} was left`);
    for (const name of kept) assert.ok(left.includes(name), `${name} was removed`);
  });

  it('a writer killed (SIGKILL) holding the lock, after its temp file was written: the next write breaks the lock and removes the temp', async () => {
    await fs.writeFile(target, sidecarText('doc.md', [note('a-1')]));
    // A child process that takes the lock, writes its temp file and hangs at the rename until it is killed.
    const script = `
      const { NodeFileSystem } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'node', 'nodeFileSystem.js'))});
      const { NODE_FS_OPS } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'node', 'fsOps.js'))});
      const ops = { ...NODE_FS_OPS, rename: () => { process.stdout.write('temp written'); return new Promise(() => {}); } };
      const port = new NodeFileSystem({ ops });
      port.withLock(process.argv[1], () => port.writeFileAtomic(process.argv[1], Buffer.from('never')));`;
    const child = spawn(process.execPath, ['-e', script, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const left = await fs.readdir(dir);
    assert.ok(left.includes(`${path.basename(target)}.lock`) && left.some((n) => n.endsWith(TEMP_SUFFIX)), `the crash left a lock and a temp file: ${left.join(', ')}`);
    const p = new SidecarPersistence(new NodeFileSystem({ lock: { maxWaitMs: 5000 } }));
    const base = await p.read(target);
    const r = await p.write({ sidecar: target, documentName: 'doc.md', base, annotations: [...base.annotations, note('a-2', 9)] });
    assert.deepStrictEqual(r.state.annotations.map((a) => a.id), ['a-1', 'a-2']);
    assert.deepStrictEqual(await fs.readdir(dir), [path.basename(target)]);
  });

  it('fsync of the temp file before the rename, and of the folder after', async () => {
    const log: string[] = [];
    await new NodeFileSystem({ ops: recordingOps(log) }).writeFileAtomic(target, bytes('x'));
    const tmp = log[0]!.split(' ')[1]!;
    assert.deepStrictEqual(log, [`open ${tmp} wx`, `sync ${tmp}`, `rename ${tmp} ${path.basename(target)}`, `open ${path.basename(dir)} r`, `sync ${path.basename(dir)}`]);
  });

  it('temp names are unique (pid and random), opened exclusively; concurrent writes in one process do not collide', async () => {
    const log: string[] = [];
    const port = new NodeFileSystem({ ops: recordingOps(log) });
    await Promise.all([port.writeFileAtomic(target, bytes('a')), port.writeFileAtomic(target, bytes('b')), port.writeFileAtomic(target, bytes('c'))]);
    const temps = log.filter((l) => l.endsWith(' wx')).map((l) => l.split(' ')[1]!);
    assert.strictEqual(new Set(temps).size, 3);
    for (const t of temps) assert.match(t, new RegExp(`^\\.${path.basename(target).replace(/\./g, '\\.')}\\.${process.pid}\\.[0-9a-f]{12}\\.policy-lens-tmp$`));
    assert.match(await fs.readFile(target, 'utf8'), /^[abc]$/);
  });

  it('the file\'s mode (and, as root, its owner) is kept', async () => {
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o640);
    if (isRoot) await fs.chown(target, 4242, 4243);
    await new NodeFileSystem().writeFileAtomic(target, bytes('new'));
    const st = await fs.stat(target);
    assert.strictEqual(st.mode & 0o7777, 0o640);
    if (isRoot) assert.deepStrictEqual([st.uid, st.gid], [4242, 4243]);
    assert.strictEqual(await fs.readFile(target, 'utf8'), 'new');
  });

  it('a symlinked sidecar is written through to its target and stays a link (also a dangling one)', async () => {
    const real = path.join(dir, 'real.yaml');
    await fs.writeFile(real, 'old');
    await fs.symlink('real.yaml', target);
    await new NodeFileSystem().writeFileAtomic(target, bytes('new'));
    assert.ok((await fs.lstat(target)).isSymbolicLink());
    assert.strictEqual(await fs.readFile(real, 'utf8'), 'new');
    const dangling = path.join(dir, 'dangling.yaml');
    await fs.symlink(path.join(dir, 'sub', 'missing.yaml'), dangling);
    await new NodeFileSystem().writeFileAtomic(dangling, bytes('created'));
    assert.ok((await fs.lstat(dangling)).isSymbolicLink());
    assert.strictEqual(await fs.readFile(path.join(dir, 'sub', 'missing.yaml'), 'utf8'), 'created');
  });

  it('a read-only sidecar is refused with a message, not replaced (by its mode bits: root passes access checks)', async () => {
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o444);
    await assert.rejects(new NodeFileSystem().writeFileAtomic(target, bytes('new')), (e: unknown) => e instanceof FileSystemError && e.code === 'read-only' && /read-only/.test(e.message));
    assert.strictEqual(await fs.readFile(target, 'utf8'), 'old');
    assert.deepStrictEqual(await fs.readdir(dir), [path.basename(target)]);
  });

  it('ENOSPC in the middle of the write: a clear error, the old file intact, no temp file left', async () => {
    await fs.writeFile(target, 'old');
    await assert.rejects(new NodeFileSystem({ ops: recordingOps([], { write: 'ENOSPC' }) }).writeFileAtomic(target, bytes('new')), (e: unknown) => e instanceof FileSystemError && /no space left/.test(e.message));
    assert.strictEqual(await fs.readFile(target, 'utf8'), 'old');
    assert.deepStrictEqual(await fs.readdir(dir), [path.basename(target)]);
  });

  it('a failure after the temp file is written (the rename) removes the temp file; the old file is intact', async () => {
    await fs.writeFile(target, 'old');
    await assert.rejects(new NodeFileSystem({ ops: recordingOps([], { rename: 'EIO' }) }).writeFileAtomic(target, bytes('new')), FileSystemError);
    assert.strictEqual(await fs.readFile(target, 'utf8'), 'old');
    assert.deepStrictEqual(await fs.readdir(dir), [path.basename(target)]);
  });

  describe('the lock file', () => {
    it('serialises writers and is released after the work, also when it throws', async () => {
      const a = new NodeFileSystem();
      const b = new NodeFileSystem();
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = a.withLock(target, async () => {
        order.push('a in');
        await gate;
        order.push('a out');
      });
      await new Promise((r) => setTimeout(r, 30));
      const second = b.withLock(target, async () => {
        order.push('b in');
        throw new Error('work failed');
      });
      await new Promise((r) => setTimeout(r, 50));
      release();
      await first;
      await assert.rejects(second, /work failed/);
      assert.deepStrictEqual(order, ['a in', 'a out', 'b in']);
      await assert.rejects(fs.stat(`${target}.lock`), { code: 'ENOENT' });
    });

    it('a stale lock (its process is gone) is broken', async () => {
      await fs.writeFile(`${target}.lock`, JSON.stringify({ pid: await deadPid(), host: os.hostname(), time: Date.now(), token: 'x' }));
      assert.strictEqual(await new NodeFileSystem({ lock: { maxWaitMs: 2000 } }).withLock(target, () => Promise.resolve(7)), 7);
    });

    it('a lock held by a live writer makes others wait, then give up with an error naming the lock file', async () => {
      await fs.writeFile(`${target}.lock`, JSON.stringify({ pid: process.ppid, host: os.hostname(), time: Date.now(), token: 'x' }));
      await assert.rejects(
        new NodeFileSystem({ lock: { maxWaitMs: 300 } }).withLock(target, () => Promise.resolve()),
        (e: unknown) => e instanceof FileSystemError && e.code === 'busy' && e.message.includes(`${target}.lock`) && e.message.includes(String(process.ppid)),
      );
      assert.ok(await fs.stat(`${target}.lock`), 'the other writer\'s lock is left alone');
    });
  });

  describe('case 3 with the real file system: only "not found" is "no sidecar"', () => {
    const persistence = (maxBytes?: number) => new SidecarPersistence(new NodeFileSystem(), { maxBytes });

    it('a directory where the sidecar should be: an error, and the write leaves it', async () => {
      await fs.mkdir(target);
      await assert.rejects(persistence().read(target), (e: unknown) => e instanceof FileSystemError && e.code === 'not-a-file');
      await assert.rejects(persistence().write({ sidecar: target, documentName: 'doc.md', base: { exists: false, text: undefined, hash: undefined, annotations: [], problems: [], readOnly: false }, annotations: [note('a-1')] }), FileSystemError);
      assert.ok((await fs.stat(target)).isDirectory());
    });

    it('a file over the size limit: an error, the file untouched', async () => {
      const text = sidecarText('doc.md', [note('a-1'), note('a-2', 9)]);
      await fs.writeFile(target, text);
      await assert.rejects(persistence(100).read(target), (e: unknown) => e instanceof FileSystemError && e.code === 'too-large');
      assert.strictEqual(await fs.readFile(target, 'utf8'), text);
    });

    it('a FIFO: an error at once (not a hang)', async function () {
      try {
        execFileSync('mkfifo', [target]);
      } catch {
        this.skip(); // no mkfifo here
      }
      await assert.rejects(persistence().read(target), (e: unknown) => e instanceof FileSystemError && e.code === 'not-a-file');
    });

    it('an unreadable (chmod 000) file: a permission error', async function () {
      if (isRoot) {
        console.log('      (pending: root reads chmod 000 files; EACCES is covered by the fake port in sidecarPersistence.test.ts)');
        this.skip();
      }
      await fs.writeFile(target, sidecarText('doc.md', [note('a-1')]));
      await fs.chmod(target, 0);
      await assert.rejects(persistence().read(target), (e: unknown) => e instanceof FileSystemError && e.code === 'permission');
    });
  });
});
