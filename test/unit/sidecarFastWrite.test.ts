import * as assert from 'assert';
import fc from 'fast-check';
import { analyseSidecar } from '../../src/core/sidecar/parse';
import { fastUpdateInPlace, updateSidecar, updateSidecarWithYaml } from '../../src/core/sidecar/update';
import { canonicalAnnotation, renderAnnotationItem, sameAnnotationData, sameValue, serializeSidecar, sortAnnotations, type Annotation, type Sidecar } from '../../src/core/sidecar/api';
import { annotations, anySidecarArb, proseAnnotations, proseSidecarArb, proseText } from '../sidecarArbitraries';

/** Comments as people add them: a header, above annotations, inside them, at line ends; blank lines. */
const handEdits = fc.record({
  header: fc.boolean(),
  above: fc.boolean(),
  inside: fc.boolean(),
  eol: fc.boolean(),
  blank: fc.boolean(),
});
type HandEdits = typeof handEdits extends fc.Arbitrary<infer T> ? T : never;

function withHandEdits(text: string, h: HandEdits): string {
  let out = text;
  if (h.header) out = out.replace(/^annotations:/m, '# analysts: keep notes short\nannotations:');
  if (h.above) out = out.replace(/^  - id: (a-\w+)$/gm, '  # about $1\n  - id: $1');
  if (h.inside) out = out.replace(/^    codes:/gm, '    # codes from the codebook\n    codes:');
  if (h.eol) out = out.replace(/^(    (?:created|id|author): [^"'|\n]+)$/gm, '$1 # checked').replace(/^(  - id: a-\w+)$/gm, '$1 # id');
  if (h.blank) out = out.replace(/\n  - id:/g, '\n\n  - id:');
  return out;
}

const change = fc.constantFrom('keep', 'keep', 'keep', 'delete', 'note', 'codes', 'move', 'links', 'drop-optional', 'shift');

function nextOf(current: readonly Annotation[], fates: readonly string[], added: readonly Annotation[], note: string): Annotation[] {
  const out: Annotation[] = [];
  current.forEach((a, i) => {
    const what = fates[i % fates.length]!;
    const moved = (d: number): Annotation => ({ ...a, target: { ...a.target, position: { start: a.target.position.start + d, end: a.target.position.end + d } } });
    if (what === 'delete') return;
    if (what === 'note') out.push({ ...a, note });
    else if (what === 'codes') out.push({ ...a, codes: [...a.codes.slice(1), 'new-code'].filter((c, j, all) => all.indexOf(c) === j) });
    else if (what === 'move') out.push(moved(1_000_000));
    else if (what === 'shift') out.push(moved(1));
    else if (what === 'links') out.push({ ...a, links: [{ provision: 'us-1.2', relation: 'aligned' }] });
    else if (what === 'drop-optional') out.push({ id: a.id, target: a.target, codes: a.codes, created: a.created });
    else out.push(a);
  });
  const taken = new Set(out.map((a) => a.id));
  for (const a of added) if (!taken.has(a.id)) out.push(a);
  return out;
}

function current(text: string): Sidecar | undefined {
  const r = analyseSidecar('s.yaml', text, { maxBytes: 1e9 });
  return r.readOnly ? undefined : r.sidecar;
}

describe('sidecar in-place writer: the fast path writes what the yaml path writes', function () {
  this.timeout(120_000);

  it('random additions, changes, moves and deletions on hand-commented files: the same text, or the yaml path', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(anySidecarArb, handEdits, fc.array(change, { minLength: 8, maxLength: 8 }), proseAnnotations(3), proseText, fc.boolean(), fc.boolean(), (before, h, fates, added, note, rename, crlf) => {
        const lf = withHandEdits(serializeSidecar(before), h);
        const original = crlf ? lf.replace(/\n/g, '\r\n') : lf;
        const cur = current(original);
        if (!cur) return;
        const next: Sidecar = { version: 1, document: rename ? 'renamed/plan.policy.md' : cur.document, annotations: nextOf(cur.annotations, fates, added, note) };
        let expected: ReturnType<typeof updateSidecarWithYaml> | Error;
        try {
          expected = updateSidecarWithYaml(original, next);
        } catch (err) {
          expected = err as Error; // e.g. a code with a space: refused by both paths
        }
        runs++;
        const quick = expected instanceof Error ? undefined : fastUpdateInPlace(original, next);
        if (quick !== undefined) {
          fast++;
          assert.ok(!(expected instanceof Error));
          assert.strictEqual(expected.mode, 'in-place');
          assert.strictEqual(quick, expected.text, `the paths differ on:\n${original}`);
        }
        if (expected instanceof Error) assert.throws(() => updateSidecar(original, next), { message: expected.message });
        else assert.deepStrictEqual(updateSidecar(original, next), expected);
      }),
      { numRuns: Number(process.env.SIDECAR_PROPERTY_RUNS ?? 200) },
    );
    if (process.env.SIDECAR_PROPERTY_RUNS) console.log(`      fast path wrote ${fast} of ${runs}`);
    assert.ok(fast > runs / 3, `the fast path wrote only ${fast} of ${runs}`);
  });

  it('writes every change to a file of ordinary prose by the fast path', () => {
    fc.assert(
      fc.property(proseSidecarArb, handEdits, fc.array(change, { minLength: 8, maxLength: 8 }), proseAnnotations(3), proseText, (before, h, fates, added, note) => {
        const original = withHandEdits(serializeSidecar(before), h);
        const cur = current(original)!;
        const next: Sidecar = { ...cur, annotations: nextOf(cur.annotations, fates, added, note).filter((a) => a.codes.every((c) => /^\S+$/.test(c))) };
        if (sameValue(sortAnnotations(next.annotations), sortAnnotations(cur.annotations))) return;
        const quick = fastUpdateInPlace(original, next);
        assert.ok(quick !== undefined, `fell back on:\n${original}`);
        assert.strictEqual(quick, updateSidecarWithYaml(original, next).text);
      }),
      { numRuns: Number(process.env.SIDECAR_PROPERTY_RUNS ?? 150) },
    );
  });

  it('re-renders an unchanged-layout annotation as its nodes would be (the shortcut for comment-free blocks)', () => {
    fc.assert(
      fc.property(proseAnnotations(2), proseText, (list, note) => {
        if (list.length < 1) return;
        const a = list[0]!;
        const text = serializeSidecar({ version: 1, document: 'p.md', annotations: [a] });
        const next = { ...a, note, codes: [...a.codes, 'x-new'].filter((c, j, all) => all.indexOf(c) === j) };
        const viaYaml = updateSidecarWithYaml(text, { version: 1, document: 'p.md', annotations: [next] }).text;
        assert.strictEqual(viaYaml, serializeSidecar({ version: 1, document: 'p.md', annotations: [next] }));
        assert.ok(viaYaml.includes(renderAnnotationItem(next, 2)));
      }),
      { numRuns: 200 },
    );
  });

  it('compares annotations field by field as sameValue compares their canonical copies', () => {
    const tweak = fc.constantFrom('none', 'note', 'undefined-note', 'codes', 'link-key', 'start', 'extra-key', 'links-empty');
    fc.assert(
      fc.property(annotations(2), tweak, (list, t) => {
        if (list.length === 0) return;
        const a = list[0]!;
        const b: Annotation = JSON.parse(JSON.stringify(a)) as Annotation;
        if (t === 'note') b.note = `${a.note ?? ''}x`;
        if (t === 'undefined-note') b.note = undefined;
        if (t === 'codes') b.codes = [...b.codes, 'z'];
        if (t === 'link-key' && b.links?.length) b.links[0] = { ...b.links[0]!, note: undefined, plan: 'p' };
        if (t === 'start') b.target.position.start += 1;
        if (t === 'extra-key') (b as unknown as Record<string, unknown>)['extra'] = 1;
        if (t === 'links-empty') b.links = [];
        assert.strictEqual(sameAnnotationData(a, b), sameValue(canonicalAnnotation(a), canonicalAnnotation(b)));
        if (list[1]) assert.strictEqual(sameAnnotationData(a, list[1]), sameValue(canonicalAnnotation(a), canonicalAnnotation(list[1])));
      }),
      { numRuns: 1000 },
    );
  });
});
