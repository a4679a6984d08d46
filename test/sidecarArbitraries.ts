import fc from 'fast-check';
import type { Annotation, AnnotationLink, Sidecar } from '../src/core/sidecar/api';

/**
 * Random sidecars for property tests. `text`: strings as analysts' quotes and notes have them, and as
 * YAML likes least: spaces at line starts, line breaks of every kind, indicators, comment and document
 * markers, quotes, unicode. `proseText`: what most real quotes and notes are (words, punctuation, quotes,
 * line breaks), which the fast reader must read without falling back.
 */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(' ', '  ', '   ', '\n', '\n\n', '\t', '#', ' #', '# ', ':', ': ', '- ', '-', '---', '...', '--- x', '"', "'", '\\', '|', '>', '|-', '{', '}', '[', ']', '&a', '*a', '!', '!!str', '%', '@', '`', ',', '?', '? ', '<<', '~', 'null', 'true', 'no', '0x1F', '1e3', '012', '2025-01-01', '\r\n', '\r', '\u0085', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u200b', '\u0000', '\u0007', '\u001b', '\u007f', 'é', '中文', '😀', 'e\u0301', 'Pillar II:', '(1)', '一、') },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 4, arbitrary: fc.constantFrom('international cooperation', 'open-source models', 'AI', 'the Global South', 'export controls') },
);
export const text = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));

const prosePiece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('the', 'plan', 'shall', 'promote', 'international', 'cooperation', 'AI', 'open-source', 'models', 'Global South', 'export', 'controls', '2025', '1.2', 'U.S.', 'e.g.', 'é', '中文', '😀') },
  { weight: 6, arbitrary: fc.constantFrom(' ', ' ', ' ', ', ', '. ', '; ', ': ', ' — ', '-', '(', ')', '"', "'", '’', '“', '”', '?', '!', '/', '%', '#', '&', '*', '[1]', ' #2', '\n', '\n\n', '\n  ', '  ', '\t', ' \n', '\n ') },
);
export const proseText = fc.array(prosePiece, { maxLength: 30 }).map((parts) => parts.join(''));

const code = fc.oneof(fc.constantFrom('sovereignty', 'open-source', 'safety-security', 'team:capacity'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => /^\S+$/u.test(s)));
const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const timestamp = fc.oneof(isoDate, isoDate.map((s) => s.slice(0, 10)), isoDate.map((s) => s.slice(0, 19) + '+02:00'));
const relPath = fc.constantFrom('other.policy.md', '../cn/plan.txt', 'a b/ünïcode.policy.md', 'x.md', '---x.md', 'true', '1.5', "it's.md", 'x y: z.md', '#x.md');

function linkOf(s: fc.Arbitrary<string>): fc.Arbitrary<AnnotationLink> {
  return fc
    .record(
      {
        plan: fc.constantFrom('us-ai-action-plan-2025', 'cn-global-ai-governance-2025'),
        provision: fc.constantFrom('us-1.2', 'cn-3'),
        document: relPath,
        annotation: fc.stringMatching(/^a-[0-9a-z]{10}$/),
        relation: fc.constantFrom('aligned', 'contrasting', 'partial', 'team_defined-2'),
        note: s,
      },
      { requiredKeys: ['relation'], noNullPrototype: true },
    )
    .filter((l) => l.plan !== undefined || l.provision !== undefined || l.document !== undefined || l.annotation !== undefined);
}

function bodyOf(s: fc.Arbitrary<string>) {
  return fc.record(
    {
      target: fc.record({
        quote: fc.record({ exact: s.filter((t) => t.length > 0), prefix: s, suffix: s }),
        position: fc.tuple(fc.nat({ max: 5_000_000 }), fc.nat({ max: 5000 })).map(([start, len]) => ({ start, end: start + len })),
      }),
      codes: fc.uniqueArray(code, { maxLength: 4 }),
      note: s,
      links: fc.array(linkOf(s), { maxLength: 3 }),
      author: s,
      created: timestamp,
      modified: timestamp,
    },
    { requiredKeys: ['target', 'codes', 'created'], noNullPrototype: true },
  );
}

const ids = (min: number, max: number) => fc.uniqueArray(fc.stringMatching(/^a-[0-9a-z]{10}$/), { minLength: min, maxLength: max });
/** Plain objects, as a parser gives (fast-check's records may have a null prototype). */
export const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function annotationsOf(s: fc.Arbitrary<string>, max: number): fc.Arbitrary<Annotation[]> {
  const body = bodyOf(s);
  return ids(0, max).chain((idList) => fc.tuple(...idList.map(() => body)).map((bodies) => plain(bodies.map((b, i) => ({ id: idList[i]!, ...b }) as Annotation))));
}

/** Annotations with the hardest strings. */
export const annotations = (max: number): fc.Arbitrary<Annotation[]> => annotationsOf(text, max);
/** Annotations with ordinary prose. */
export const proseAnnotations = (max: number): fc.Arbitrary<Annotation[]> => annotationsOf(proseText, max);

export const sidecarArb: fc.Arbitrary<Sidecar> = fc.record({ version: fc.constant(1 as const), document: relPath, annotations: annotations(8) });
export const proseSidecarArb: fc.Arbitrary<Sidecar> = fc.record({ version: fc.constant(1 as const), document: relPath, annotations: proseAnnotations(8) });
/** Both kinds, and a mix of their annotations. */
export const anySidecarArb: fc.Arbitrary<Sidecar> = fc.oneof(sidecarArb, proseSidecarArb, fc.tuple(sidecarArb, proseSidecarArb).map(([a, b]) => {
  const taken = new Set(a.annotations.map((x) => x.id));
  return { ...a, annotations: [...a.annotations, ...b.annotations.filter((x) => !taken.has(x.id))] };
}));
