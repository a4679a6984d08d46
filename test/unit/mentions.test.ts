import * as assert from 'assert';
import * as fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { MENTION_PATTERNS, MentionFinder, type Mention } from '../../src/core/mentions/mentions';
import { PASSAGE_PATTERNS, passages } from '../../src/core/mentions/passages';
import { REFERENCE_PATTERNS, romanValue } from '../../src/core/mentions/references';
import { TOKEN_PATTERNS } from '../../src/core/similarity/tokens';
import { LineIndex } from '../../src/core/text/lineIndex';
import { bundledPack } from '../packFixture';
import { FIXTURES } from '../paths';

const COMMENTARY = path.join(FIXTURES, 'mentions', 'commentary-two-plans.md');

interface Expected {
  mentions: { line: number; provision: string; via: string; text: string }[];
  noMentionLines: number[];
}

let finder: MentionFinder | undefined;
async function mentionsOf(text: string): Promise<Mention[]> {
  finder ??= new MentionFinder(await bundledPack());
  return finder.find(text);
}

const brief = (ms: readonly Mention[]): string[] => ms.map((m) => `${m.provision} ${m.via} ${JSON.stringify(m.text)}`);

describe('mentions of provisions', function () {
  this.timeout(60000);

  it('finds exactly the expected mentions in a commentary comparing the two plans', async () => {
    const text = readFileSync(COMMENTARY, 'utf8');
    const expected = JSON.parse(readFileSync(COMMENTARY.replace(/\.md$/, '.expected.json'), 'utf8')) as Expected;
    const lines = new LineIndex(text);
    const found = await mentionsOf(text);
    const got = found.map((m) => ({ line: lines.positionAt(m.start).line, provision: m.provision, via: m.via, text: m.text }));
    assert.strictEqual(got.length, expected.mentions.length, `found:\n${brief(found).join('\n')}`);
    expected.mentions.forEach((e, i) => {
      const g = got[i]!;
      assert.deepStrictEqual([g.line, g.provision, g.via], [e.line, e.provision, e.via], `mention ${i}: ${JSON.stringify(g)}`);
      assert.ok(g.text.startsWith(e.text), `mention ${i}: ${JSON.stringify(g.text)}`);
    });
    for (const line of expected.noMentionLines) assert.ok(!got.some((g) => g.line === line), `line ${line}: ${lines.lineText(line)}`);
    for (const m of found) {
      assert.strictEqual(text.slice(m.start, m.end), m.text);
      assert.ok(m.score > 0 && m.score <= 1);
    }
  });

  it('does not take generic theme words for mentions', async () => {
    const text = [
      'Both governments stress international cooperation, open source, safety and security, and standards.',
      'Energy, data centers, the Global South, capacity building and the public sector come up again and again.',
      'The United Nations, international organizations and developing countries are named, as are export controls.',
    ].join('\n\n');
    assert.deepStrictEqual(brief(await mentionsOf(text)), []);
  });

  it('resolves numbered and topical references with the plan they name, and leaves ambiguous ones alone', async () => {
    const cases: [string, string[]][] = [
      ['Pillar 2 is about building.', ['us-2 reference "Pillar 2"']],
      ['The second pillar is about building.', ['us-2 reference "second pillar"']],
      ["Then comes China's action 3 on industry.", ['cn-3 reference "China\'s action 3"']],
      ['Section 3 is short.', []],
      ["The Chinese plan's section on open-source communities is long.", ['cn-5 reference "Chinese plan\'s section on open-source communities"']],
      ['In the US plan, Action No. 5 does not exist.', []],
      ['The US plan is long. Part 1 of this series looked at it, and section 2 of our report too.', []],
      ['The US plan, Part III, looks abroad.', ['us-3 reference "US plan, Part III"']],
      ['China has nothing like Pillar II.', ['us-2 reference "Pillar II"']],
      ["China's Action No. 4 is about infrastructure.", ['cn-4 reference "China\'s Action No. 4"']],
      ["The American plan's pillar on infrastructure dominates.", ['us-2 reference "American plan\'s pillar on infrastructure"']],
      ['We read the 3rd action of the Chinese plan.', ['cn-3 reference "3rd action of the Chinese plan"']],
    ];
    for (const [text, want] of cases) assert.deepStrictEqual(brief(await mentionsOf(text)), want, text);
  });

  it("judges each paragraph on its own: a paragraph's mentions do not depend on its neighbours", async () => {
    const paragraphs = readFileSync(COMMENTARY, 'utf8').split(/\n\n+/);
    await mentionsOf('');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: paragraphs.length - 1 }), { minLength: 1, maxLength: 6 }), (picks) => {
        const parts = picks.map((i) => paragraphs[i]!);
        const whole = parts.join('\n\n');
        const alone: string[] = [];
        let at = 0;
        for (const p of parts) {
          for (const m of finder!.find(p)) alone.push(`${m.start + at} ${m.provision} ${m.via} ${m.score}`);
          at += p.length + 2;
        }
        assert.deepStrictEqual(finder!.find(whole).map((m) => `${m.start} ${m.provision} ${m.via} ${m.score}`), alone);
      }),
      { seed: 9, numRuns: 40 },
    );
  });

  it('cuts passages at sentence ends, not at abbreviations, and at Markdown blocks', () => {
    const text = '# Title\nThe U.S. plan is long. China has one too.\n- an item\n  that wraps\n\nNew paragraph, e.g. this one.';
    assert.deepStrictEqual(passages(text).map((p) => text.slice(p.start, p.end)), ['# Title', 'The U.S. plan is long.', 'China has one too.', '- an item\n  that wraps', 'New paragraph, e.g. this one.']);
    assert.deepStrictEqual(['I', 'II', 'IV', 'IX', 'XIII'].map(romanValue), [1, 2, 4, 9, 13]);
  });

  it('runs only linear regexes on document text (recheck)', async function () {
    let recheck: { checkSync(source: string, flags: string): { status: string } };
    try {
      recheck = require('recheck') as typeof recheck;
    } catch {
      this.skip();
    }
    await mentionsOf('');
    const cueSource = finder!.cues.source!;
    const all: [string, string][] = [...TOKEN_PATTERNS, ...PASSAGE_PATTERNS, ...REFERENCE_PATTERNS, ...MENTION_PATTERNS].map((r) => [r.source, r.flags.replace(/g|y/g, '')]);
    all.push([cueSource, 'u']);
    for (const [source, flags] of all) assert.strictEqual(recheck.checkSync(source, flags).status, 'safe', `/${source}/${flags}`);
  });
});
