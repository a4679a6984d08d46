import * as assert from 'assert';
import * as path from 'path';
import fc from 'fast-check';
import { readPackFolder } from '../../src/core/data/packFolder';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { posixBasename, posixDirname, posixRelative, posixResolve, trimSlashes } from '../../src/core/fs/posixPath';
import { FileSystemError } from '../../src/core/fs/fileSystem';

describe('posixPath: URI path arithmetic without Node (the editor code runs in a web worker)', () => {
  const segment = fc.constantFrom('a', 'b', 'plans', '..', '.', '', 'x y', 'é');
  const absolute = fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`);

  it('agrees with Node path.posix on absolute paths (relative, resolve, dirname, basename)', () => {
    fc.assert(
      fc.property(absolute, absolute, fc.array(segment, { maxLength: 4 }), (from, to, rel) => {
        assert.strictEqual(posixRelative(from, to), path.posix.relative(from, to));
        assert.strictEqual(posixResolve(from, rel.join('/')), path.posix.resolve(from, rel.join('/')));
        assert.strictEqual(posixDirname(path.posix.normalize(from)), path.posix.dirname(path.posix.normalize(from)));
        assert.strictEqual(posixBasename(from), path.posix.basename(path.posix.normalize(from)).replace(/^\/$/, ''));
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('trimSlashes drops leading and/or trailing slashes only', () => {
    assert.strictEqual(trimSlashes('//a/b//'), 'a/b');
    assert.strictEqual(trimSlashes('//a/b//', 'end'), '//a/b');
    assert.strictEqual(trimSlashes('//a/b//', 'start'), 'a/b//');
    assert.strictEqual(trimSlashes('////'), '');
  });

  it('an absolute target replaces the base, as in a sidecar that names /elsewhere/doc.md', () => {
    assert.strictEqual(posixResolve('/ws/notes', '/elsewhere/doc.md'), '/elsewhere/doc.md');
  });
});

describe('MemoryFileSystem: the knowledge pack compiled into the web bundle', () => {
  const root = 'http://localhost:3000/static/devextensions/annotations';
  const fs = new MemoryFileSystem(root, { 'themes.yaml': 'themes: []\n', 'plans/b.yaml': 'b', 'plans/a.yaml': 'a' });

  it('lists folders and reads files under a scheme://host root', async () => {
    assert.deepStrictEqual(await fs.stat(root), { kind: 'directory', size: 0, mtime: 0 });
    assert.deepStrictEqual((await fs.readDirectory(root)).sort(), [['plans', 'directory'], ['themes.yaml', 'file']]);
    assert.deepStrictEqual((await fs.readDirectory(fs.join(root, 'plans'))).sort(), [['a.yaml', 'file'], ['b.yaml', 'file']]);
    assert.strictEqual(new TextDecoder().decode(await fs.readFile(fs.join(root, 'plans', 'a.yaml'))), 'a');
    assert.strictEqual(fs.join(root, 'plans'), `${root}/plans`);
    assert.strictEqual(fs.dirname(`${root}/plans`), root);
  });

  it('absent is "not found" (only that means absent), and nothing is writable', async () => {
    assert.strictEqual(await fs.stat(`${root}/counterparts.yaml`), undefined);
    assert.deepStrictEqual(await fs.readDirectory(`${root}/nothing`), []);
    await assert.rejects(fs.readFile(`${root}/counterparts.yaml`), (e: unknown) => e instanceof FileSystemError && e.code === 'not-found');
    await assert.rejects(fs.readFile(`${root}/plans`), (e: unknown) => e instanceof FileSystemError && e.code === 'not-a-file');
    await assert.rejects(fs.writeFileAtomic(`${root}/themes.yaml`), (e: unknown) => e instanceof FileSystemError && e.code === 'read-only');
  });

  it('readPackFolder reads a pack from it as from disk (plans sorted, a missing required file reported)', async () => {
    const got = await readPackFolder(fs, root, { display: (l) => l.slice(root.length + 1), required: true });
    assert.strictEqual(got.exists, true);
    assert.deepStrictEqual(got.sources.plans.map((p) => p.file), ['plans/a.yaml', 'plans/b.yaml']);
    assert.strictEqual(got.sources.themes?.text, 'themes: []\n');
    assert.deepStrictEqual(got.problems.map((p) => p.file), ['counterparts.yaml']);
  });
});
