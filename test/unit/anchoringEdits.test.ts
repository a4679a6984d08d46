import * as assert from 'assert';
import fc from 'fast-check';
import { mapRange, type OffsetRange } from '../../src/core/anchoring/mapRange';
import { applyEdits, trimEdit, type TextEdit } from '../../src/core/anchoring/textEdit';

/**
 * The naive model of live tracking: the document as a list of characters, each knowing whether it belongs
 * to the annotation. An edit deletes characters, then inserts new ones at its start, which belong to the
 * annotation only when they land strictly inside it (a member character on both sides).
 */
class NaiveDocument {
  private chars: Array<{ c: string; member: boolean }>;

  constructor(text: string, range: OffsetRange) {
    this.chars = [...text].map((c, i) => ({ c, member: i >= range.start && i < range.end }));
  }

  apply(edit: TextEdit): void {
    const start = Math.max(0, Math.min(edit.start, this.chars.length));
    const end = Math.max(start, Math.min(edit.end, this.chars.length));
    this.chars.splice(start, end - start);
    const inside = start > 0 && start < this.chars.length && this.chars[start - 1]!.member && this.chars[start]!.member;
    this.chars.splice(start, 0, ...[...edit.text].map((c) => ({ c, member: inside })));
  }

  get text(): string {
    return this.chars.map((x) => x.c).join('');
  }

  /** The annotation's span, or 'orphaned' when none of its characters is left. */
  get range(): OffsetRange | 'orphaned' {
    const first = this.chars.findIndex((x) => x.member);
    if (first < 0) return 'orphaned';
    let last = first;
    for (let i = first; i < this.chars.length; i++) if (this.chars[i]!.member) last = i;
    for (let i = first; i <= last; i++) assert.ok(this.chars[i]!.member, 'the model keeps annotations contiguous');
    return { start: first, end: last + 1 };
  }

  get memberText(): string {
    return this.chars.filter((x) => x.member).map((x) => x.c).join('');
  }
}

// Texts over a small alphabet (so that edits often repeat the surrounding characters) and ASCII-only, so
// that UTF-16 offsets and the model's characters coincide.
const textArb = fc.array(fc.constantFrom('a', 'b', ' ', '\n', 'x'), { maxLength: 60 }).map((a) => a.join(''));
const insertArb = fc.array(fc.constantFrom('a', 'b', ' ', 'y'), { maxLength: 8 }).map((a) => a.join(''));

/** An edit described relative to whatever document it is applied to: insertion, deletion or replacement. */
interface EditSpec {
  kind: 'insert' | 'delete' | 'replace';
  at: number;
  length: number;
  text: string;
}
const editSpecArb: fc.Arbitrary<EditSpec> = fc.record({
  kind: fc.constantFrom('insert' as const, 'delete' as const, 'replace' as const),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 20 }),
  text: insertArb,
});

function resolve(spec: EditSpec, length: number): TextEdit {
  const start = spec.at % (length + 1);
  const end = spec.kind === 'insert' ? start : Math.min(length, start + spec.length);
  const text = spec.kind === 'delete' ? '' : spec.text;
  return { start, end, text };
}

/** A batch applied in order, each edit against the document left by the previous ones. */
function sequentialBatch(specs: readonly EditSpec[], length: number): TextEdit[] {
  const batch: TextEdit[] = [];
  let len = length;
  for (const spec of specs) {
    const edit = resolve(spec, len);
    batch.push(edit);
    len += edit.text.length - (edit.end - edit.start);
  }
  return batch;
}

/**
 * A multi-cursor batch as VS Code reports it: non-overlapping edits all expressed against the same document,
 * listed from the end of the document backwards (so that applying them in order is valid).
 */
function simultaneousBatch(specs: readonly EditSpec[], length: number): TextEdit[] {
  const edits = specs.map((s) => resolve(s, length)).sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let from = -1;
  for (const e of edits) {
    if (e.start > from) {
      kept.push(e);
      from = e.end;
    }
  }
  return kept.reverse();
}

const scenarioArb = fc
  .record({
    text: textArb,
    ranges: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
    batches: fc.array(
      fc.record({ simultaneous: fc.boolean(), specs: fc.array(editSpecArb, { minLength: 1, maxLength: 5 }) }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .filter((s) => s.text.length > 0);

function rangesOf(text: string, pairs: ReadonlyArray<[number, number]>): OffsetRange[] {
  return pairs.map(([a, b]) => {
    const start = a % text.length;
    const end = start + 1 + (b % (text.length - start));
    return { start, end };
  });
}

describe('anchoring: live edit tracking (mapRange)', () => {
  const track = (range: OffsetRange, edits: TextEdit[]): OffsetRange | 'orphaned' => mapRange(range, edits);

  it('shifts a range after an insertion or deletion before it, and leaves it alone after one behind it', () => {
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 2, end: 2, text: 'abc' }]), { start: 13, end: 23 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 2, end: 6, text: '' }]), { start: 6, end: 16 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 25, end: 30, text: 'zz' }]), { start: 10, end: 20 });
  });

  it('extends a range for text inserted strictly inside it', () => {
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 15, end: 15, text: 'abc' }]), { start: 10, end: 23 });
  });

  it('does not extend a range for text inserted exactly at its start or end', () => {
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 10, end: 10, text: 'abc' }]), { start: 13, end: 23 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 20, end: 20, text: 'abc' }]), { start: 10, end: 20 });
  });

  it('shrinks a range for deletions overlapping part of it; a replacement text there stays outside', () => {
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 5, end: 12, text: '' }]), { start: 5, end: 13 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 18, end: 25, text: '' }]), { start: 10, end: 18 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 12, end: 15, text: '' }]), { start: 10, end: 17 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 5, end: 12, text: 'XY' }]), { start: 7, end: 15 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 18, end: 25, text: 'XY' }]), { start: 10, end: 18 });
    assert.deepStrictEqual(track({ start: 10, end: 20 }, [{ start: 12, end: 15, text: 'XY' }]), { start: 10, end: 19 });
  });

  it('orphans a range whose text is all deleted, by a deletion or a replacement', () => {
    assert.strictEqual(track({ start: 10, end: 20 }, [{ start: 10, end: 20, text: '' }]), 'orphaned');
    assert.strictEqual(track({ start: 10, end: 20 }, [{ start: 5, end: 25, text: 'new text' }]), 'orphaned');
    // Deleted piece by piece across one batch.
    const twoSteps = [
      { start: 15, end: 20, text: '' },
      { start: 8, end: 15, text: '' },
    ];
    assert.strictEqual(track({ start: 10, end: 20 }, twoSteps), 'orphaned');
  });

  it('applies a batch in order, each edit against the document left by the previous ones', () => {
    // Typing "ab" at two cursors, as VS Code reports it (the later cursor first).
    const text = '0123456789';
    const batch: TextEdit[] = [
      { start: 8, end: 8, text: 'ab' },
      { start: 3, end: 3, text: 'ab' },
    ];
    const after = applyEdits(text, batch);
    assert.strictEqual(after, '012ab34567ab89');
    const range = mapRange({ start: 2, end: 9 }, batch);
    assert.deepStrictEqual(range, { start: 2, end: 13 });
    assert.strictEqual(after.slice(2, 13), '2ab34567ab8');
  });

  it('treats an empty range as a point that is never orphaned', () => {
    assert.deepStrictEqual(track({ start: 5, end: 5 }, [{ start: 5, end: 5, text: 'abc' }]), { start: 5, end: 5 });
    assert.deepStrictEqual(track({ start: 5, end: 5 }, [{ start: 2, end: 8, text: '' }]), { start: 2, end: 2 });
    assert.deepStrictEqual(track({ start: 5, end: 5 }, [{ start: 1, end: 2, text: '' }]), { start: 4, end: 4 });
  });

  it('clamps the range and the edits into the document when its length is given', () => {
    assert.deepStrictEqual(mapRange({ start: 8, end: 50 }, [{ start: 40, end: 60, text: 'x' }], 10), { start: 8, end: 10 });
    assert.deepStrictEqual(mapRange({ start: 2, end: 6 }, [{ start: 5, end: 3, text: '' }], 10), { start: 2, end: 4 });
  });

  it('property: follows random edit sequences exactly as the naive model, never leaving the document', () => {
    fc.assert(
      fc.property(scenarioArb, ({ text, ranges: pairs, batches }) => {
        const ranges = rangesOf(text, pairs);
        const models = ranges.map((r) => new NaiveDocument(text, r));
        let current = text;
        let tracked: Array<OffsetRange | 'orphaned'> = ranges;
        for (const { simultaneous, specs } of batches) {
          const batch = simultaneous ? simultaneousBatch(specs, current.length) : sequentialBatch(specs, current.length);
          const before = current.length;
          current = applyEdits(current, batch);
          tracked = tracked.map((r) => (r === 'orphaned' ? r : mapRange(r, batch, before)));
          for (const m of models) for (const e of batch) m.apply(e);
          for (const [i, r] of tracked.entries()) {
            const model = models[i]!;
            assert.strictEqual(model.text, current);
            // Never lost: a range or 'orphaned', and orphaned exactly when all of its text was deleted.
            assert.deepStrictEqual(r, model.range);
            if (r !== 'orphaned') {
              assert.ok(r.start >= 0 && r.start <= r.end && r.end <= current.length, 'inside the document');
              assert.ok(r.end > r.start, 'a live range is never empty');
              assert.strictEqual(current.slice(r.start, r.end), model.memberText);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: mapping batch by batch equals mapping the whole sequence at once, with or without the length', () => {
    fc.assert(
      fc.property(scenarioArb, ({ text, ranges: pairs, batches }) => {
        let current = text;
        const all: TextEdit[] = [];
        const stepwise = rangesOf(text, pairs).map((r) => ({ start: r.start, end: r.end }) as OffsetRange | 'orphaned');
        for (const { specs } of batches) {
          const batch = sequentialBatch(specs, current.length);
          current = applyEdits(current, batch);
          all.push(...batch);
          for (let i = 0; i < stepwise.length; i++) {
            const r = stepwise[i]!;
            stepwise[i] = r === 'orphaned' ? r : mapRange(r, batch);
          }
        }
        const atOnce = rangesOf(text, pairs).map((r) => mapRange(r, all, text.length));
        assert.deepStrictEqual(stepwise, atOnce);
      }),
      { numRuns: 300 },
    );
  });

  it('property: stays inside the document even for edits with offsets out of range', () => {
    const offset = fc.integer({ min: -10, max: 100 });
    const wildEdit = fc.record({ start: offset, end: offset, text: insertArb });
    fc.assert(
      fc.property(textArb, offset, offset, fc.array(wildEdit, { maxLength: 6 }), (text, a, b, edits) => {
        const r = mapRange({ start: a, end: b }, edits, text.length);
        const after = applyEdits(text, edits);
        if (r !== 'orphaned') assert.ok(r.start >= 0 && r.start <= r.end && r.end <= after.length);
      }),
    );
  });
});

describe('anchoring: text edits', () => {
  it('applies edits in order with offsets clamped into the text', () => {
    assert.strictEqual(applyEdits('hello world', [{ start: 6, end: 11, text: 'there' }]), 'hello there');
    assert.strictEqual(applyEdits('abc', [{ start: 5, end: 9, text: '!' }]), 'abc!');
    assert.strictEqual(applyEdits('abcdef', [{ start: 4, end: 2, text: '' }]), 'abef');
  });

  it('trims the unchanged head and tail of a replacement', () => {
    const before = 'The quick brown fox jumps.';
    assert.deepStrictEqual(trimEdit(before, { start: 0, end: before.length, text: 'The quick red fox jumps.' }), {
      start: 10,
      end: 15,
      text: 'red',
    });
    assert.deepStrictEqual(trimEdit('aaa', { start: 0, end: 3, text: 'aaaa' }), { start: 3, end: 3, text: 'a' });
    assert.deepStrictEqual(trimEdit('abc', { start: 1, end: 2, text: 'b' }), { start: 2, end: 2, text: '' });
  });

  it('property: a trimmed edit gives the same text, and keeps annotations a formatter would orphan', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), insertArb, (text, a, b, inserted) => {
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const edit = { start, end, text: inserted };
        const trimmed = trimEdit(text, edit);
        assert.strictEqual(applyEdits(text, [trimmed]), applyEdits(text, [edit]));
        assert.ok(trimmed.end - trimmed.start <= end - start && trimmed.text.length <= inserted.length);
      }),
    );
    const text = 'keep this annotated sentence intact';
    const whole = { start: 0, end: text.length, text: text.replace('this', 'that') };
    assert.strictEqual(mapRange({ start: 10, end: 28 }, [whole]), 'orphaned');
    const range = mapRange({ start: 10, end: 28 }, [trimEdit(text, whole)]);
    assert.deepStrictEqual(range, { start: 10, end: 28 });
    assert.strictEqual(applyEdits(text, [whole]).slice(10, 28), 'annotated sentence');
  });
});
