import * as assert from 'assert';
import fc from 'fast-check';
import { formatProblem } from '../../src/core/data/problem';
import {
  parseSidecar,
  renderAnnotationItem,
  sameAnnotation,
  serializeSidecar,
  sortAnnotations,
  updateSidecar,
  type Annotation,
  type AnnotationLink,
  type Sidecar,
} from '../../src/core/sidecar/api';

// Text as analysts' quotes and notes have it, and as YAML likes least: spaces at line starts,
// line breaks of every kind, indicators, comment and document markers, quotes, unicode.
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(' ', '  ', '   ', '\n', '\n\n', '\t', '#', ' #', '# ', ':', ': ', '- ', '-', '---', '...', '--- x', '"', "'", '\\', '|', '>', '|-', '{', '}', '[', ']', '&a', '*a', '!', '!!str', '%', '@', '`', ',', '?', '? ', '<<', '~', 'null', 'true', 'no', '0x1F', '1e3', '012', '2025-01-01', '\r\n', '\r', '\u0085', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u200b', '\u0000', '\u0007', '\u001b', '\u007f', 'é', '中文', '😀', 'e\u0301', 'Pillar II:', '(1)', '一、') },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 4, arbitrary: fc.constantFrom('international cooperation', 'open-source models', 'AI', 'the Global South', 'export controls') },
);
const text = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));
const nonEmptyText = text.filter((t) => t.length > 0);
const code = fc.oneof(fc.constantFrom('sovereignty', 'open-source', 'safety-security', 'team:capacity'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => /^\S+$/u.test(s)));
const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const timestamp = fc.oneof(isoDate, isoDate.map((s) => s.slice(0, 10)), isoDate.map((s) => s.slice(0, 19) + '+02:00'));
const relPath = fc.constantFrom('other.policy.md', '../cn/plan.txt', 'a b/ünïcode.policy.md', 'x.md');
const link: fc.Arbitrary<AnnotationLink> = fc
  .record(
    {
      plan: fc.constantFrom('us-ai-action-plan-2025', 'cn-global-ai-governance-2025'),
      provision: fc.constantFrom('us-1.2', 'cn-3'),
      document: relPath,
      annotation: fc.stringMatching(/^a-[0-9a-z]{10}$/),
      relation: fc.constantFrom('aligned', 'contrasting', 'partial', 'team_defined-2'),
      note: text,
    },
    { requiredKeys: ['relation'], noNullPrototype: true },
  )
  .filter((l) => l.plan !== undefined || l.provision !== undefined || l.document !== undefined || l.annotation !== undefined);

const annotationBody = fc.record(
  {
    target: fc.record({
      quote: fc.record({ exact: nonEmptyText, prefix: text, suffix: text }),
      position: fc.tuple(fc.nat({ max: 5_000_000 }), fc.nat({ max: 5000 })).map(([start, len]) => ({ start, end: start + len })),
    }),
    codes: fc.uniqueArray(code, { maxLength: 4 }),
    note: text,
    links: fc.array(link, { maxLength: 3 }),
    author: text,
    created: timestamp,
    modified: timestamp,
  },
  { requiredKeys: ['target', 'codes', 'created'], noNullPrototype: true },
);

const ids = (min: number, max: number) => fc.uniqueArray(fc.stringMatching(/^a-[0-9a-z]{10}$/), { minLength: min, maxLength: max });
/** Plain objects, as a parser gives (fast-check's records may have a null prototype). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const annotations = (max: number) =>
  ids(0, max).chain((idList) => fc.tuple(...idList.map(() => annotationBody)).map((bodies) => plain(bodies.map((b, i) => ({ id: idList[i]!, ...b }) as Annotation))));
const sidecarArb: fc.Arbitrary<Sidecar> = fc.record({ version: fc.constant(1 as const), document: relPath, annotations: annotations(8) });

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
