import * as assert from 'assert';
import fc from 'fast-check';
import { emitAnnotationItem } from '../../src/core/sidecar/emit';
import { renderAnnotationItem, renderAnnotationItemWithYaml, serializeSidecar, serializeSidecarWithYaml } from '../../src/core/sidecar/serialize';
import type { Annotation } from '../../src/core/sidecar/api';
import { anySidecarArb, proseText, text } from '../sidecarArbitraries';

/** Any string at all, long ones with line breaks and spaces around them too. */
const anyString = fc.oneof(text, proseText, fc.string({ unit: 'binary', maxLength: 60 }), fc.array(fc.constantFrom('a', ' ', '\n', '\t', "'", '"', ':', '#', '-', '|', '\\', 'é'), { maxLength: 80 }).map((p) => p.join('')));

describe('sidecar emitter (writes what the yaml package writes)', function () {
  this.timeout(120_000);

  it('whole sidecars: the same text as the yaml package', () => {
    fc.assert(
      fc.property(anySidecarArb, (s) => {
        assert.strictEqual(serializeSidecar(s), serializeSidecarWithYaml(s));
      }),
      { numRuns: 500 },
    );
  });

  it('one string in every field, at every indentation: the same text', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(0, 2, 4, 6), (t, indent) => {
        const a: Annotation = {
          id: 'a-0000000001',
          target: { quote: { exact: t, prefix: t, suffix: t }, position: { start: 0, end: 1 } },
          codes: [t, 'x'],
          note: t,
          links: [{ document: t, relation: 'aligned', note: t }, { plan: t, relation: t }],
          author: t,
          created: t,
          modified: t,
        };
        assert.ok(emitAnnotationItem(a) !== undefined);
        assert.strictEqual(renderAnnotationItem(a, indent), renderAnnotationItemWithYaml(a, indent), JSON.stringify(t));
        assert.strictEqual(renderAnnotationItem(a, indent, '\r\n'), renderAnnotationItemWithYaml(a, indent, '\r\n'));
      }),
      { numRuns: Number(process.env.SIDECAR_PROPERTY_RUNS ?? 5000) },
    );
  });

  it('leaves values of unexpected types to the yaml package', () => {
    const a = { id: 'a-1', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 } }, codes: [], created: '2025-01-01' } as Annotation;
    for (const odd of [{ ...a, codes: [true] }, { ...a, note: null }, { ...a, links: [{}] }, { ...a, target: { ...a.target, position: { start: 1.5, end: 2 } } }] as unknown as Annotation[]) {
      assert.strictEqual(emitAnnotationItem(odd), undefined);
      assert.strictEqual(renderAnnotationItem(odd, 2), renderAnnotationItemWithYaml(odd, 2));
    }
  });
});
