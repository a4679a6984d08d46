import * as assert from 'assert';
// The test counts calls of the real module's parseDocument, so it needs the module object itself, not an import copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import yaml = require('yaml');
import { createAnnotation } from '../../src/core/annotations/annotationFactory';
import { sortAnnotations, type Sidecar } from '../../src/core/sidecar/model';
import { parseSidecar, parseSidecarForUpdate } from '../../src/core/sidecar/parse';
import { updateSidecar } from '../../src/core/sidecar/update';

const TEXT = 'open source models and national security '.repeat(50);

function flowSidecar(n: number): { text: string; sidecar: Sidecar } {
  const annotations = Array.from({ length: n }, (_, i) => createAnnotation({ text: TEXT, start: (i * 7) % 2000, end: ((i * 7) % 2000) + 20, codes: ['open-source'], id: `a-${String(i).padStart(6, '0')}`, now: new Date(0) }));
  const sidecar: Sidecar = { version: 1, document: 'd.md', annotations };
  // JSON is flow-style YAML: outside the fast reader's subset, so the `yaml` package reads it.
  return { text: `${JSON.stringify(sidecar, null, 1)}\n`, sidecar };
}

/** Counts the `yaml` package's parses during `fn` (the compiled code looks the module's export up at each call). */
function countParses(fn: () => void): number {
  const lib = yaml as unknown as { parseDocument: typeof yaml.parseDocument };
  const original = lib.parseDocument;
  let n = 0;
  lib.parseDocument = ((...args: Parameters<typeof yaml.parseDocument>) => {
    n++;
    return original(...args);
  }) as typeof yaml.parseDocument;
  try {
    fn();
  } finally {
    lib.parseDocument = original;
  }
  return n;
}

describe('flow-style sidecars (issue 13: annotate on 9.7 MB took the yaml path three times, 86 s, 2.4 GB)', function () {
  this.timeout(60000);

  it('regression: adding an annotation to a flow-style sidecar parses it with the yaml package once, and rewrites it in block style', () => {
    const { text, sidecar } = flowSidecar(300);
    const added = createAnnotation({ text: TEXT, start: 3, end: 9, codes: ['data'], id: 'a-new', now: new Date(0) });
    const next: Sidecar = { ...sidecar, annotations: sortAnnotations([...sidecar.annotations, added]) };
    let out = '';
    const parses = countParses(() => {
      const { result, yaml: analysis } = parseSidecarForUpdate('s.yaml', text, { maxBytes: 1e7 });
      assert.strictEqual(result.annotations.length, 300);
      assert.ok(analysis, 'took the yaml path');
      const update = updateSidecar(text, next, 's.yaml', analysis);
      assert.strictEqual(update.mode, 'rewritten');
      out = update.text;
    });
    assert.strictEqual(parses, 1);
    assert.ok(out.startsWith('version: 1\ndocument: d.md\nannotations:\n  - id: '));
    assert.deepStrictEqual(parseSidecar('s.yaml', out, { maxBytes: 1e7 }).annotations, next.annotations);
  });

  it('an analysis of another text is not used', () => {
    const { text, sidecar } = flowSidecar(5);
    const { yaml: analysis } = parseSidecarForUpdate('s.yaml', text, { maxBytes: 1e7 });
    const other = text.replace('"d.md"', '"e.md"');
    const parses = countParses(() => updateSidecar(other, { ...sidecar, annotations: sidecar.annotations.slice(1) }, 's.yaml', analysis));
    assert.strictEqual(parses, 1);
  });
});
