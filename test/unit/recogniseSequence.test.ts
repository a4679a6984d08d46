import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { KnowledgePack } from '../../src/core/data/model';
import { recognise } from '../../src/core/recognition/recognise';
import { bundledPack } from '../packFixture';
import { FIXTURES } from '../paths';

const CN = 'cn-global-ai-governance-2025';
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, 'recognition', name), 'utf8');

/** The line of each numbered heading in a fixture, by provision id (cn-1 … cn-13), found by its number. */
function headingLines(text: string, numerals: readonly string[], delimiter: string): Map<string, number> {
  const lines = text.split('\n');
  const out = new Map<string, number>();
  numerals.forEach((n, i) => out.set(`cn-${i + 1}`, lines.findIndex((l) => l.startsWith(`${n}${delimiter}`))));
  return out;
}

const HAN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];
const ARABIC = HAN.map((_, i) => String(i + 1));

describe('numbered headings in sequence (issue 13 item 7)', () => {
  let pack: KnowledgePack;
  before(async () => (pack = await bundledPack()));

  function assertAllFound(text: string, expected: Map<string, number>): void {
    const r = recognise(text, pack);
    assert.strictEqual(r.plan?.id, CN);
    assert.deepStrictEqual(r.provisions.map((p) => p.provision.id), pack.plan(CN)!.provisions.map((p) => p.id));
    for (const [id, line] of expected) {
      assert.ok(line > 0, `${id} is in the fixture`);
      const lp = r.provisions.find((p) => p.provision.id === id)!;
      assert.strictEqual(lp.range.start.line, line, `${id} starts at its heading`);
    }
    // No provision swallows the next one.
    const top = r.provisions.filter((p) => p.provision.depth === 0);
    for (let i = 1; i < top.length; i++) assert.ok(top[i - 1]!.range.end.line < top[i]!.range.start.line, `${top[i - 1]!.provision.id} ends before ${top[i]!.provision.id}`);
  }

  it('a Chinese-original text with 一、 … 十三、 headings yields all 14 provisions; cn-4 no longer swallows items 5–13', () => {
    const text = fixture('cn-original-style.txt');
    assertAllFound(text, headingLines(text, HAN, '、'));
  });

  it('`5. Qwerty` in an English text is provision cn-5, in its place among its siblings', () => {
    const text = fixture('en-unknown-heading.txt');
    const expected = headingLines(text, ARABIC, '. ');
    assertAllFound(text, expected);
    const r = recognise(text, pack);
    assert.strictEqual(r.provisions.find((p) => p.provision.id === 'cn-5')!.documentHeading, 'Qwerty');
  });

  it('a number out of sequence, or in another form than its siblings, is not taken for a provision without shared words', () => {
    const base = fixture('en-unknown-heading.txt');
    for (const replacement of ['7. Qwerty', '(5) Qwerty', '   5. Qwerty', '**5. Qwerty**']) {
      const r = recognise(base.replace('5. Qwerty', replacement), pack);
      assert.strictEqual(r.plan?.id, CN);
      assert.strictEqual(r.provisions.find((p) => p.provision.id === 'cn-5'), undefined, replacement);
    }
  });

  it('a numbered list of thirteen items with at most one heading known is not taken for the plan', () => {
    const items = ARABIC.map((n, i) => `${n}. ${i === 2 ? 'Empowering thousands of industries with AI' : `Item number ${n} of the shopping list`}`);
    const r = recognise(['Things to buy this week', '', ...items].join('\n'), pack);
    assert.strictEqual(r.plan, null);
  });
});
