import * as assert from 'assert';
import { checkDocumentField, normalizeRelativePath } from '../../src/core/sidecar/documentFieldCheck';

const SIDECAR = 'version: 1\n# written for the US plan\ndocument: us.policy.md\nannotations: []\n';

describe("a sidecar's document: field against the file it sits beside", () => {
  it('agrees: no problem, whatever the spelling of the same path', () => {
    assert.strictEqual(checkDocumentField({ sidecarFile: 'us.policy.md.annotations.yaml', documentField: 'us.policy.md', expected: 'us.policy.md' }), undefined);
    assert.strictEqual(checkDocumentField({ sidecarFile: 's', documentField: './plans/../us.md', expected: 'us.md' }), undefined);
    assert.strictEqual(checkDocumentField({ sidecarFile: 's', documentField: '..\\docs\\us.md', expected: '../docs/us.md' }), undefined);
  });

  it('names another file: a warning at the document: line (it was never checked)', () => {
    const p = checkDocumentField({ sidecarFile: 'cn.txt.annotations.yaml', sidecarText: SIDECAR, documentField: 'us.policy.md', expected: 'cn.txt' });
    assert.deepStrictEqual(p, {
      file: 'cn.txt.annotations.yaml',
      line: 2,
      character: 0,
      severity: 'warning',
      field: 'document',
      message: 'this sidecar names the document "us.policy.md", but it sits beside "cn.txt": its annotations may belong to another file',
    });
  });

  it('a hostile field stays on one line in the message', () => {
    const p = checkDocumentField({ sidecarFile: 's', documentField: 'a\nb: evil', expected: 'x.md' });
    assert.ok(p && !p.message.includes('\n'), p?.message);
  });

  it('no field (the top level did not load): nothing to compare', () => {
    assert.strictEqual(checkDocumentField({ sidecarFile: 's', documentField: undefined, expected: 'x.md' }), undefined);
  });

  it('normalises relative paths lexically', () => {
    assert.deepStrictEqual(['a/./b', 'a//b/', '../x/../y', '../../a', 'a/../..'].map(normalizeRelativePath), ['a/b', 'a/b', '../y', '../../a', '..']);
  });
});
