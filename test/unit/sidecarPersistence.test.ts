import * as assert from 'assert';
import { FileSystemError } from '../../src/core/fs/fileSystem';
import { codeProblems, documentFieldFor } from '../../src/core/sidecar/fieldChecks';
import { contentHash } from '../../src/core/sidecar/contentHash';
import { EMPTY_SIDECAR_STATE, SidecarPersistence, SidecarWriteRefused, type SidecarState } from '../../src/core/sidecar/persistence';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { FakeDisk, FakeFileSystem } from '../fakeFileSystem';
import { ids, note, sidecarText } from '../sidecarTestData';

const S = '/w/doc.md.annotations.yaml';

async function rejectsWith(p: Promise<unknown>, check: (err: unknown) => boolean): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    assert.ok(check(err), `unexpected error: ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('sidecar persistence protocol (issue 8)', () => {
  describe('case 2: two writers', () => {
    for (const lock of [true, false]) {
      it(`a writer with a stale base keeps the annotation another writer added in between (${lock ? 'lock' : 'compare-and-retry'})`, async () => {
        const disk = new FakeDisk();
        disk.put(S, sidecarText('doc.md', [note('a-base', 0)]));
        const a = new SidecarPersistence(new FakeFileSystem(disk, { lock, writer: 'a' }));
        const b = new SidecarPersistence(new FakeFileSystem(disk, { lock, writer: 'b' }));
        const baseA = await a.read(S);
        const baseB = await b.read(S);
        await a.write({ sidecar: S, documentName: 'doc.md', base: baseA, annotations: [...baseA.annotations, note('a-from-a', 10)] });
        const r = await b.write({ sidecar: S, documentName: 'doc.md', base: baseB, annotations: [...baseB.annotations, note('a-from-b', 20)] });
        assert.strictEqual(r.merged, true);
        assert.deepStrictEqual(ids(r.state.annotations), ['a-base', 'a-from-a', 'a-from-b']);
        assert.deepStrictEqual(ids((await a.read(S)).annotations), ['a-base', 'a-from-a', 'a-from-b']);
      });
    }

    it('another writer between the re-read and the write (no lock): its bytes are found on read-back, merged and written again', async () => {
      const disk = new FakeDisk();
      disk.put(S, sidecarText('doc.md', []));
      let intruded = false;
      const port = new FakeFileSystem(disk, {
        lock: false,
        afterWrite: () => {
          if (intruded) return;
          intruded = true;
          // A writer that read before our write, writing its own stale view over ours.
          disk.put(S, sidecarText('doc.md', [note('a-intruder', 30)]));
        },
      });
      const p = new SidecarPersistence(port);
      const base = await p.read(S);
      const r = await p.write({ sidecar: S, documentName: 'doc.md', base, annotations: [note('a-mine', 5)] });
      assert.deepStrictEqual(ids(r.state.annotations), ['a-intruder', 'a-mine']);
      assert.deepStrictEqual(ids(parseSidecar(S, disk.files.get(S)!.bytes!, { maxBytes: 1e6 }).annotations), ['a-intruder', 'a-mine']);
      assert.strictEqual(disk.writes.length, 2);
    });

    it('a write made while the merged text is built is caught by the check right before writing, and merged instead of overwritten', async () => {
      const disk = new FakeDisk();
      disk.put(S, sidecarText('doc.md', [note('a-base', 0)]));
      let stats = 0;
      const port = new FakeFileSystem(disk, {
        lock: false,
        before: (op) => {
          // stat 1: read(); stat 2: the protocol's re-read; stat 3: the check right before writing.
          if (op === 'stat' && ++stats === 3) disk.put(S, sidecarText('doc.md', [note('a-base', 0), note('a-git', 40)]));
        },
      });
      const p = new SidecarPersistence(port);
      const base = await p.read(S);
      const r = await p.write({ sidecar: S, documentName: 'doc.md', base, annotations: [...base.annotations, note('a-mine', 5)] });
      assert.deepStrictEqual(ids(r.state.annotations), ['a-base', 'a-git', 'a-mine']);
      assert.strictEqual(disk.writes.length, 1);
    });

    it('a file that keeps changing under every write is refused after a bounded number of attempts, never reported written', async () => {
      const disk = new FakeDisk();
      let n = 0;
      const port = new FakeFileSystem(disk, { lock: false, afterWrite: () => disk.put(S, sidecarText('doc.md', [note(`a-other${n++}`, 40)])) });
      const p = new SidecarPersistence(port, { maxAttempts: 3 });
      const err = await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-mine')] }), (e) => e instanceof SidecarWriteRefused);
      assert.strictEqual((err as SidecarWriteRefused).reason, 'changing');
      assert.strictEqual(disk.writes.length, 3);
    });

    it('only the ids in `deleted` disappear: an annotation merely missing from the request is kept', async () => {
      const disk = new FakeDisk();
      disk.put(S, sidecarText('doc.md', [note('a-keep', 0), note('a-gone', 10), note('a-omitted', 20)]));
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const base = await p.read(S);
      const r = await p.write({ sidecar: S, documentName: 'doc.md', base, annotations: [note('a-keep', 0)], deleted: new Set(['a-gone']) });
      assert.deepStrictEqual(ids(r.state.annotations), ['a-keep', 'a-omitted']);
    });

    it('a change made on disk and the writer\'s change to the same annotation merge field by field', async () => {
      const disk = new FakeDisk();
      disk.put(S, sidecarText('doc.md', [note('a-1', 0)]));
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const base = await p.read(S);
      disk.put(S, sidecarText('doc.md', [note('a-1', 0, ['data', 'standards'])]));
      const r = await p.write({ sidecar: S, documentName: 'doc.md', base, annotations: [note('a-1', 0, ['data'], { note: 'mine' })] });
      assert.deepStrictEqual(r.state.annotations.map((a) => [a.codes, a.note]), [[['data', 'standards'], 'mine']]);
      assert.deepStrictEqual(r.conflicts, []);
    });

    it('hand comments in the file are kept: the text is edited in place', async () => {
      const disk = new FakeDisk();
      disk.put(S, `# team notes, keep this line\n${sidecarText('doc.md', [note('a-1', 0)])}`);
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const base = await p.read(S);
      await p.write({ sidecar: S, documentName: 'doc.md', base, annotations: [...base.annotations, note('a-2', 50)] });
      assert.match(disk.text(S)!, /^# team notes, keep this line\n/);
    });

    it('isOwnWrite tells this instance\'s writes from someone else\'s by hash', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const r = await p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-1')] });
      assert.strictEqual(p.isOwnWrite(S, r.state.hash!), true);
      assert.strictEqual(r.state.hash, contentHash(disk.files.get(S)!.bytes!));
      disk.put(S, sidecarText('doc.md', [note('a-1'), note('a-2', 9)]));
      assert.strictEqual(p.isOwnWrite(S, contentHash(disk.files.get(S)!.bytes!)), false);
      assert.strictEqual(new SidecarPersistence(new FakeFileSystem(disk)).isOwnWrite(S, r.state.hash!), false);
    });

    it('nothing is written when the merged text is the file as it is', async () => {
      const disk = new FakeDisk();
      disk.put(S, sidecarText('doc.md', [note('a-1')]));
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const base = await p.read(S);
      await p.write({ sidecar: S, documentName: 'doc.md', base, annotations: base.annotations });
      assert.strictEqual(disk.writes.length, 0);
    });
  });

  describe('case 3: a read error is not "no sidecar yet"', () => {
    const cases: [string, (disk: FakeDisk) => FakeFileSystem, string][] = [
      ['EACCES (chmod 000)', (d) => new FakeFileSystem(d, { failRead: () => 'permission' }), 'permission'],
      ['a directory', (d) => (d.files.set(S, { kind: 'directory' }), new FakeFileSystem(d)), 'not-a-file'],
      ['a FIFO', (d) => (d.files.set(S, { kind: 'other' }), new FakeFileSystem(d)), 'not-a-file'],
      ['a file over the limit (2 GiB)', (d) => (d.files.set(S, { kind: 'file', bytes: new Uint8Array(), size: 2 ** 31 + 1 }), new FakeFileSystem(d)), 'too-large'],
    ];
    for (const [what, make, code] of cases) {
      it(`${what}: read throws FileSystemError '${code}', and a write leaves the file untouched`, async () => {
        const disk = new FakeDisk();
        if (what.startsWith('EACCES')) disk.put(S, sidecarText('doc.md', [note('a-1')]));
        const port = make(disk);
        const before = disk.files.get(S);
        const p = new SidecarPersistence(port);
        await rejectsWith(p.read(S), (e) => e instanceof FileSystemError && e.code === code);
        await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-new')] }), (e) => e instanceof FileSystemError && e.code === code);
        assert.strictEqual(disk.files.get(S), before);
        assert.strictEqual(disk.writes.length, 0);
      });
    }

    it('only not-found is the empty state', async () => {
      const p = new SidecarPersistence(new FakeFileSystem(new FakeDisk()));
      assert.deepStrictEqual(await p.read(S), EMPTY_SIDECAR_STATE);
    });
  });

  describe('case 4: invalid UTF-8', () => {
    it('bytes with invalid UTF-8 give problems and a read-only state, and are never rewritten as U+FFFD', async () => {
      const disk = new FakeDisk();
      const good = new TextEncoder().encode(sidecarText('doc.md', [note('a-1')]).replace('created', 'note: caf\u0001\n    created'));
      const bad = good.map((b) => (b === 1 ? 0xff : b));
      disk.put(S, bad);
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const state: SidecarState = await p.read(S);
      assert.strictEqual(state.readOnly, true);
      assert.ok(state.problems.some((x) => x.severity === 'error' && /invalid UTF-8/.test(x.message)), JSON.stringify(state.problems));
      const err = await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base: state, annotations: [note('a-2', 30)] }), (e) => e instanceof SidecarWriteRefused);
      assert.strictEqual((err as SidecarWriteRefused).reason, 'read-only');
      assert.deepStrictEqual(disk.files.get(S)!.bytes, bad);
      assert.strictEqual(disk.writes.length, 0);
    });
  });

  describe('case 5: sidecars the writer would write and the next load would reject', () => {
    const bad: [string, string[]][] = [
      ['--code open-source --code open-source', ['open-source', 'open-source']],
      ['--code ""', ['']],
      ['--code "open source"', ['open source']],
      ['a code with a newline', ['open\nsource']],
    ];
    for (const [what, codes] of bad) {
      it(`${what}: refused before anything is written, with the problem`, async () => {
        const disk = new FakeDisk();
        const p = new SidecarPersistence(new FakeFileSystem(disk));
        const err = await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-1', 0, codes)] }), (e) => e instanceof SidecarWriteRefused);
        assert.strictEqual((err as SidecarWriteRefused).reason, 'invalid');
        assert.ok((err as SidecarWriteRefused).problems.length > 0);
        assert.strictEqual(disk.files.has(S), false);
        assert.ok(codeProblems(codes).length > 0, 'the CLI\'s own check names it too');
      });
    }

    it('a document named notes:draft.md is recorded as ./notes:draft.md and the sidecar loads', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const loc = '/w/notes:draft.md.annotations.yaml';
      const r = await p.write({ sidecar: loc, documentName: 'notes:draft.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-1')] });
      assert.strictEqual(r.state.readOnly, false);
      assert.match(disk.text(loc)!, /^document: \.\/notes:draft\.md$/m);
      assert.strictEqual(documentFieldFor('plain.md'), 'plain.md');
    });

    it('a document name no sidecar can hold (a backslash, a line break) is refused before writing', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      for (const name of ['a\\b.md', 'a\nb.md']) {
        await rejectsWith(p.write({ sidecar: S, documentName: name, base: EMPTY_SIDECAR_STATE, annotations: [note('a-1')] }), (e) => e instanceof SidecarWriteRefused);
      }
      assert.strictEqual(disk.files.has(S), false);
    });

    it('every written text is read back through the same check: an id the schema rejects is refused', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('not an id!')] }), (e) => e instanceof SidecarWriteRefused);
      assert.strictEqual(disk.files.has(S), false);
    });

    it('a quote longer than the document (an older, shorter version) is written: the annotation is an orphan, not an error (case 6)', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk));
      const result = await p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-1')], documentLength: 3 });
      assert.strictEqual(result.state.readOnly, false);
      assert.ok(result.state.problems.some((x) => x.severity === 'warning' && /orphaned/.test(x.message)));
      assert.strictEqual(disk.files.has(S), true);
    });

    it('a text over the size limit is not written (the next load would refuse it)', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk), { maxBytes: 200 });
      await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-1'), note('a-2', 9)] }), (e) => e instanceof SidecarWriteRefused);
      assert.strictEqual(disk.files.has(S), false);
    });
  });

  describe('case 12: faults while writing', () => {
    it('ENOSPC in the middle of a write: an error, the old file intact, the state not advanced', async () => {
      const disk = new FakeDisk();
      disk.put(S, sidecarText('doc.md', [note('a-1')]));
      const before = disk.files.get(S)!.bytes;
      const p = new SidecarPersistence(new FakeFileSystem(disk, { failWrite: () => 'ENOSPC' }));
      const base = await p.read(S);
      await rejectsWith(p.write({ sidecar: S, documentName: 'doc.md', base, annotations: [...base.annotations, note('a-2', 9)] }), (e) => e instanceof FileSystemError && /ENOSPC/.test(e.message));
      assert.strictEqual(disk.files.get(S)!.bytes, before);
    });

    it('writes of one instance to one sidecar run one at a time (the second merges over the first)', async () => {
      const disk = new FakeDisk();
      const p = new SidecarPersistence(new FakeFileSystem(disk, { lock: false }));
      const [r1, r2] = await Promise.all([
        p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-1')] }),
        p.write({ sidecar: S, documentName: 'doc.md', base: EMPTY_SIDECAR_STATE, annotations: [note('a-2', 9)] }),
      ]);
      assert.deepStrictEqual(ids(r1.state.annotations), ['a-1']);
      assert.deepStrictEqual(ids(r2.state.annotations), ['a-1', 'a-2']);
    });
  });
});
