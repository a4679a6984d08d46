import * as assert from 'assert';
import fc from 'fast-check';
import { formatProblem } from '../../src/core/data/problem';
import { parseSidecar, renderAnnotationItem, sameAnnotation, serializeSidecar, sortAnnotations, updateSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar/api';
import { annotations, sidecarArb, text } from '../sidecarArbitraries';

function reparse(text: string): Sidecar {
  const r = parseSidecar('prop.yaml', text, { maxBytes: 100 * 1024 * 1024 });
  assert.deepStrictEqual(r.problems.map(formatProblem), [], text);
  assert.ok(r.sidecar);
  return r.sidecar;
}

describe('sidecar round trips (property tests)', function () {
  this.timeout(120_000);

  it('serialize → parse gives the same data, from text and from UTF-8 bytes', () => {
    fc.assert(
      fc.property(sidecarArb, (s) => {
        const out = serializeSidecar(s);
        const expected = { ...s, annotations: sortAnnotations(s.annotations) };
        assert.deepStrictEqual(reparse(out), expected);
        const fromBytes = parseSidecar('prop.yaml', new Uint8Array(Buffer.from(out, 'utf8')), { maxBytes: 1e8 });
        assert.deepStrictEqual(fromBytes.sidecar, expected);
        assert.strictEqual(serializeSidecar(expected), out, 'deterministic');
      }),
      { numRuns: 400 },
    );
  });

  it('a single tricky string in every field position round-trips', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a: Annotation = {
          id: 'a-0000000001',
          target: { quote: { exact: t || '.', prefix: t, suffix: t }, position: { start: 0, end: 1 } },
          codes: [],
          note: t,
          links: [{ document: 'x.md', relation: 'aligned', note: t }],
          author: t,
          created: '2025-07-23',
        };
        assert.deepStrictEqual(reparse(serializeSidecar({ version: 1, document: 'x.md', annotations: [a] })).annotations, [a]);
      }),
      { numRuns: 3000 },
    );
  });

  it('updateSidecarText: random additions, changes and deletions on a commented file read back exactly, untouched blocks kept', () => {
    const scenario = fc.record({
      before: sidecarArb,
      keep: fc.array(fc.constantFrom('keep', 'keep', 'delete', 'note', 'codes', 'move', 'links', 'drop-optional'), { minLength: 8, maxLength: 8 }),
      added: annotations(4),
      changedNote: text,
      comment: fc.boolean(),
    });
    fc.assert(
      fc.property(scenario, ({ before, keep, added, changedNote, comment }) => {
        let original = serializeSidecar(before);
        if (comment) {
          // Hand-written comments: a header, and one above each annotation.
          original = original.replace(/^annotations:/m, '# analysts: keep notes short\nannotations:').replace(/^  - id: (a-\w+)$/gm, '  # about $1\n  - id: $1');
        }
        const nextAnnotations: Annotation[] = [];
        sortAnnotations(before.annotations).forEach((a, i) => {
          const what = keep[i % keep.length]!;
          if (what === 'delete') return;
          if (what === 'note') nextAnnotations.push({ ...a, note: changedNote });
          else if (what === 'codes') nextAnnotations.push({ ...a, codes: [...a.codes.slice(1), 'new-code'].filter((c, j, all) => all.indexOf(c) === j) });
          else if (what === 'move') nextAnnotations.push({ ...a, target: { ...a.target, position: { start: a.target.position.start + 1_000_000, end: a.target.position.end + 1_000_000 } } });
          else if (what === 'links') nextAnnotations.push({ ...a, links: [{ provision: 'us-1.2', relation: 'aligned' }] });
          else if (what === 'drop-optional') nextAnnotations.push({ id: a.id, target: a.target, codes: a.codes, created: a.created });
          else nextAnnotations.push(a);
        });
        const taken = new Set(nextAnnotations.map((a) => a.id));
        for (const a of added) if (!taken.has(a.id)) nextAnnotations.push(a);
        const next: Sidecar = { version: 1, document: before.document, annotations: nextAnnotations };

        const u = updateSidecar(original, next);
        assert.notStrictEqual(u.mode, 'rewritten', 'edited in place');
        assert.deepStrictEqual(sortAnnotations(reparse(u.text).annotations), sortAnnotations(next.annotations));
        for (const a of before.annotations) {
          const same = next.annotations.find((b) => b.id === a.id);
          if (same && sameAnnotation(a, same)) {
            assert.ok(u.text.includes(renderAnnotationItem(a, 2)), `untouched ${a.id} kept as it was`);
            if (comment) assert.ok(u.text.includes(`  # about ${a.id}\n  - id: ${a.id}\n`), `comment above ${a.id} kept`);
          }
        }
        if (comment) assert.ok(u.text.includes('# analysts: keep notes short\nannotations:'));
      }),
      { numRuns: 300 },
    );
  });
});
