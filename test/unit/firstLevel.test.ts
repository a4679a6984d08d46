import * as assert from 'assert';
import type { AnchorStatus } from '../../src/core/anchoring';
import type { Code } from '../../src/core/codebook/codebook';
import type { Annotation } from '../../src/core/sidecar/model';
import { besideLayout, findSidecars, FirstLevel, groupAnnotations, idOf, WorkspaceIndex, type ExplorerFilter, type GroupMode, type GroupNode, type IndexedAnnotation } from '../../src/core/workspaceIndex';
import { FakeDisk, FakeFileSystem } from '../fakeFileSystem';
import { note, sidecarText } from '../sidecarTestData';

const DOC_TEXT = 'the policy text and more policy text here';
const doc = (n: number): string => `/ws/d${n}.md`;
const side = (n: number): string => `${doc(n)}.annotations.yaml`;
const put = (disk: FakeDisk, n: number, list: Annotation[]): void => disk.put(side(n), sidecarText(`d${n}.md`, list));
const gone = (id: string, codes: string[]): Annotation => ({ ...note(id, 4, codes), target: { quote: { exact: 'vanished words', prefix: '', suffix: '' }, position: { start: 4, end: 18 } } });

const CODES: Code[] = [
  { id: 'data', label: 'Data', source: 'theme' },
  { id: 'safety', label: 'Safety', source: 'theme' },
  { id: 'team:law', label: 'Law', parent: 'data', source: 'codebook' },
];

const FILES: Record<number, Annotation[]> = {
  1: [note('a-1', 4, ['data'], { author: 'ana' }), note('a-2', 4, ['team:law', 'data'], { author: 'bo' }), gone('a-3', ['safety'])],
  2: [note('a-4', 4, ['team:law'], { author: 'ana', note: 'Compare' }), note('a-5', 4, ['made-up'])],
  3: [note('a-6', 4, ['safety', 'made-up'], { author: 'bo' })],
};

async function workspace(): Promise<{ disk: FakeDisk; index: WorkspaceIndex }> {
  const disk = new FakeDisk();
  for (const [n, list] of Object.entries(FILES)) {
    put(disk, Number(n), list);
    disk.put(doc(Number(n)), DOC_TEXT);
  }
  const fs = new FakeFileSystem(disk);
  const index = new WorkspaceIndex(fs, besideLayout(() => findSidecars(fs, '/ws')));
  await index.anchored();
  return { disk, index };
}

/** A tree as the user sees it: every group with its count, sub-groups and annotations. */
const shape = (nodes: readonly GroupNode[]): unknown[] => nodes.map((n) => [n.key, n.label, n.count, n.items.map(idOf), shape(n.children)]);

/** What grouping every annotation at once gives (the index's own orphan check as the status). */
function naive(index: WorkspaceIndex, mode: GroupMode, filter?: ExplorerFilter, live?: ReadonlyMap<string, AnchorStatus>): unknown[] {
  const status = (a: IndexedAnnotation): AnchorStatus | undefined => (a.sidecar === side(2) ? live?.get(idOf(a)) : undefined) ?? index.entry(a.sidecar)?.status?.get(idOf(a));
  return shape(groupAnnotations(index.annotations(), { mode, codes: CODES, filter, status }));
}

describe('workspace index: the first level counted per sidecar', () => {
  it('is the tree that grouping every annotation at once gives, in every mode and with a filter', async () => {
    const { index } = await workspace();
    for (const mode of ['code', 'document', 'author'] as const) {
      for (const filter of [undefined, { author: 'ana' }, { codes: ['safety'] }, { text: 'compare' }]) {
        const got = shape(new FirstLevel().group(index.sidecars(), { mode, codes: CODES, filter }));
        assert.deepStrictEqual(got, naive(index, mode, filter), `${mode} ${JSON.stringify(filter)}`);
      }
    }
    const top = new FirstLevel().group(index.sidecars(), { mode: 'code', codes: CODES });
    assert.deepStrictEqual(
      top.map((n) => [n.key, n.count]),
      [['orphans', 1], ['code:data', 3], ['code:safety', 1], ['code:made-up', 2]],
    );
  });

  it('a file event counts that one sidecar again; an unchanged refresh counts none; a new filter counts all', async () => {
    const { disk, index } = await workspace();
    const level = new FirstLevel();
    const group = (filter?: ExplorerFilter): GroupNode[] => level.group(index.sidecars(), { mode: 'code', codes: CODES, filter });
    group();
    assert.strictEqual(level.counted, 3);
    group();
    assert.strictEqual(level.counted, 3, 'nothing changed: nothing counted again');
    put(disk, 2, [note('a-4', 4, ['safety'], { author: 'ana' })]);
    await index.fileChanged(side(2));
    const after = group();
    assert.strictEqual(level.counted, 4, 'only the changed sidecar');
    assert.deepStrictEqual(shape(after), naive(index, 'code'));
    const filter = { author: 'bo' };
    group(filter);
    group(filter);
    assert.strictEqual(level.counted, 7, 'a new filter: each sidecar once');
  });

  it("an open document's live status wins over the disk check, and that sidecar is counted on every call", async () => {
    const { index } = await workspace();
    const live = new Map<string, AnchorStatus>([['a-4', 'orphaned']]);
    const level = new FirstLevel();
    const group = (): GroupNode[] => level.group(index.sidecars(), { mode: 'document', codes: CODES, liveStatus: (e) => (e.sidecar === side(2) ? live : undefined) });
    assert.deepStrictEqual(shape(group()), naive(index, 'document', undefined, live));
    live.set('a-5', 'orphaned');
    assert.deepStrictEqual(shape(group()), naive(index, 'document', undefined, live));
    assert.strictEqual(level.counted, 4);
  });
});
