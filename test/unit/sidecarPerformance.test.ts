import * as assert from 'assert';
import { emitAnnotationItem } from '../../src/core/sidecar/emit';
import { fastAnalyse, parseSidecar } from '../../src/core/sidecar/parse';
import { fastUpdateInPlace } from '../../src/core/sidecar/update';
import { newAnnotationId, serializeSidecar, updateSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar/api';

const WORDS = 'the plan shall promote international cooperation on artificial intelligence governance open source models while securing export controls for the Global South and climate energy'.split(' ');

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
}

function phrase(random: () => number, chars: number): string {
  let s = '';
  while (s.length < chars) s += (s ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)];
  return s.slice(0, chars);
}

/** Annotations as analysts write them (~650 bytes each): quote with context, codes, a two-line note, a link. */
function sidecarOf(count: number): Sidecar {
  const random = seeded(42);
  const annotations: Annotation[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * 400;
    annotations.push({
      id: newAnnotationId(random),
      target: { quote: { exact: phrase(random, 110), prefix: phrase(random, 32), suffix: phrase(random, 32) }, position: { start, end: start + 110 } },
      codes: ['international-cooperation', 'open-source'],
      note: `${phrase(random, 80)}\n${phrase(random, 40)}`,
      links: [{ provision: 'us-1.2', relation: 'aligned' }],
      author: 'Analyst One',
      created: '2025-07-23T10:00:00.000Z',
      modified: '2025-07-24T11:30:00.000Z',
    });
  }
  return { version: 1, document: 'plan.policy.md', annotations };
}

/**
 * The speed of sidecars is measured by the benchmark (npm run bench -- sidecars: 10,000 annotations). Here,
 * on a small file, only that what Policy Lens writes takes the fast paths — a change to the serializer that
 * the fast reader no longer reads would otherwise cost nothing but time, silently.
 */
describe('sidecar fast paths (the benchmark measures them; this checks they are taken)', () => {
  const sidecar = sidecarOf(200);
  const text = serializeSidecar(sidecar);
  const commented = text.replace('annotations:\n', '# reviewed\nannotations:\n').replace(/^( {4}created: \S+)$/m, '$1 # checked');

  it('reads what it writes with the fast reader, comments included', () => {
    for (const t of [text, commented]) {
      const fast = fastAnalyse('s.yaml', t, {});
      assert.ok(fast, 'the fast reader reads the serializer output');
      assert.strictEqual(fast.result.annotations.length, 200);
      assert.deepStrictEqual(parseSidecar('s.yaml', new Uint8Array(Buffer.from(t)), { maxBytes: 1e7 }).annotations, fast.result.annotations);
    }
  });

  it('writes annotations with the emitter and adds one in place without the yaml package reading the file', () => {
    for (const a of sidecar.annotations) assert.ok(emitAnnotationItem(a) !== undefined);
    const first = sidecar.annotations[0]!;
    const next: Sidecar = { ...sidecar, annotations: [...sidecar.annotations, { ...first, id: 'a-new0000001', target: { ...first.target, position: { start: 40_001, end: 40_111 } } }] };
    const quick = fastUpdateInPlace(commented, next);
    assert.ok(quick !== undefined, 'the fast in-place path applies');
    const u = updateSidecar(commented, next);
    assert.strictEqual(u.mode, 'in-place');
    assert.strictEqual(u.text, quick);
    assert.ok(u.text.includes('# reviewed\n') && u.text.includes(' # checked\n'));
  });
});
