import * as assert from 'assert';
import fc from 'fast-check';
import { readAgainstOurs } from '../../src/core/merge/blockReuse';
import { mergeSidecarBytes } from '../../src/core/merge/mergeTexts';
import type { Sidecar } from '../../src/core/sidecar/model';
import { fastAnalyse, parseSidecar } from '../../src/core/sidecar/parse';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { anySidecarArb } from '../sidecarArbitraries';

const ours = (text: string) => {
  const fast = fastAnalyse('ours', text, {});
  assert.ok(fast, 'our side is in the fast reader’s subset');
  return fast;
};
const full = (text: string): Sidecar | undefined => parseSidecar('theirs', text, { maxBytes: 1e9 }).sidecar;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The merge driver reads their side against ours (blockReuse.ts): it must read exactly what a full read does. */
describe('merge driver: their side read against ours', () => {
  it('reads what the full reader reads, for any two sidecars (shared, changed, added, removed blocks)', () => {
    let applied = 0;
    fc.assert(
      fc.property(anySidecarArb, anySidecarArb, fc.array(fc.nat(), { maxLength: 8 }), (a, b, keep) => {
        // Theirs: some of our annotations as they are, the others' from b.
        const mixed: Sidecar = { ...b, annotations: [...a.annotations.filter((_, i) => keep.includes(i)), ...b.annotations.filter((x) => !a.annotations.some((y) => y.id === x.id))] };
        const oursText = serializeSidecar(a);
        const theirsText = serializeSidecar(mixed);
        const fast = fastAnalyse('ours', oursText, {});
        if (!fast) return; // the merge driver reads our side with the full reader then, and theirs too
        const read = readAgainstOurs('theirs', theirsText, fast);
        // Whatever this path does not take (`annotations: []`, scalars outside the fast subset) the full reader reads.
        if (read === undefined) return;
        applied++;
        assert.deepStrictEqual(read, full(theirsText));
      }),
      { seed: 1010, numRuns: 200 },
    );
    assert.ok(applied > 20, `the path applied in ${applied} of 200 runs`);
  });

  it('gives up (the caller reads the whole file) on duplicate ids, other layouts and top-level keys after the list', () => {
    const a: Sidecar = { version: 1, document: 'd.md', annotations: [{ id: 'a-1', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 } }, codes: ['c'], created: '2025-01-01T00:00:00.000Z' }] };
    const text = serializeSidecar(a);
    const o = ours(text);
    const block = text.slice(text.indexOf('  - id:'));
    assert.strictEqual(readAgainstOurs('t', `${text}${block}`, o), undefined, 'duplicate id');
    assert.strictEqual(readAgainstOurs('t', text.replace('  - id: a-1', '  -\n    id: a-1'), o), undefined, 'the dash on its own line');
    assert.strictEqual(readAgainstOurs('t', `${text}extra: 1\n`, o), undefined, 'a key after the list');
    assert.strictEqual(readAgainstOurs('t', text.slice(0, -1), o), undefined, 'no final line break');
    assert.deepStrictEqual(readAgainstOurs('t', text, o), full(text), 'every block ours');
    assert.deepStrictEqual(readAgainstOurs('t', text.replace(/\n/g, '\r\n'), o), full(text), 'CRLF reads as LF');
  });

  it('a broken block of theirs is still refused by the merge, with its error', () => {
    const a: Sidecar = { version: 1, document: 'd.md', annotations: [{ id: 'a-1', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 } }, codes: ['c'], created: '2025-01-01T00:00:00.000Z' }] };
    const text = serializeSidecar(a);
    const broken = `${text}  - id: a-2\n    codes: 7\n`;
    assert.throws(() => mergeSidecarBytes(bytes(text), bytes(text), bytes(broken), 'd.md.annotations.yaml', 1e9), /their version has errors/);
  });
});
