import * as assert from 'assert';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { v5 as uuidv5 } from 'uuid';
import { exportProject, importBytes } from '../../src/core/interchange/formats';
import { stableGuid } from '../../src/core/interchange/guids';
import { attr, parseXml, textOf } from '../../src/core/interchange/xml';
import { trickyProject } from '../interchangeFixtures';

/** The shortcuts taken for speed (issue 11, figure 14) must not change what is written or what is accepted. */
const NAMESPACE = 'b2f1c7de-3a64-5c1e-9d0a-6f2e8c4b7a91';

function qde(): string {
  return strFromU8(unzipSync(exportProject(trickyProject(), 'qdpx'))['project.qde']!);
}

describe('interchange: .qde fast paths', function () {
  this.timeout(60000);

  it('GUIDs from UTF-8 bytes equal UUIDv5 of the id string (ASCII, emoji, CJK Extension B, combining marks)', () => {
    for (const id of ['plans/us.policy.md', 'plans/日本 🌍.md#a-1', 'x𠀀y', 'e\u0301', "Siobhán O'Neill", '']) {
      assert.strictEqual(stableGuid('source', id), uuidv5(`source:${id}`, NAMESPACE).toUpperCase());
    }
  });

  it('a .qde with namespace prefixes (qda:Project) reads as the same project as without', () => {
    const plain = qde();
    const prefixed = plain.replace(/<(\/?)([A-Z][A-Za-z]*)\b/g, '<$1qda:$2').replace('xmlns="urn:QDA-XML:project:1.0"', 'xmlns:qda="urn:QDA-XML:project:1.0"');
    assert.notStrictEqual(prefixed, plain);
    const a = importBytes('a.qde', strToU8(plain));
    const b = importBytes('b.qde', strToU8(prefixed));
    assert.ok(a.project.codes.length > 0);
    assert.deepStrictEqual(b.project.codes, a.project.codes);
    assert.deepStrictEqual(b.project.name, a.project.name);
    assert.deepStrictEqual(b.dataLoss, a.dataLoss);
  });

  it('character references are decoded whether or not the text also holds the five XML entities', () => {
    const withRefs = parseXml('<P n="a&#x1F600;&amp;"><T>x&#13;&#10;y &lt; z</T></P>');
    assert.strictEqual(attr(withRefs['P'] as Record<string, unknown>, 'n'), 'a😀&');
    assert.strictEqual(textOf((withRefs['P'] as Record<string, unknown>)['T']), 'x\r\ny < z');
    const plain = parseXml('<P n="&quot;q&apos;"><T>a &amp; b &gt; c</T></P>');
    assert.strictEqual(attr(plain['P'] as Record<string, unknown>, 'n'), '"q\'');
    assert.strictEqual(textOf((plain['P'] as Record<string, unknown>)['T']), 'a & b > c');
  });

  it('a truncated .qde is refused, wherever it is cut', () => {
    const text = qde();
    for (const frac of [0.1, 0.37, 0.5, 0.73, 0.99]) {
      const cut = text.slice(0, Math.floor(text.length * frac));
      assert.throws(() => importBytes('cut.qde', strToU8(cut)), /does not parse/, `cut at ${frac}`);
    }
  });
});
