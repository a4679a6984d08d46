import * as assert from 'assert';
import { formatProblem } from '../../src/core/data/problem';
import {
  mergeSidecars,
  newAnnotationId,
  parseSidecar,
  serializeSidecar,
  SIDECAR_SCHEMA,
  updateSidecar,
  updateSidecarText,
  type Annotation,
  type Sidecar,
} from '../../src/core/sidecar/api';

const LIMITS = { maxBytes: 10 * 1024 * 1024 };

function ann(id: string, start: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    target: { quote: { exact: `text of ${id}`, prefix: 'before ', suffix: ' after' }, position: { start, end: start + 12 } },
    codes: ['sovereignty'],
    created: '2025-07-23T10:00:00.000Z',
    ...extra,
  };
}

function sidecar(...annotations: Annotation[]): Sidecar {
  return { version: 1, document: 'plan.policy.md', annotations };
}

function parseOk(text: string): Sidecar {
  const r = parseSidecar('s.yaml', text, LIMITS);
  assert.deepStrictEqual(r.problems.map(formatProblem), []);
  assert.strictEqual(r.readOnly, false);
  assert.ok(r.sidecar);
  return r.sidecar;
}

describe('sidecar: ids, schema, serialisation', () => {
  it('makes ids of a- and 10 base32 characters, unique, reproducible from a seeded random', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newAnnotationId()));
    assert.strictEqual(ids.size, 2000);
    for (const id of ids) assert.match(id, /^a-[0-9a-hjkmnp-tv-z]{10}$/);
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const first = newAnnotationId(random);
    seed = 7;
    assert.strictEqual(newAnnotationId(random), first);
  });

  it('has a draft-07 JSON Schema', () => {
    const schema = SIDECAR_SCHEMA as { $schema: string; required: string[] };
    assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepStrictEqual(schema.required, ['version', 'document', 'annotations']);
  });

  it('writes version first, annotations in document order, keys in a fixed order, block style', () => {
    const a = ann('a-bbbbbbbbbb', 50, { modified: '2025-07-24', author: 'Ana', note: 'two\nlines', links: [{ relation: 'aligned', provision: 'us-1.2', plan: 'us-ai-action-plan-2025' }] });
    const text = serializeSidecar(sidecar(a, ann('a-cccccccccc', 10), ann('a-aaaaaaaaaa', 50)));
    assert.strictEqual(
      text,
      [
        'version: 1',
        'document: plan.policy.md',
        'annotations:',
        '  - id: a-cccccccccc',
        '    target:',
        '      quote:',
        '        exact: text of a-cccccccccc',
        '        prefix: "before "',
        '        suffix: " after"',
        '      position:',
        '        start: 10',
        '        end: 22',
        '    codes:',
        '      - sovereignty',
        '    created: 2025-07-23T10:00:00.000Z',
        '  - id: a-aaaaaaaaaa',
        '    target:',
        '      quote:',
        '        exact: text of a-aaaaaaaaaa',
        '        prefix: "before "',
        '        suffix: " after"',
        '      position:',
        '        start: 50',
        '        end: 62',
        '    codes:',
        '      - sovereignty',
        '    created: 2025-07-23T10:00:00.000Z',
        '  - id: a-bbbbbbbbbb',
        '    target:',
        '      quote:',
        '        exact: text of a-bbbbbbbbbb',
        '        prefix: "before "',
        '        suffix: " after"',
        '      position:',
        '        start: 50',
        '        end: 62',
        '    codes:',
        '      - sovereignty',
        '    note: |-',
        '      two',
        '      lines',
        '    links:',
        '      - plan: us-ai-action-plan-2025',
        '        provision: us-1.2',
        '        relation: aligned',
        '    author: Ana',
        '    created: 2025-07-23T10:00:00.000Z',
        '    modified: 2025-07-24',
        '',
      ].join('\n'),
    );
    assert.strictEqual(serializeSidecar(parseOk(text)), text, 'serialise(parse(text)) is the same text');
  });

  it('round-trips the strings the yaml package gets wrong by default (leading spaces, whitespace-only lines)', () => {
    const tricky = ['  indented first line\nsecond', ' \n', '  \n\n', '\n \n', ' ', '', 'a\r\nb', 'x\u2028y', '\ufeffbom', '--- \n...', '# not a comment', 'key: value', '"quoted"', "it's", 'trailing \n', '\t tab', ' \n \nlong enough to be written over several lines \n  '];
    const s = sidecar(...tricky.map((t, i) => ann(`a-${String(i).padStart(10, '0')}`, i, { note: t, target: { quote: { exact: t || 'x', prefix: t, suffix: t }, position: { start: i, end: i + 1 } } })));
    assert.deepStrictEqual(parseOk(serializeSidecar(s)).annotations, s.annotations);
  });

  it('loads a valid sidecar given as bytes, with a BOM, and reports unknown codes as warnings only', () => {
    const text = serializeSidecar(sidecar(ann('a-0000000001', 0), ann('a-0000000002', 5, { codes: ['sovereignty', 'made-up'] })));
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const r = parseSidecar('s.yaml', bytes, { ...LIMITS, knownCodes: new Set(['sovereignty']) });
    assert.strictEqual(r.readOnly, false);
    assert.strictEqual(r.annotations.length, 2);
    assert.deepStrictEqual(r.problems.map(formatProblem), ["s.yaml:27:9: warning: unknown code 'made-up': not a theme of the knowledge pack nor a code of the workspace codebook (annotations[1].codes[1])"]);
  });
});

describe('sidecar: in-place update (updateSidecarText)', () => {
  const base = sidecar(ann('a-0000000010', 10), ann('a-0000000050', 50, { note: 'original note' }), ann('a-0000000090', 90));
  const handEdited = serializeSidecar(base)
    .replace('document: plan.policy.md\n', 'document: plan.policy.md # the US plan\n')
    .replace('annotations:\n', '# Reviewed by Bo, July 2025\nannotations:\n')
    .replace('  - id: a-0000000050\n', '  # second pass: check against the Chinese plan\n  - id: a-0000000050\n')
    .replace('    note: original note\n', '    # keep this short\n    note: original note   # Bo\n')
    .replace(/(  - id: a-0000000090\n(?:    .*\n)*)/, '$1\n') // a blank line after the last annotation
    .replace('  - id: a-0000000090\n    target:\n      quote:\n', '  - id: a-0000000090\n    target:\n      quote:   # hand-formatted\n');

  it('keeps the file byte for byte when nothing changed', () => {
    const u = updateSidecar(handEdited, parseOk(handEdited));
    assert.strictEqual(u.mode, 'unchanged');
    assert.strictEqual(u.text, handEdited);
  });

  it('adds, changes and deletes annotations, keeping comments and the untouched annotations as they were', () => {
    const next = sidecar(
      ann('a-0000000001', 1),
      { ...ann('a-0000000050', 50, { note: 'revised note' }), codes: ['sovereignty', 'safety-security'], modified: '2025-07-25T09:00:00Z' },
      ann('a-0000000090', 90),
      ann('a-0000000200', 200),
    );
    const u = updateSidecar(handEdited, next);
    assert.strictEqual(u.mode, 'in-place');
    assert.deepStrictEqual(parseOk(u.text).annotations, next.annotations);
    for (const kept of ['document: plan.policy.md # the US plan\n', '# Reviewed by Bo, July 2025\nannotations:\n', '  # second pass: check against the Chinese plan\n  - id: a-0000000050\n', '    # keep this short\n', '      quote:   # hand-formatted\n']) {
      assert.ok(u.text.includes(kept), `keeps ${JSON.stringify(kept)} in\n${u.text}`);
    }
    assert.ok(u.text.includes('    note: revised note # Bo\n'), u.text);
    // The untouched annotation's block is unchanged, the new ones sit in document order.
    const block90 = /  - id: a-0000000090\n(?:    .*\n)*/.exec(handEdited)![0];
    assert.ok(u.text.includes(block90));
    assert.deepStrictEqual([...u.text.matchAll(/- id: (a-\d+)/g)].map((m) => m[1]), ['a-0000000001', 'a-0000000050', 'a-0000000090', 'a-0000000200']);
    assert.ok(u.text.startsWith('version: 1\ndocument: plan.policy.md # the US plan\n# Reviewed by Bo, July 2025\nannotations:\n  - id: a-0000000001\n'), u.text);

    // Deleting takes the comment lines just above an annotation with it, nothing else.
    const d = updateSidecarText(u.text, sidecar(ann('a-0000000001', 1), ann('a-0000000090', 90), ann('a-0000000200', 200)));
    assert.ok(!d.includes('second pass'), d);
    assert.ok(d.includes('# Reviewed by Bo') && d.includes('# the US plan') && d.includes('# hand-formatted'), d);
    assert.strictEqual(d, u.text.replace(/  # second pass[^\n]*\n  - id: a-0000000050\n(?:    .*\n)*/, ''));

    // Everything deleted, then added again.
    const empty = updateSidecarText(d, sidecar());
    assert.strictEqual(empty, 'version: 1\ndocument: plan.policy.md # the US plan\n# Reviewed by Bo, July 2025\nannotations: []\n\n');
    assert.deepStrictEqual(parseOk(updateSidecarText(empty, base)).annotations, base.annotations);
  });

  it('moves an annotation whose position changed past its neighbours, and rewrites a changed document path', () => {
    const next = sidecar(ann('a-0000000010', 10), ann('a-0000000050', 150, { note: 'original note' }), ann('a-0000000090', 90));
    next.document = 'renamed/plan.policy.md';
    const text = updateSidecarText(handEdited, next);
    assert.deepStrictEqual(parseOk(text).annotations, [next.annotations[0], next.annotations[2], next.annotations[1]]);
    assert.ok(text.includes('document: renamed/plan.policy.md # the US plan\n'), text);
    assert.ok(text.indexOf('second pass') > text.indexOf('a-0000000090'), 'the comment moves with its annotation');
  });

  it('keeps CRLF line ends, an unsorted hand-ordered file, and flow style of untouched parts', () => {
    const crlf = 'version: 1\r\ndocument: p.md\r\nannotations:\r\n- {id: a-0000000090, target: {quote: {exact: x, prefix: "", suffix: ""}, position: {start: 90, end: 91}}, codes: [], created: 2025-01-01}\r\n- {id: a-0000000010, target: {quote: {exact: y, prefix: "", suffix: ""}, position: {start: 10, end: 11}}, codes: [], created: 2025-01-01}\r\n';
    const cur = parseOk(crlf);
    const text = updateSidecarText(crlf, { ...cur, annotations: [...cur.annotations, ann('a-0000000050', 50)] });
    assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
    // Inserted before the first annotation that comes after it; the hand-written ones untouched.
    assert.deepStrictEqual(parseOk(text).annotations.map((a) => a.id), ['a-0000000050', 'a-0000000090', 'a-0000000010']);
    assert.ok(text.endsWith(crlf.split('\r\n').slice(3).join('\r\n')), text);
  });

  it('handles hand layouts: a comment after the dash, the dash alone on its line, items at column 0', () => {
    const hand = [
      'version: 1',
      'document: plan.policy.md',
      'annotations:',
      '- # the first one',
      '  id: a-0000000010',
      '  target: {quote: {exact: "text of a-0000000010", prefix: "before ", suffix: " after"}, position: {start: 10, end: 22}}',
      '  codes: [sovereignty]',
      '  created: 2025-07-23T10:00:00.000Z',
      '-',
      '    id: a-0000000050',
      '    target: {quote: {exact: "text of a-0000000050", prefix: "before ", suffix: " after"}, position: {start: 50, end: 62}}',
      '    codes: [sovereignty]',
      '    created: 2025-07-23T10:00:00.000Z',
      '# end',
      '',
    ].join('\n');
    const cur = parseOk(hand);
    const next = sidecar(cur.annotations[0]!, { ...cur.annotations[1]!, note: 'added' }, ann('a-0000000030', 30));
    const u = updateSidecar(hand, next);
    assert.strictEqual(u.mode, 'in-place');
    assert.deepStrictEqual(parseOk(u.text).annotations, [next.annotations[0], next.annotations[2], next.annotations[1]]);
    assert.ok(u.text.startsWith(hand.split('\n').slice(0, 8).join('\n') + '\n- id: a-0000000030\n'), u.text);
    assert.ok(u.text.endsWith('  note: added\n  created: 2025-07-23T10:00:00.000Z\n# end\n'), u.text);
  });

  it('refuses to write over a sidecar with errors, and refuses an invalid sidecar', () => {
    assert.throws(() => updateSidecarText('version: 2\ndocument: p.md\nannotations: []\n', sidecar()), /unsupported sidecar version 2/);
    assert.throws(() => updateSidecarText('version: 1\ndocument: p.md\nannotations: [\n', sidecar()), /DataError|Missing|flow/i);
    assert.throws(() => updateSidecarText('', sidecar(ann('a-0000000001', 1), ann('a-0000000001', 2))), /duplicate annotation id/);
    assert.throws(() => updateSidecarText('', sidecar({ ...ann('a-0000000001', 1), codes: ['two words'] })), /must be a code without spaces/);
  });

  it('writes a new sidecar from empty text, or below the comments of a comments-only file', () => {
    const s = sidecar(ann('a-0000000001', 1));
    const u = updateSidecar('', s);
    assert.strictEqual(u.mode, 'rewritten');
    assert.strictEqual(u.text, serializeSidecar(s));
    for (const empty of ['', '\n\n', '# annotations of the US plan\n']) {
      const r = parseSidecar('e.yaml', empty, LIMITS);
      assert.deepStrictEqual([r.problems, r.annotations, r.readOnly, r.sidecar], [[], [], false, undefined]);
    }
    assert.strictEqual(updateSidecarText('# annotations of the US plan', s), '# annotations of the US plan\n' + serializeSidecar(s));
  });
});

describe('sidecar: merging a sidecar changed on disk (mergeSidecars)', () => {
  const b1 = ann('a-0000000001', 1);
  const b2 = ann('a-0000000002', 2);
  const b3 = ann('a-0000000003', 3);
  const base = sidecar(b1, b2, b3);

  it('takes one-sided additions, changes and deletions', () => {
    const mine = [b1, { ...b2, note: 'mine' }, ann('a-0000000009', 9)];
    const theirs = [{ ...b1, codes: ['safety'] }, b2, ann('a-0000000005', 5)]; // they deleted b3, changed b1, added 5
    const { merged, conflicts } = mergeSidecars(base, mine, theirs);
    assert.deepStrictEqual(conflicts, []);
    assert.deepStrictEqual(merged, [{ ...b1, codes: ['safety'] }, { ...b2, note: 'mine' }, ann('a-0000000005', 5), ann('a-0000000009', 9)]);
  });

  it('merges different fields changed on both sides, keeps mine and reports a conflict for the same field', () => {
    const mine = [{ ...b1, note: 'mine', modified: '2025-07-24T10:00:00Z' }, { ...b2, note: 'mine' }, b3];
    const theirs = [{ ...b1, codes: ['safety'], modified: '2025-07-25T10:00:00Z' }, { ...b2, note: 'theirs' }, b3];
    const { merged, conflicts } = mergeSidecars(base, mine, theirs);
    assert.deepStrictEqual(merged[0], { ...b1, codes: ['safety'], note: 'mine', modified: '2025-07-25T10:00:00Z' });
    assert.deepStrictEqual(merged[1], { ...b2, note: 'mine' });
    assert.deepStrictEqual(conflicts.map((c) => [c.id, c.kind, c.fields]), [['a-0000000002', 'both-changed', ['note']]]);
    assert.deepStrictEqual(conflicts[0]!.theirs, { ...b2, note: 'theirs' });
  });

  it('keeps an annotation changed on one side and deleted on the other, and reports it', () => {
    // Mine: changed 1, deleted 2 and 3. Theirs: deleted 1, kept 2 as it was, changed 3.
    const { merged, conflicts } = mergeSidecars(base, [{ ...b1, note: 'mine' }], [b2, { ...b3, note: 'theirs' }]);
    assert.deepStrictEqual(merged, [{ ...b1, note: 'mine' }, { ...b3, note: 'theirs' }]);
    assert.deepStrictEqual(conflicts.map((c) => [c.id, c.kind]), [['a-0000000001', 'changed-deleted-by-them'], ['a-0000000003', 'deleted-changed-by-them']]);
  });

  it('with no base, keeps everything and reports every difference', () => {
    const { merged, conflicts } = mergeSidecars(undefined, [b1, { ...b2, note: 'mine' }], [b1, { ...b2, note: 'theirs' }, b3]);
    assert.deepStrictEqual(merged, [b1, { ...b2, note: 'mine' }, b3]);
    assert.deepStrictEqual(conflicts.map((c) => c.id), ['a-0000000002']);
  });
});
