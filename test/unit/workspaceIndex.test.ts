import * as assert from 'assert';
import fc from 'fast-check';
import type { Code } from '../../src/core/codebook/codebook';
import type { Annotation } from '../../src/core/sidecar/model';
import { allItems, besideLayout, describeFilter, findSidecars, groupAnnotations, groupByProvision, WorkspaceIndex, type GroupNode, type IndexedAnnotation } from '../../src/core/workspaceIndex';
import { FakeDisk, FakeFileSystem } from '../fakeFileSystem';
import { note, sidecarText } from '../sidecarTestData';

const DOC_TEXT = 'the policy text and more policy text here';
const doc = (n: number): string => `/ws/d${n}.md`;
const side = (n: number): string => `${doc(n)}.annotations.yaml`;
const put = (disk: FakeDisk, n: number, list: Annotation[]): void => disk.put(side(n), sidecarText(`d${n}.md`, list));

function workspace(files: Record<number, Annotation[]>): { disk: FakeDisk; fs: FakeFileSystem; index: WorkspaceIndex } {
  const disk = new FakeDisk();
  for (const [n, list] of Object.entries(files)) {
    put(disk, Number(n), list);
    disk.put(doc(Number(n)), DOC_TEXT);
  }
  const fs = new FakeFileSystem(disk);
  const index = new WorkspaceIndex(fs, besideLayout(() => findSidecars(fs, '/ws')));
  return { disk, fs, index };
}

const ids = (list: readonly IndexedAnnotation[]): string[] => list.map((a) => a.annotation.id).sort();
const state = (index: WorkspaceIndex): string[] => index.annotations().map((a) => `${a.sidecar}:${a.annotation.id}:${a.annotation.codes.join('+')}`).sort();
const find = (nodes: readonly GroupNode[], key: string): GroupNode | undefined => {
  for (const n of nodes) {
    if (n.key === key) return n;
    const inner = find(n.children, key);
    if (inner) return inner;
  }
  return undefined;
};

const CODES: Code[] = [
  { id: 'data', label: 'Data and privacy', source: 'theme' },
  { id: 'safety', label: 'Safety', source: 'theme' },
  { id: 'team:privacy-law', label: 'Privacy law', parent: 'data', source: 'codebook' },
  { id: 'team:gdpr', label: 'GDPR', parent: 'team:privacy-law', source: 'codebook' },
  { id: 'loop-a', label: 'Loop A', parent: 'loop-b', source: 'codebook' },
  { id: 'loop-b', label: 'Loop B', parent: 'loop-a', source: 'codebook' },
];

function item(id: string, codes: string[], extra: Partial<Annotation> = {}, document = doc(1)): IndexedAnnotation {
  return { annotation: note(id, 4, codes, extra), sidecar: `${document}.annotations.yaml`, document };
}

describe('workspace index: grouping', () => {
  const items = [
    item('a-1', ['data'], { author: 'ana' }),
    item('a-2', ['team:gdpr', 'data'], { author: 'bo' }),
    item('a-3', ['team:privacy-law'], { author: 'ana', note: 'Compare the CN plan' }, doc(2)),
    item('a-4', ['safety'], {}, doc(2)),
    item('a-5', ['made-up'], { author: 'bo' }),
  ];

  it('by code: the codebook hierarchy under the themes, each group counting its distinct annotations', () => {
    const top = groupAnnotations(items, { mode: 'code', codes: CODES });
    assert.deepStrictEqual(top.map((n) => n.key), ['code:data', 'code:safety', 'code:made-up']);
    const data = find(top, 'code:data')!;
    // a-2 is coded both `data` and (two levels down) `team:gdpr`: counted once.
    assert.strictEqual(data.count, 3);
    assert.deepStrictEqual(ids(data.items), ['a-1', 'a-2']);
    assert.deepStrictEqual(data.children.map((n) => n.key), ['code:team:privacy-law']);
    const law = data.children[0]!;
    assert.strictEqual(law.count, 2);
    assert.deepStrictEqual(ids(law.children[0]!.items), ['a-2']);
    assert.strictEqual(find(top, 'code:made-up')!.unknownCode, true);
    assert.strictEqual(find(top, 'code:loop-a'), undefined, 'empty codes are left out');
  });

  it('by code: a cycle of parents does not hide the codes in it', () => {
    const top = groupAnnotations([item('a-9', ['loop-a'])], { mode: 'code', codes: CODES });
    assert.ok(find(top, 'code:loop-a'), 'loop-a shown');
    assert.strictEqual(allItems(top[0]!).length, 1);
  });

  it('by document and by author, annotations in document order', () => {
    const byDoc = groupAnnotations(items, { mode: 'document', codes: CODES, documentLabel: (d) => d.replace('/ws/', '') });
    assert.deepStrictEqual(byDoc.map((n) => [n.label, n.count]), [['d1.md', 3], ['d2.md', 2]]);
    const byAuthor = groupAnnotations(items, { mode: 'author', codes: CODES });
    assert.deepStrictEqual(byAuthor.map((n) => [n.label, n.count]), [['ana', 2], ['bo', 2], ['(no author)', 1]]);
    assert.strictEqual(byAuthor[2]!.author, undefined);
  });

  it('orphaned annotations are in their own group, first, and in no other', () => {
    const top = groupAnnotations(items, { mode: 'code', codes: CODES, status: (a) => (a.annotation.id === 'a-2' ? 'orphaned' : 'exact') });
    assert.strictEqual(top[0]!.kind, 'orphans');
    assert.deepStrictEqual(ids(top[0]!.items), ['a-2']);
    assert.strictEqual(find(top, 'code:team:gdpr'), undefined);
    assert.strictEqual(find(top, 'code:data')!.count, 2);
  });

  it('filters by code, author and text (quote, note or code), and says what is filtered', () => {
    const count = (filter: Parameters<typeof groupAnnotations>[1]['filter']): number => new Set(groupAnnotations(items, { mode: 'author', codes: CODES, filter }).flatMap(allItems)).size;
    assert.strictEqual(count({ codes: ['data'] }), 2);
    assert.strictEqual(count({ author: 'bo' }), 2);
    assert.strictEqual(count({ text: 'cn PLAN' }), 1);
    assert.strictEqual(count({ text: 'gdpr' }), 1);
    assert.strictEqual(count({ codes: ['data'], author: 'ana' }), 1);
    assert.strictEqual(count({ text: 'nowhere' }), 0);
    assert.strictEqual(describeFilter({ codes: ['data'], author: 'ana', text: 'x' }), 'code: data · author: ana · “x”');
  });

  it('a document by provision: the innermost provision holding the annotation, the rest in the document', () => {
    const list = [0, 10, 25, 40].map((start, i) => ({ ...item(`a-${i}`, ['data']), annotation: note(`a-${i}`, start) }));
    const [document] = groupAnnotations(list, { mode: 'document', codes: CODES });
    const grouped = groupByProvision(document!, [
      { id: 'p1', label: '1. One', start: 5, end: 30, depth: 1 },
      { id: 'p1.1', label: '1.1 Inner', start: 20, end: 30, depth: 2 },
      { id: 'p2', label: '2. Two', start: 30, end: 100, depth: 1 },
    ]);
    assert.deepStrictEqual(ids(grouped.items), ['a-0']);
    assert.deepStrictEqual(grouped.children.map((c) => [c.label, ids(c.items)]), [['1. One', ['a-1']], ['1.1 Inner', ['a-2']], ['2. Two', ['a-3']]]);
  });
});

describe('workspace index: building and file events', () => {
  it('reads nothing until ready() is called, then every sidecar once', async () => {
    const { fs, index } = workspace({ 1: [note('a-1')], 2: [note('a-2'), note('a-3', 10)] });
    await index.fileChanged(side(1));
    assert.strictEqual(fs.calls.length, 0, 'lazy: no read before the view opens');
    await index.ready();
    assert.deepStrictEqual(ids(index.annotations()), ['a-1', 'a-2', 'a-3']);
    assert.strictEqual(fs.calls.filter((c) => c.op === 'readFile' && c.location.endsWith('.yaml')).length, 2);
  });

  it('orphans: an annotation whose quote left its document, and all of a missing document', async () => {
    const { disk, index } = workspace({ 1: [note('a-1', 4), { ...note('a-2', 4), target: { quote: { exact: 'vanished words', prefix: '', suffix: '' }, position: { start: 4, end: 18 } } }], 2: [note('a-3', 4)] });
    disk.files.delete(doc(2));
    await index.anchored();
    const status = (id: string) => {
      const a = index.annotations().find((x) => x.annotation.id === id)!;
      return index.entry(a.sidecar)!.status?.get(id);
    };
    assert.strictEqual(status('a-1'), 'exact');
    assert.strictEqual(status('a-2'), 'orphaned');
    assert.strictEqual(status('a-3'), 'orphaned');
  });

  it('a change, a new sidecar and a deleted one: one re-read each', async () => {
    const { disk, fs, index } = workspace({ 1: [note('a-1')], 2: [note('a-2')] });
    await index.ready();
    const changes: string[][] = [];
    index.onDidChange((s) => changes.push([...s]));
    const reads = () => fs.calls.filter((c) => c.op === 'readFile' && c.location.endsWith('.yaml')).length;
    const before = reads();
    put(disk, 1, [note('a-1', 0, ['safety'])]);
    await index.fileChanged(side(1));
    put(disk, 3, [note('a-9')]);
    await index.fileChanged(side(3));
    disk.files.delete(side(2));
    await index.fileChanged(side(2));
    assert.strictEqual(reads() - before, 2, 'the deleted one is only stat-ed');
    assert.deepStrictEqual(state(index), [`${side(1)}:a-1:safety`, `${side(3)}:a-9:data`]);
    assert.deepStrictEqual(changes.flat().filter((s, i, all) => all.indexOf(s) === i).sort(), [side(1), side(2), side(3)]);
  });

  it('worst order: "deleted" arriving after the file was written again keeps it', async () => {
    const { disk, index } = workspace({ 1: [note('a-1')] });
    await index.ready();
    put(disk, 1, [note('a-1'), note('a-2', 10)]);
    // The watcher reports a replaced file as deleted, created, changed (fakeFileSystem's emitReplaced).
    await Promise.all([index.fileChanged(side(1)), index.fileChanged(side(1)), index.fileChanged(side(1))]);
    assert.deepStrictEqual(ids(index.annotations()), ['a-1', 'a-2']);
  });

  it('worst order: a change event for a half-written file, then the finished file', async () => {
    const { disk, index } = workspace({ 1: [note('a-1')] });
    await index.ready();
    const full = sidecarText('d1.md', [note('a-1'), note('a-2', 10), note('a-3', 20)]);
    disk.put(side(1), full.slice(0, full.indexOf('a-3') + 2));
    await index.fileChanged(side(1));
    assert.ok(index.annotations().length <= 3, 'what loaded of the half file, nothing invented');
    disk.put(side(1), full);
    await index.fileChanged(side(1));
    assert.deepStrictEqual(ids(index.annotations()), ['a-1', 'a-2', 'a-3']);
    assert.strictEqual(index.entry(side(1))!.readOnly, false);
  });

  it('a rename: the old location deleted, the new one created, in either order', async () => {
    for (const order of ['delete-first', 'create-first']) {
      const { disk, index } = workspace({ 1: [note('a-1')] });
      await index.ready();
      const moved = '/ws/sub/d1.md.annotations.yaml';
      disk.put(moved, disk.text(side(1))!);
      disk.files.delete(side(1));
      const events = order === 'delete-first' ? [side(1), moved] : [moved, side(1)];
      for (const e of events) await index.fileChanged(e);
      assert.deepStrictEqual(state(index), [`${moved}:a-1:data`], order);
    }
  });

  it('a sidecar that cannot be read is listed with its error, and recovers', async () => {
    const { disk, index } = workspace({ 1: [note('a-1')] });
    disk.files.set(side(2), { kind: 'file', bytes: new Uint8Array(8), size: 1e9 });
    await index.ready();
    assert.match(index.entry(side(2))!.error ?? '', /over the limit/);
    put(disk, 2, [note('a-2')]);
    await index.fileChanged(side(2));
    assert.deepStrictEqual(ids(index.annotations()), ['a-1', 'a-2']);
  });

  it('property: after any writes, deletes and half-writes, events in any order and interleaving, the index is what a fresh build reads', async () => {
    type Op = { file: number; kind: 'write' | 'delete' | 'half'; codes: string[] };
    const op: fc.Arbitrary<Op> = fc.record({ file: fc.nat(3), kind: fc.constantFrom('write' as const, 'delete' as const, 'half' as const), codes: fc.subarray(['data', 'safety', 'team:x'], { minLength: 1 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 40 }), fc.boolean(), async (ops, delays, eventsBeforeBuild) => {
        let tick = 0;
        const turns = () => new Promise<void>((r) => { let k = delays[tick++ % delays.length]!; const step = () => (k-- <= 0 ? r() : setImmediate(step)); step(); });
        const disk = new FakeDisk();
        for (let n = 0; n < 4; n++) put(disk, n, [note(`a-${n}`)]);
        // Each file-system operation waits a few turns of the event loop, so reads and writes interleave.
        // Bytes also take a while to arrive after they were read: a write can land in between.
        const fs = new (class extends FakeFileSystem {
          override async readFile(location: string): Promise<Uint8Array> {
            const bytes = await super.readFile(location);
            await turns();
            return bytes;
          }
        })(disk, { before: turns });
        const index = new WorkspaceIndex(fs, besideLayout(() => findSidecars(fs, '/ws')), { anchor: false });
        const pending: Promise<void>[] = [];
        if (!eventsBeforeBuild) pending.push(index.ready());
        for (const [i, o] of ops.entries()) {
          // Writes land while earlier events' reads are under way.
          await turns();
          if (o.kind === 'delete') disk.files.delete(side(o.file));
          else {
            const text = sidecarText(`d${o.file}.md`, [note(`a-${o.file}-${i}`, 0, o.codes), note(`b-${o.file}-${i}`, 30)]);
            disk.put(side(o.file), o.kind === 'half' ? text.slice(0, Math.floor(text.length * 0.7)) : text);
          }
          // Worst order: a deleted event for a file that exists again, and duplicates.
          pending.push(index.fileChanged(side(o.file)), index.fileChanged(side(o.file)));
        }
        if (eventsBeforeBuild) pending.push(index.ready());
        await Promise.all(pending);
        const fresh = new WorkspaceIndex(new FakeFileSystem(disk), besideLayout(() => findSidecars(fs, '/ws')), { anchor: false });
        await fresh.ready();
        assert.deepStrictEqual(state(index), state(fresh));
      }),
      { seed: 1010, numRuns: 60 },
    );
  });
});
