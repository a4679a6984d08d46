import * as assert from 'assert';
import fc from 'fast-check';
import { sameAnnotationData } from '../../src/core/sidecar/model';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { mergeForWrite } from '../../src/core/sidecar/writeMerge';
import { SidecarPersistence } from '../../src/core/sidecar/persistence';
import type { Annotation } from '../../src/core/sidecar/model';
import { FakeDisk, FakeFileSystem } from '../fakeFileSystem';
import { note, sidecarText } from '../sidecarTestData';

const S = '/w/doc.md.annotations.yaml';

type Action = { kind: 'add' } | { kind: 'delete'; pick: number } | { kind: 'write' };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'add' as const }) },
  { weight: 1, arbitrary: fc.nat(9).map((pick) => ({ kind: 'delete' as const, pick })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'write' as const }) },
);
const writerPlan = fc.array(action, { minLength: 1, maxLength: 5 });

const idsOf = (bytes: Uint8Array | undefined): Set<string> => new Set(bytes ? parseSidecar(S, bytes, { maxBytes: 1e7 }).annotations.map((a) => a.id) : []);

/**
 * Two writers on one sidecar, every file-system operation of each released in an order fast-check picks
 * (its scheduler), each writer with its own, soon stale, view. Checked: the final file holds every
 * annotation either wrote except those explicitly deleted, and no deleted one comes back; and every single
 * write holds at least what the file held before it and what its writer held, except deleted ones.
 */
async function runTwoWriters(s: fc.Scheduler, initial: number, plans: [Action[], Action[]], lock = true): Promise<void> {
  const disk = new FakeDisk();
  const start = Array.from({ length: initial }, (_, i) => note(`a-init${i}`, i * 10));
  disk.put(S, sidecarText('doc.md', start));
  const written = new Set(start.map((a) => a.id));
  const deletedAll = new Set<string>();
  const holding = new Map<string, Set<string>>();
  const violations: string[] = [];
  const writer = async (name: string, plan: Action[]) => {
    const port = new FakeFileSystem(disk, {
      writer: name,
      lock,
      before: () => s.schedule(Promise.resolve()),
      afterWrite: () => {
        const w = disk.writes[disk.writes.length - 1]!;
        const after = idsOf(w.after);
        for (const id of [...idsOf(w.before), ...holding.get(name)!]) {
          if (!after.has(id) && !deletedAll.has(id)) violations.push(`${name}'s write dropped ${id}`);
        }
      },
    });
    const p = new SidecarPersistence(port);
    let state = await p.read(S);
    let wanted: Annotation[] = [...state.annotations];
    let deleted = new Set<string>();
    let n = 0;
    const write = async () => {
      holding.set(name, new Set(wanted.map((a) => a.id)));
      const r = await p.write({ sidecar: S, documentName: 'doc.md', base: state, annotations: wanted, deleted });
      state = r.state;
      wanted = [...r.state.annotations];
      deleted = new Set();
    };
    for (const act of plan) {
      if (act.kind === 'add') {
        const a = note(`a-${name}${n++}`, 5 + n * 7);
        wanted.push(a);
        written.add(a.id);
      } else if (act.kind === 'delete' && wanted.length) {
        const [gone] = wanted.splice(act.pick % wanted.length, 1);
        deleted.add(gone!.id);
        deletedAll.add(gone!.id);
      } else if (act.kind === 'write') await write();
    }
    await write();
  };
  await s.waitFor(Promise.all([writer('x', plans[0]), writer('y', plans[1])]));
  assert.deepStrictEqual(violations, []);
  const final = idsOf(disk.files.get(S)!.bytes);
  for (const id of written) {
    if (deletedAll.has(id)) assert.ok(!final.has(id), `${id} was deleted but came back\n${s.report()}`);
    else assert.ok(final.has(id), `${id} was lost\n${s.report()}`);
  }
}

describe('sidecar persistence: random interleavings of two writers (issue 8, case 2)', function () {
  this.timeout(120000);

  // With the port's lock. Without one (workspace.fs of a non-file scheme), compare-and-retry still leaves a
  // window: a writer that re-read before another's write and writes after that one's read-back overwrites
  // it unseen (the same property fails then within a few runs); that path relies on the editor's watcher.
  it('never lose an annotation, and no write holds fewer than the file and its writer held, except the explicitly deleted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.nat(3), fc.tuple(writerPlan, writerPlan), (s, initial, plans) => runTwoWriters(s, initial, plans)),
      { seed: 8_2026, numRuns: 300 },
    );
  });


  it('invariant of every write: it holds the file\'s and the writer\'s annotations, except those the writer deleted and those deleted on disk that the writer left unchanged', () => {
    // Ids from a small pool; each side holds some of them, in one of three versions (codes differ).
    const side = fc.dictionary(fc.constantFrom('a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5'), fc.nat(2), { noNullPrototype: true });
    const list = (d: Record<string, number>) => Object.entries(d).map(([id, v]) => note(id, Number(id.slice(2)) * 10, [`code${v}`]));
    fc.assert(
      fc.property(side, side, side, fc.uniqueArray(fc.constantFrom('a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5')), (b, w, d, del) => {
        const [base, wanted, disk] = [list(b), list(w), list(d)];
        const deleted = new Set<string>(del);
        const out = new Set(mergeForWrite(base, wanted, disk, deleted).annotations.map((a) => a.id));
        const deletedOnDisk = (id: string) => {
          const was = base.find((a) => a.id === id);
          const mine = wanted.find((a) => a.id === id);
          return was !== undefined && !disk.some((a) => a.id === id) && mine !== undefined && sameAnnotationData(mine, was);
        };
        for (const a of [...disk, ...wanted]) {
          if (!out.has(a.id)) assert.ok(deleted.has(a.id) || deletedOnDisk(a.id), `${a.id} dropped`);
        }
        for (const id of out) assert.ok([...disk, ...wanted].some((a) => a.id === id), `${id} invented`);
      }),
      { seed: 8_2027, numRuns: 2000 },
    );
  });
});
