import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { formatProblem } from '../../src/core/data/problem';
import { parseSidecar, serializeSidecar, updateSidecarText, type Annotation } from '../../src/core/sidecar/api';
import { FIXTURES } from '../paths';

const DIR = path.join(FIXTURES, 'sidecars');

/** Each case: the file, what it must report (exact file:line:col, severity, message start, field), what still loads. */
interface Case {
  readonly file: string;
  readonly problems: readonly string[];
  readonly loaded: readonly string[];
  readonly readOnly: boolean;
  readonly sidecar: boolean;
}

const OPTS = {
  maxBytes: 10 * 1024 * 1024,
  documentLength: 100,
  knownCodes: new Set(['international-cooperation']),
  documentExists: (p: string) => p !== 'gone/missing.policy.md',
};

const CASES: Case[] = [
  {
    file: 'alias-bomb.annotations.yaml',
    problems: ['alias-bomb.annotations.yaml:29:13: error: YAML alias *a is not allowed in a sidecar (and 71 more here) (annotations[1].extra[1][0])'],
    loaded: ['a-good000001', 'a-good000003'],
    readOnly: true,
    sidecar: true,
  },
  {
    file: 'wrong-types.annotations.yaml',
    problems: [
      'wrong-types.annotations.yaml:23:16: error: must be integer (annotations[1].target.position.start)',
      'wrong-types.annotations.yaml:25:12: error: must be array (annotations[1].codes)',
      'wrong-types.annotations.yaml:39:9: error: must be string (annotations[3].id)',
      'wrong-types.annotations.yaml:40:13: error: must be object (annotations[3].target)',
      'wrong-types.annotations.yaml:42:14: error: must be an ISO 8601 date or date-time, e.g. 2025-07-23 or 2025-07-23T10:15:00Z (annotations[3].created)',
    ],
    loaded: ['a-good000001', 'a-good000003'],
    readOnly: true,
    sidecar: true,
  },
  {
    file: 'top-level-types.annotations.yaml',
    problems: [
      'top-level-types.annotations.yaml:2:11: error: must be string (document)',
      "top-level-types.annotations.yaml:3:1: error: unknown field 'colour' (colour)",
      "top-level-types.annotations.yaml:17:9: error: must be an annotation id: a letter or digit, then letters, digits, '.', '_' or '-' (at most 64) (annotations[1].id)",
      'top-level-types.annotations.yaml:26:14: error: must be a code without spaces (annotations[1].codes[0])',
    ],
    loaded: ['a-good000001'],
    readOnly: true,
    sidecar: false,
  },
  {
    file: 'unknown-version.annotations.yaml',
    problems: ['unknown-version.annotations.yaml:1:10: error: unsupported sidecar version 2: this Policy Lens reads version 1 (version)'],
    loaded: [], // a format we do not know is not guessed at
    readOnly: true,
    sidecar: false,
  },
  {
    file: 'duplicate-ids.annotations.yaml',
    problems: ["duplicate-ids.annotations.yaml:28:9: error: duplicate annotation id 'a-same000001' (first used at line 4); only the first is loaded (annotations[2].id)"],
    loaded: ['a-same000001', 'a-good000002'],
    readOnly: true,
    sidecar: true,
  },
  {
    file: 'invalid-utf8.annotations.yaml',
    problems: [
      'invalid-utf8.annotations.yaml:27:16: error: invalid UTF-8: byte 0xFF at byte offset 573 (shown as U+FFFD) (annotations[1].note)',
      'invalid-utf8.annotations.yaml:27:22: error: invalid UTF-8: byte 0xE2 at byte offset 579 (shown as U+FFFD) (annotations[1].note)',
    ],
    loaded: ['a-good000001', 'a-good000003'],
    readOnly: true,
    sidecar: true,
  },
  {
    file: 'quote-too-long.annotations.yaml',
    problems: ['quote-too-long.annotations.yaml:19:16: error: quote is 150 characters long, longer than the whole document (100) (annotations[1].target.quote.exact)'],
    loaded: ['a-good000001', 'a-good000003'],
    readOnly: true,
    sidecar: true,
  },
  {
    file: 'missing-link.annotations.yaml',
    problems: ["missing-link.annotations.yaml:31:19: warning: linked document 'gone/missing.policy.md' does not exist (annotations[1].links[1].document)"],
    loaded: ['a-good000001', 'a-link000002', 'a-good000003'], // a dangling link is a warning: the annotation itself is sound
    readOnly: false,
    sidecar: true,
  },
  {
    file: 'bad-links.annotations.yaml',
    problems: [
      'bad-links.annotations.yaml:28:9: error: link names no target: give plan, provision, document or annotation (annotations[1].links[0])',
      'bad-links.annotations.yaml:39:14: error: end 80 is before start 90 (annotations[2].target.position.end)',
    ],
    loaded: ['a-good000001'],
    readOnly: true,
    sidecar: true,
  },
  {
    file: 'syntax-error.annotations.yaml',
    problems: [
      'syntax-error.annotations.yaml:16:5: warning: this annotation and the ones after it are not loaded until the YAML error is fixed (annotations[1])',
      'syntax-error.annotations.yaml:19:27: error: Missing closing "quote (annotations[1].target.quote.exact)',
    ],
    loaded: ['a-good000001'], // only what comes before the error is trusted
    readOnly: true,
    sidecar: false,
  },
  {
    file: 'not-a-mapping.annotations.yaml',
    problems: ['not-a-mapping.annotations.yaml:1:1: error: a sidecar must be a YAML mapping with version, document and annotations'],
    loaded: [],
    readOnly: true,
    sidecar: false,
  },
  {
    file: 'custom-tag.annotations.yaml',
    problems: [
      "custom-tag.annotations.yaml:27:11: error: YAML tag '!!js/function' is not allowed in a sidecar: nothing in a sidecar is constructed or executed (annotations[1].note)",
      "custom-tag.annotations.yaml:40:13: error: YAML tag '!!python/object/apply:os.system' is not allowed in a sidecar: nothing in a sidecar is constructed or executed (annotations[2].author)",
    ],
    loaded: ['a-good000001', 'a-good000004'],
    readOnly: true,
    sidecar: true,
  },
];

describe('hostile sidecars (test/fixtures/sidecars)', () => {
  it('has a case for every fixture file', () => {
    assert.deepStrictEqual(fs.readdirSync(DIR).sort(), CASES.map((c) => c.file).sort());
  });

  for (const c of CASES) {
    it(`${c.file}: reported at file:line:col with its field; the rest still loads`, () => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, c.file)));
      const r = parseSidecar(c.file, bytes, OPTS);
      assert.deepStrictEqual(r.problems.map(formatProblem), c.problems);
      assert.deepStrictEqual(r.annotations.map((a) => a.id), c.loaded);
      assert.strictEqual(r.readOnly, c.readOnly);
      assert.strictEqual(r.sidecar !== undefined, c.sidecar);
      if (r.sidecar) assert.deepStrictEqual(r.sidecar.annotations, r.annotations);
      for (const a of r.annotations) assertPlain(a);
      // Never overwritten: the writer itself refuses a file whose text has errors (errors that need the
      // bytes or the document, like invalid UTF-8 or a too-long quote, are the caller's readOnly).
      const text = Buffer.from(bytes).toString('utf8');
      if (parseSidecar(c.file, text, { maxBytes: OPTS.maxBytes }).readOnly) {
        assert.throws(() => updateSidecarText(text, { version: 1, document: 'plan.policy.md', annotations: [] }), /DataError|error/i);
      }
    });
  }

  it('nothing executes: tagged values are neither constructed nor run', () => {
    const text = fs.readFileSync(path.join(DIR, 'custom-tag.annotations.yaml'), 'utf8');
    parseSidecar('custom-tag.annotations.yaml', text, OPTS);
    assert.strictEqual((globalThis as Record<string, unknown>)['policyLensPwned'], undefined);
    assert.ok(!fs.existsSync('/tmp/policy-lens-pwned'));
  });

  it('oversized files are refused unread, as text or bytes', () => {
    const one = serializeSidecar({
      version: 1,
      document: 'plan.policy.md',
      annotations: [{ id: 'a-0000000001', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 } }, codes: [], created: '2025-01-01' }],
    });
    const big = one + '# padding\n'.repeat(1_100_000); // ~11 MB
    for (const input of [big, new Uint8Array(Buffer.from(big))]) {
      const r = parseSidecar('big.annotations.yaml', input, { maxBytes: 10 * 1024 * 1024 });
      assert.deepStrictEqual(r.problems.map(formatProblem), [`big.annotations.yaml:1:1: error: file is ${Buffer.byteLength(big)} bytes, over the limit of 10485760`]);
      assert.deepStrictEqual(r.annotations, []);
      assert.strictEqual(r.readOnly, true);
    }
  });

  it('an alias bomb as a whole annotation, a top-level alias and a __proto__ key are harmless', () => {
    const bomb = ['version: 1', 'document: p.md', 'x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (let i = 0; i < 9; i++) bomb.push(`x${i}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    bomb.push('annotations: *j', '');
    const r = parseSidecar('b.yaml', bomb.join('\n'), OPTS);
    assert.ok(r.readOnly);
    assert.match(formatProblem(r.problems.find((p) => p.field === 'x0[0]')!), /^b\.yaml:4:9: error: YAML alias \*a is not allowed/);
    const proto = parseSidecar('p.yaml', 'version: 1\ndocument: p.md\n__proto__: { polluted: true }\nannotations: []\n', OPTS);
    assert.deepStrictEqual(proto.problems.map(formatProblem), ["p.yaml:3:1: error: unknown field '__proto__' (__proto__)"]);
    const inner = parseSidecar('q.yaml', serializeSidecar({ version: 1, document: 'p.md', annotations: [] }).replace('annotations: []', 'annotations:\n  - id: a-0000000001\n    __proto__: { codes: [] }\n'), OPTS);
    assert.ok(inner.problems.map(formatProblem).includes("q.yaml:5:5: error: unknown field '__proto__' (annotations[0].__proto__)"), inner.problems.map(formatProblem).join('\n'));
    assert.strictEqual(({} as Record<string, unknown>)['polluted'], undefined);
    assert.strictEqual(({} as Record<string, unknown>)['codes'], undefined);
  });
});

function assertPlain(a: Annotation): void {
  assert.strictEqual(Object.getPrototypeOf(a), Object.prototype);
  for (const v of [a.note, a.author, a.created, a.target.quote.exact]) assert.ok(v === undefined || typeof v === 'string');
}
