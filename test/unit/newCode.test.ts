import * as assert from 'assert';
import fc from 'fast-check';
import codebookSchema from '../../annotations/schemas/codebook.schema.json';
import type { Code } from '../../src/core/codebook/codebook';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { newCode, newCodeId, newCodeLabelProblem } from '../../src/core/codebook/newCode';
import { mergeCodebookText } from '../../src/core/interchange/codebookMerge';

// Issue 12: "a New code… entry in the code picker". The code it makes must load as the codebook's own.
const ID_PATTERN = new RegExp(codebookSchema.properties.codes.items.properties.id.pattern);

describe('a new code from the code picker (issue 12)', () => {
  it('gets a kebab-case id from its label, unique among the codes there are', () => {
    assert.strictEqual(newCodeId('Needs legal review', new Set()), 'needs-legal-review');
    assert.strictEqual(newCodeId('Needs legal review', new Set(['needs-legal-review'])), 'needs-legal-review-2');
    assert.strictEqual(newCodeId('Sécurité nationale', new Set()), 'securite-nationale');
    assert.strictEqual(newCodeId('2025 budget', new Set()), 'budget');
    assert.strictEqual(newCodeId('数据安全', new Set()), 'code');
    assert.strictEqual(newCodeId('数据安全', new Set(['code'])), 'code-2');
  });

  it('any label gives an id the codebook schema accepts, never one that is taken', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.array(fc.constantFrom<string>('code', 'a', 'needs-review', 'code-2'), { maxLength: 4 }), (label, taken) => {
        const id = newCodeId(label, new Set(taken));
        assert.match(id, ID_PATTERN);
        assert.ok(!taken.includes(id));
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('says why a label will not do', () => {
    assert.strictEqual(newCodeLabelProblem('Follow up'), undefined);
    assert.match(newCodeLabelProblem('   ') ?? '', /needs a label/);
    assert.match(newCodeLabelProblem('x'.repeat(81)) ?? '', /At most 80/);
    assert.match(newCodeLabelProblem('—') ?? '', /letter or a digit/);
  });

  it('is written into the codebook, which then loads it with its label, colour and parent', () => {
    const existing: Code[] = [{ id: 'follow-up', label: 'Follow up', colour: '#C586C0', source: 'codebook' }];
    const code = newCode('  Needs legal review ', existing, 'follow-up');
    assert.deepStrictEqual({ id: code.id, label: code.label, parent: code.parent }, { id: 'needs-legal-review', label: 'Needs legal review', parent: 'follow-up' });
    assert.notStrictEqual(code.colour, '#C586C0', 'a colour no code uses yet');
    const text = 'version: 1\nrelations: []\ncodes:\n  - id: follow-up\n    label: Follow up\n    colour: "#C586C0"\n';
    const merged = mergeCodebookText(text, [code]);
    const book = parseCodebook('codebook.yaml', merged.text);
    assert.deepStrictEqual(book.problems, []);
    assert.deepStrictEqual(book.codes.map((c) => c.id), ['follow-up', 'needs-legal-review']);
    assert.strictEqual(book.codes[1]!.parent, 'follow-up');
  });
});
