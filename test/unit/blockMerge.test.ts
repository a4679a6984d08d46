import * as assert from 'assert';
import fc from 'fast-check';
import { blockMerge } from '../../src/core/merge/blockMerge';
import { mergeSidecarBytes } from '../../src/core/merge/mergeTexts';
import type { Annotation, Sidecar } from '../../src/core/sidecar/model';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { anySidecarArb } from '../sidecarArbitraries';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const ann = (id: string, start: number, note?: string): Annotation => ({
  id,
  target: { quote: { exact: `passage ${id}`, prefix: '', suffix: '' }, position: { start, end: start + 9 } },
  codes: ['sovereignty'],
  ...(note === undefined ? {} : { note }),
  created: '2025-07-01T00:00:00.000Z',
});
const sc = (...annotations: Annotation[]): Sidecar => ({ version: 1, document: 'plan.policy.md', annotations });
const full = (b: string, o: string, t: string) => mergeSidecarBytes(bytes(b), bytes(o), bytes(t), 'x.annotations.yaml', 1e9, { blocks: false });
const merged = (b: string, o: string, t: string) => mergeSidecarBytes(bytes(b), bytes(o), bytes(t), 'x.annotations.yaml', 1e9);

/** The merge on blocks (blockMerge.ts) must write exactly what the merge of whole files writes. */
describe('merge driver: the merge on blocks', () => {
  it('writes the text the whole-file merge writes, for any three related sidecars', () => {
    let applied = 0;
    fc.assert(
      fc.property(anySidecarArb, anySidecarArb, fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 4 }), (base, extra, keepO, keepT, edit) => {
        const pick = (keep: number[]) => base.annotations.filter((_, i) => !keep.includes(i));
        const edited = (list: Annotation[], tag: string) => list.map((a, i) => (edit.includes(i) ? { ...a, note: `${tag} ${i}` } : a));
        const ours: Sidecar = { ...base, annotations: edited(pick(keepO), 'ours') };
        const half = Math.ceil(extra.annotations.length / 2);
        const fresh = extra.annotations.filter((x) => !base.annotations.some((y) => y.id === x.id));
        const theirs: Sidecar = { ...base, annotations: [...edited(pick(keepT).reverse(), 'theirs').reverse(), ...fresh.slice(0, half)] };
        ours.annotations.push(...fresh.slice(half));
        const [b, o, t] = [base, ours, theirs].map(serializeSidecar) as [string, string, string];
        const done = blockMerge(b, o, t);
        if (!done) return; // conflicts, scalars outside the fast subset, `annotations: []`: the whole files are merged
        applied++;
        const whole = full(b, o, t);
        assert.strictEqual(done.text, whole.text);
        assert.strictEqual(done.annotations, whole.result!.annotations);
        assert.deepStrictEqual(done.kept, whole.result!.kept);
      }),
      { seed: 2026, numRuns: 200 },
    );
    assert.ok(applied > 30, `the path applied in ${applied} of 200 runs`);
  });

  it('reads only the blocks the sides hold differently: a block both hold alike is carried over unread', () => {
    const base = serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20), ann('a-3', 30)));
    // A hand-written value the fast reader would refuse, alike on both sides: carried over as it is.
    const odd = base.replace('exact: passage a-1', 'exact: !!str passage a-1');
    const theirs = serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20, 'theirs'), ann('a-3', 30))).replace('exact: passage a-1', 'exact: !!str passage a-1');
    const done = blockMerge(base, odd, theirs);
    assert.ok(done);
    assert.ok(done.text.includes('exact: !!str passage a-1') && done.text.includes('note: theirs'));
  });

  it('steps aside where a comment sits above a block that changes, goes or gets a new neighbour', () => {
    const base = serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20), ann('a-3', 30)));
    const commented = base.replace('  - id: a-2', '  # about a-2\n  - id: a-2');
    const theirs = serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20, 'theirs'), ann('a-3', 30)));
    assert.strictEqual(blockMerge(base, commented, theirs), undefined, 'a-2 changes');
    assert.strictEqual(blockMerge(base, commented, serializeSidecar(sc(ann('a-1', 10), ann('a-3', 30)))), undefined, 'a-2 goes');
    assert.strictEqual(blockMerge(base, commented, serializeSidecar(sc(ann('a-1', 10), ann('a-9', 15), ann('a-2', 20), ann('a-3', 30)))), undefined, 'a-9 lands above a-2');
    // Elsewhere (the comment on both sides, as it came from the base) it stays where it is, and the result is the whole-file merge's.
    const away = serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20), ann('a-3', 30, 'theirs'))).replace('  - id: a-2', '  # about a-2\n  - id: a-2');
    const done = blockMerge(commented, commented, away);
    assert.ok(done);
    assert.strictEqual(done.text, full(commented, commented, away).text);
    assert.ok(done.text.includes('  # about a-2\n  - id: a-2'));
    // And the driver's result is the same whichever path took it.
    assert.strictEqual(merged(base, commented, theirs).text, full(base, commented, theirs).text);
  });

  it('steps aside on a conflict, a new document:, our list out of order, or an empty result', () => {
    const base = serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20)));
    const o = serializeSidecar(sc(ann('a-1', 10, 'ours'), ann('a-2', 20)));
    assert.strictEqual(blockMerge(base, o, serializeSidecar(sc(ann('a-1', 10, 'theirs'), ann('a-2', 20)))), undefined, 'conflict');
    assert.strictEqual(blockMerge(base, o, base.replace('document: plan.policy.md', 'document: other.md')), undefined, 'document');
    const unsorted = `${base.slice(0, base.indexOf('  - id: a-1'))}${base.slice(base.indexOf('  - id: a-2'))}${base.slice(base.indexOf('  - id: a-1'), base.indexOf('  - id: a-2'))}`;
    assert.strictEqual(blockMerge(base, unsorted, serializeSidecar(sc(ann('a-1', 10), ann('a-2', 20), ann('a-3', 30)))), undefined, 'out of order');
    assert.strictEqual(blockMerge(base, serializeSidecar(sc(ann('a-1', 10))), serializeSidecar(sc(ann('a-2', 20)))), undefined, 'nothing left');
    assert.strictEqual(blockMerge(base, o.replace(/\n/g, '\r\n'), base), undefined, 'CRLF');
  });

  it('a broken block of theirs is still refused, with its error', () => {
    const base = serializeSidecar(sc(ann('a-1', 10)));
    assert.throws(() => merged(base, base, `${base}  - id: a-2\n    codes: 7\n`), /their version has errors/);
  });
});
