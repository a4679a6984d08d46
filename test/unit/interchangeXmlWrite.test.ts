import * as assert from 'assert';
import * as fc from 'fast-check';
import { XMLBuilder } from 'fast-xml-parser';
import { escapeXml, writeXml } from '../../src/core/interchange/xmlWrite';

/** writeXml replaced XMLBuilder for speed (figure 14): it must write the very same text. */
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true, suppressBooleanAttributes: false });

const text = fc.oneof(fc.string(), fc.constantFrom('', '&', '<a>', "O'Neill \"q\"", '&amp;', ']]>', 'true', 'x > y', '🌍 𠀀 e\u0301'));
const name = fc.constantFrom('Project', 'Code', 'Note', 'PlainTextContent', 'Description', 'CodeRef', 'Sources');
const attrName = fc.constantFrom('@_guid', '@_name', '@_color', '@_isCodable', '@_origin');

const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc
    .tuple(
      fc.dictionary(attrName, text, { maxKeys: 3 }),
      fc.option(text, { nil: undefined }),
      fc.array(fc.tuple(name, fc.oneof({ depthSize: 'small' }, text, tie('node'), fc.array(fc.oneof(text, tie('node')), { maxLength: 3 }))), { maxLength: 3 }),
    )
    .map(([attrs, t, kids]) => {
      const n: Record<string, unknown> = { ...attrs };
      if (t !== undefined) n['#text'] = t;
      for (const [k, v] of kids) n[k] = v;
      return n;
    }),
})).node;

describe('interchange: XML writing', function () {
  this.timeout(60000);

  it('escapes the five predefined entities, & first', () => {
    assert.strictEqual(escapeXml(`a&b<c>d'e"f&amp;`), 'a&amp;b&lt;c&gt;d&apos;e&quot;f&amp;amp;');
  });

  it('property: writes exactly what XMLBuilder writes (attributes, text, nesting, lists, empty elements)', () => {
    fc.assert(
      fc.property(tree, (root) => {
        const doc = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, Project: root };
        assert.strictEqual(writeXml(doc), String(builder.build(doc)));
      }),
      { seed: 0x14ec, numRuns: 500 },
    );
  });
});
