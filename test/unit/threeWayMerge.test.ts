import * as assert from 'assert';
import { readBaseAnnotations } from '../../src/core/merge/baseIndex';
import { conflictCopyId, conflictCopyOf } from '../../src/core/merge/conflictCopies';
import { attributesNameDriver, driverCommandLine, shellQuote, withDriverAttributes } from '../../src/core/merge/gitAttributes';
import { mergeSidecarBytes, MergeInputError } from '../../src/core/merge/mergeTexts';
import { threeWayMerge } from '../../src/core/merge/threeWayMerge';
import { analyseSidecar } from '../../src/core/sidecar/parse';
import { parseSidecar, serializeSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar/api';

function ann(id: string, start: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    target: { quote: { exact: `passage at ${start}`, prefix: 'before ', suffix: ' after' }, position: { start, end: start + 20 } },
    codes: ['sovereignty'],
    created: '2025-07-23T10:00:00.000Z',
    ...extra,
  };
}
const sc = (...annotations: Annotation[]): Sidecar => ({ version: 1, document: 'plan.policy.md', annotations });
const enc = (s: Sidecar | string): Uint8Array => new TextEncoder().encode(typeof s === 'string' ? s : serializeSidecar(s));

describe('threeWayMerge: field by field', () => {
  const base = sc(ann('a-1', 10, { codes: ['x', 'y'], links: [{ provision: 'us-1', relation: 'aligned' }] }));

  it('merges codes and links as sets: each side’s additions and removals', () => {
    const ours = sc(ann('a-1', 10, { codes: ['x', 'y', 'o'], links: [] as never }));
    delete ours.annotations[0]!.links;
    const theirs = sc(ann('a-1', 10, { codes: ['y', 't'], links: [{ provision: 'us-1', relation: 'aligned' }, { plan: 'cn', relation: 'partial' }] }));
    const r = threeWayMerge(base, ours, theirs);
    assert.deepStrictEqual(r.conflicts, []);
    assert.deepStrictEqual(r.sidecar.annotations[0]!.codes, ['y', 'o', 't']);
    assert.deepStrictEqual(r.sidecar.annotations[0]!.links, [{ plan: 'cn', relation: 'partial' }]);
  });

  it('takes the later modified time, and our target when both moved the same quote', () => {
    const at = (start: number, modified: string): Sidecar => {
      const a = base.annotations[0]!;
      return sc({ ...a, target: { quote: a.target.quote, position: { start, end: start + 20 } }, modified });
    };
    const ours = at(12, '2025-08-02T00:00:00Z');
    const theirs = at(14, '2025-08-03T00:00:00Z');
    const r = threeWayMerge(base, ours, theirs);
    assert.deepStrictEqual(r.conflicts, []);
    assert.strictEqual(r.sidecar.annotations[0]!.target.position.start, 12);
    assert.strictEqual(r.sidecar.annotations[0]!.modified, '2025-08-03T00:00:00Z');
  });

  it('a different quote on each side is a conflict, theirs kept in the copy', () => {
    const moved = (a: Annotation, exact: string): Annotation => ({ ...a, target: { ...a.target, quote: { ...a.target.quote, exact } } });
    const r = threeWayMerge(base, sc(moved(base.annotations[0]!, 'ours')), sc(moved(base.annotations[0]!, 'theirs')));
    assert.deepStrictEqual(r.conflicts, [{ id: 'a-1', fields: ['target'], copyId: 'a-1.conflict' }]);
    assert.deepStrictEqual(r.sidecar.annotations.map((a) => [a.id, a.target.quote.exact]), [['a-1', 'ours'], ['a-1.conflict', 'theirs']]);
  });

  it('add/add of one id with different notes is a conflict (no base to decide)', () => {
    const r = threeWayMerge(sc(), sc(ann('a-2', 5, { note: 'A' })), sc(ann('a-2', 5, { note: 'B' })));
    assert.deepStrictEqual(r.conflicts.map((c) => c.fields), [['note']]);
  });

  it('a document: changed on one side follows that side; on both, ours is kept and reported', () => {
    const renamed = (d: string): Sidecar => ({ ...sc(), document: d });
    assert.strictEqual(threeWayMerge(sc(), sc(), renamed('new.md')).sidecar.document, 'new.md');
    assert.deepStrictEqual(threeWayMerge(sc(), renamed('a.md'), renamed('b.md')).documentConflict, { ours: 'a.md', theirs: 'b.md' });
  });
});

describe('conflict copies', () => {
  it('derive ids that fit the schema and do not collide', () => {
    const taken = new Set(['a-1', 'a-1.conflict']);
    assert.strictEqual(conflictCopyId('a-1', taken), 'a-1.conflict-2');
    assert.strictEqual(conflictCopyId('x'.repeat(64), new Set()).length, 64);
    assert.strictEqual(conflictCopyOf('a-1.conflict-2'), 'a-1');
    assert.strictEqual(conflictCopyOf('a-1'), undefined);
  });

  it('are reported as a warning by both parser paths, at the same place', () => {
    const text = serializeSidecar(sc(ann('a-1', 10, { note: 'ours' }), ann('a-1.conflict', 10, { note: 'theirs' })));
    const fast = parseSidecar('s.yaml', text, { maxBytes: 1e6 });
    const { yaml: _yaml, ...slow } = analyseSidecar('s.yaml', text, { maxBytes: 1e6 });
    assert.strictEqual(fast.readOnly, false);
    assert.deepStrictEqual(fast.problems, slow.problems);
    assert.strictEqual(fast.problems.length, 1);
    assert.match(fast.problems[0]!.message, /^merge conflict: annotation 'a-1'/);
    assert.strictEqual(fast.problems[0]!.severity, 'warning');
    const orphan = parseSidecar('s.yaml', serializeSidecar(sc(ann('a-1.conflict', 10))), { maxBytes: 1e6 });
    assert.match(orphan.problems[0]!.message, /rename its id to 'a-1'/);
  });
});

describe('mergeSidecarBytes', () => {
  const base = sc(ann('a-1', 10), ann('a-2', 20), ann('a-3', 30));

  it('reads only the base annotations it needs, and the whole base when the layout is unusual', () => {
    const text = serializeSidecar(base);
    assert.deepStrictEqual(readBaseAnnotations(text, new Set(['a-2']))!.annotations.map((a) => a.id), ['a-2']);
    assert.strictEqual(readBaseAnnotations(text.replace('  - id: a-2', '  - id: "a-2"'), new Set(['a-2'])), undefined);
    assert.strictEqual(readBaseAnnotations(`${text}extra: 1\n`, new Set(['a-2'])), undefined);
    // Deleted on their side, unchanged on ours: gone, whichever way the base was read.
    for (const b of [text, text.replace('  - id: a-2', '  - id: "a-2"')]) {
      const r = mergeSidecarBytes(enc(b), enc(base), enc(sc(ann('a-1', 10), ann('a-3', 30))), 'x', 1e7);
      assert.deepStrictEqual(parseSidecar('x', r.text!, { maxBytes: 1e7 }).annotations.map((a) => a.id), ['a-1', 'a-3']);
      assert.strictEqual(r.result!.annotations, 2);
    }
  });

  it('keeps our comments (written in place, as the editor saves)', () => {
    const ours = serializeSidecar(base).replace('annotations:\n', '# reviewed\nannotations:\n');
    const r = mergeSidecarBytes(enc(base), enc(ours), enc(sc(ann('a-1', 10, { note: 'theirs' }), ann('a-2', 20), ann('a-3', 30))), 'x', 1e7);
    assert.match(r.text!, /# reviewed\n/);
    assert.strictEqual(parseSidecar('x', r.text!, { maxBytes: 1e7 }).annotations[0]!.note, 'theirs');
  });

  it('refuses a side with errors', () => {
    assert.throws(() => mergeSidecarBytes(enc(base), enc('version: 1\ndocument: 3\nannotations: []\n'), enc(base), 'x', 1e7), MergeInputError);
  });
});

describe('git attributes for the driver', () => {
  it('adds the line once, keeping what is there', () => {
    assert.strictEqual(withDriverAttributes(''), '*.annotations.yaml merge=policy-lens\n');
    assert.strictEqual(withDriverAttributes('*.png binary'), '*.png binary\n*.annotations.yaml merge=policy-lens\n');
    const once = withDriverAttributes('*.png binary\r\n');
    assert.strictEqual(withDriverAttributes(once), once);
    assert.ok(!attributesNameDriver('# *.annotations.yaml merge=policy-lens\n'));
  });

  it('quotes paths for the shell git runs the driver with', () => {
    assert.strictEqual(shellQuote('/usr/bin/node'), '/usr/bin/node');
    assert.strictEqual(shellQuote("/home/o'brien/my tools/cli.js"), `'/home/o'\\''brien/my tools/cli.js'`);
    assert.strictEqual(driverCommandLine('/n', '/c d/cli.js'), "/n '/c d/cli.js' merge-driver %O %A %B %P");
  });
});
