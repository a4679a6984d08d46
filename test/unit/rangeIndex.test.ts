import * as assert from 'assert';
import fc from 'fast-check';
import { RangeIndex, type IndexedRange } from '../../src/core/annotations/rangeIndex';

/** What AnnotationStore.at did: every range, in insertion order, closed at both ends. */
function linear(ranges: ReadonlyMap<string, IndexedRange | 'orphaned'>, from: number, to = from): string[] {
  const out: string[] = [];
  for (const [id, r] of ranges) if (r !== 'orphaned' && Math.min(r.start, r.end) <= to && Math.max(r.start, r.end) >= from) out.push(id);
  return out;
}

const range = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat({ max: 2000 }), fc.nat({ max: 60 })).map(([s, l]): IndexedRange => ({ start: s, end: s + l })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 2000 }), fc.nat({ max: 2000 })).map(([s, l]): IndexedRange => ({ start: s, end: s + l })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 2000 }), fc.nat({ max: 60 })).map(([s, l]): IndexedRange => ({ start: s + l, end: s })) },
  { weight: 1, arbitrary: fc.constant('orphaned' as const) },
);

describe('annotations: range index (annotations under the cursor)', () => {
  it('finds exactly the ranges a linear scan finds, in the same order', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 300 }), fc.array(fc.integer({ min: -5, max: 4200 }), { minLength: 1, maxLength: 40 }), (list, offsets) => {
        const ranges = new Map(list.map((r, i) => [`a-${i}`, r]));
        const index = new RangeIndex(ranges);
        for (const o of offsets) {
          assert.deepStrictEqual(index.at(o), linear(ranges, o));
          assert.deepStrictEqual(index.overlapping(o, o + 25), linear(ranges, o, o + 25));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('handles no ranges, points, and ends touching the offset', () => {
    assert.deepStrictEqual(new RangeIndex<string>([]).at(3), []);
    const index = new RangeIndex([
      ['a', { start: 5, end: 5 }],
      ['b', { start: 0, end: 5 }],
      ['c', { start: 5, end: 9 }],
      ['d', 'orphaned'],
      ['e', undefined],
    ] as const);
    assert.strictEqual(index.size, 3);
    assert.deepStrictEqual(index.at(5), ['a', 'b', 'c']);
    assert.deepStrictEqual(index.at(4), ['b']);
    assert.deepStrictEqual(index.at(10), []);
  });

  // Its speed is a bench figure (hover), not a test: no test asserts wall-clock time.
  it('answers as a scan would: 10,000 annotations and a long one at the start', () => {
    const ranges = new Map<string, IndexedRange>([['long', { start: 0, end: 5_000_000 }]]);
    for (let i = 0; i < 10_000; i++) ranges.set(`a-${i}`, { start: i * 500, end: i * 500 + 120 });
    const index = new RangeIndex(ranges);
    assert.deepStrictEqual(index.at(250_010), ['long', 'a-500']);
    const scan = (offset: number): string[] => [...ranges].filter(([, r]) => r.start <= offset && offset <= r.end).map(([id]) => id);
    for (let k = 0; k < 2_000; k++) {
      const offset = (k * 7919) % 5_000_000;
      assert.deepStrictEqual([...index.at(offset)].sort(), scan(offset).sort(), `offset ${offset}`);
    }
  });
});
