import * as assert from 'assert';
import { createSelectors, reanchor } from '../../src/core/anchoring';
import { formatProblem } from '../../src/core/data/problem';
import { parseSidecar, serializeSidecar, type Annotation } from '../../src/core/sidecar/api';

/**
 * Issue 8, case 6: after checking out an older, shorter version of a document (or truncating it), an
 * annotation whose quote is longer than the whole document is an orphan — loaded, kept, written back — never an
 * error that drops it and makes the sidecar read-only.
 */

const LONG_DOC = 'Pillar I. ' + 'The Secretary shall report to the Congress on the progress of the programme. '.repeat(4);

function annotationOn(text: string, id: string, start: number, end: number): Annotation {
  const { quote, position } = createSelectors(text, start, end);
  return { id, target: { quote, position }, codes: ['reporting'], created: '2025-07-23T10:00:00.000Z' };
}

describe('anchoring: a shorter document (issue 8, case 6)', () => {
  const short = annotationOn(LONG_DOC, 'a-short00001', 0, 8);
  const long = annotationOn(LONG_DOC, 'a-long000002', 10, LONG_DOC.length - 1);
  const sidecarText = serializeSidecar({ version: 1, document: 'plan.policy.md', annotations: [short, long] });
  const olderDoc = LONG_DOC.slice(0, 60);

  it('regression: a shorter document turns annotations into errors (fast reader): loaded, a warning, writable', () => {
    const r = parseSidecar('plan.policy.md.annotations.yaml', sidecarText, { maxBytes: 1e7, documentLength: olderDoc.length });
    assert.deepStrictEqual(r.annotations.map((a) => a.id), ['a-short00001', 'a-long000002'], 'both annotations load');
    assert.strictEqual(r.readOnly, false, 'the sidecar stays writable');
    assert.deepStrictEqual(r.sidecar?.annotations.map((a) => a.id), ['a-short00001', 'a-long000002']);
    assert.deepStrictEqual(r.problems.map((p) => p.severity), ['warning']);
    assert.match(formatProblem(r.problems[0]!), /quote is \d+ characters long, longer than the whole document \(60\): the annotation is orphaned \(annotations\[1\]\.target\.quote\.exact\)$/);
  });

  it('regression: a shorter document turns annotations into errors (yaml reader, bytes): the same', () => {
    // Flow style is outside the fast reader's subset: the yaml path must say the same.
    const flow = JSON.stringify({ version: 1, document: 'plan.policy.md', annotations: [short, long] });
    const viaText = parseSidecar('s.yaml', sidecarText, { maxBytes: 1e7, documentLength: olderDoc.length });
    for (const input of [flow, new Uint8Array(Buffer.from(flow)), new Uint8Array(Buffer.from(sidecarText))]) {
      const r = parseSidecar('s.yaml', input, { maxBytes: 1e7, documentLength: olderDoc.length });
      assert.deepStrictEqual(r.annotations, viaText.annotations);
      assert.strictEqual(r.readOnly, false);
      assert.deepStrictEqual(r.problems.map((p) => `${p.severity} ${p.field}`), ['warning annotations[1].target.quote.exact']);
    }
  });

  it('the too-long annotation is orphaned in the shorter document and found again in the longer one', () => {
    assert.strictEqual(reanchor(olderDoc, long.target).status, 'orphaned');
    assert.strictEqual(reanchor(olderDoc, short.target).status, 'exact');
    const back = reanchor(LONG_DOC, long.target);
    assert.deepStrictEqual([back.status, back.start, back.end], ['exact', 10, LONG_DOC.length - 1]);
  });
});
