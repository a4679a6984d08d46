import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { packFolderFingerprint } from '../../src/core/data/packFingerprint';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';

const port = new NodeFileSystem();

// Regression (CI, 82ee974): the file watcher missed a pack edit and a deletion on a busy shared machine, so the
// hover and the Problems panel kept the old pack. The editor now compares these fingerprints every few seconds.
describe('pack folder fingerprint (catching up with missed file events)', () => {
  let root: string;
  let pack: string;
  const write = (rel: string, content: string, mtime = 1_700_000_000) => {
    const file = path.join(pack, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    // A fixed mtime: the test must not depend on the clock's granularity.
    utimesSync(file, mtime, mtime);
  };
  const print = () => packFolderFingerprint(port, pack);

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-fp-'));
    pack = path.join(root, 'pack');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the same while nothing changes, and differs when the folder appears', async () => {
    const absent = await print();
    assert.strictEqual(await print(), absent);
    write('plans/a.yaml', 'version: 1\n');
    const present = await print();
    assert.notStrictEqual(present, absent);
    assert.strictEqual(await print(), present);
  });

  it('differs after an edit of the same size (mtime), a new size, a new plan file and a deleted one', async () => {
    write('plans/a.yaml', 'summary: old\n');
    write('counterparts.yaml', 'links: []\n');
    const seen = new Set([await print()]);
    const expectNew = async (what: string) => {
      const now = await print();
      assert.ok(!seen.has(now), `${what} left the fingerprint as before`);
      seen.add(now);
    };
    write('plans/a.yaml', 'summary: new\n', 1_700_000_100);
    await expectNew('an edit of the same size');
    write('plans/a.yaml', 'summary: much longer now\n', 1_700_000_100);
    await expectNew('an edit to a new size');
    write('plans/b.yaml', 'version: 1\n');
    await expectNew('a new plan file');
    rmSync(path.join(pack, 'plans', 'b.yaml'));
    rmSync(path.join(pack, 'counterparts.yaml'));
    await expectNew('deleting two files');
  });

  it('ignores what the pack reader ignores (a note beside the plans)', async () => {
    write('plans/a.yaml', 'version: 1\n');
    const before = await print();
    // The plans folder's own mtime is not part of the print, so only the listed files count.
    write('plans/notes.txt', 'not a plan');
    assert.strictEqual(await print(), before);
  });
});
