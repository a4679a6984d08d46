import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { buildMentionCard } from '../../src/core/hover/mentionCard';
import { MentionFinder, type Mention } from '../../src/core/mentions/mentions';
import { mentionAt, mentionOutline } from '../../src/vscode/mentions/mentionLookup';
import { bundledPack } from '../packFixture';
import { FIXTURES } from '../paths';

const COMMENTARY = path.join(FIXTURES, 'mentions', 'commentary-two-plans.md');

const m = (start: number, end: number, provision: string, score = 0.8, via: Mention['via'] = 'key-phrase'): Mention => ({
  start, end, text: 'x'.repeat(end - start), plan: provision.split('-')[0]!, provision, score, via,
});

/** Issue 9 §4 in the editor: the mention under the cursor, and a commentary's outline. */
describe('mentions in the editor', function () {
  this.timeout(60000);

  it('finds the mention under the cursor, its end included; the narrower one inside a paraphrase', () => {
    const mentions = [m(0, 10, 'us-0'), m(20, 80, 'us-1.5', 0.4, 'paraphrase'), m(30, 39, 'us-2', 0.9, 'reference'), m(100, 110, 'cn-5')];
    assert.strictEqual(mentionAt(mentions, 0)?.provision, 'us-0');
    assert.strictEqual(mentionAt(mentions, 10)?.provision, 'us-0');
    assert.strictEqual(mentionAt(mentions, 15), undefined);
    assert.strictEqual(mentionAt(mentions, 25)?.provision, 'us-1.5');
    assert.strictEqual(mentionAt(mentions, 33)?.provision, 'us-2');
    assert.strictEqual(mentionAt(mentions, 60)?.provision, 'us-1.5');
    assert.strictEqual(mentionAt(mentions, 105)?.provision, 'cn-5');
    assert.strictEqual(mentionAt([], 5), undefined);
  });

  it("outlines the commentary fixture: one entry per mentioned provision, grouped by plan, in order of first mention", async () => {
    const pack = await bundledPack();
    const text = readFileSync(COMMENTARY, 'utf8');
    const found = new MentionFinder(pack).find(text);
    const outline = mentionOutline(pack, found);
    assert.deepStrictEqual(outline.map((p) => p.plan), ['us-ai-action-plan-2025', 'cn-global-ai-governance-2025']);
    const ids = outline.map((p) => p.provisions.map((x) => x.provision));
    assert.deepStrictEqual(ids, [
      ['us-0', 'us-1.4', 'us-1.3', 'us-2', 'us-1.5', 'us-3.3', 'us-3', 'us-3.7'],
      ['cn-0', 'cn-2', 'cn-5', 'cn-12', 'cn-10'],
    ]);
    for (const plan of outline) {
      assert.ok(plan.title.length > 0);
      for (const p of plan.provisions) {
        assert.strictEqual(p.heading, pack.provision(p.provision)!.heading);
        // The outline points at the first mention.
        assert.strictEqual(p.mentions[0], found.find((f) => f.provision === p.provision));
      }
    }
  });

  it("a mention's hover card says it is a mention and by what evidence, then shows the provision's card", async () => {
    const pack = await bundledPack();
    const text = readFileSync(COMMENTARY, 'utf8');
    const mention = new MentionFinder(pack).find(text).find((x) => x.provision === 'us-0')!;
    const zero = { line: 0, character: 0 };
    const card = buildMentionCard({ pack, mention, range: { start: zero, end: zero }, themes: [] })!;
    assert.match(card, /^\*Mention of this provision, by one of its key phrases:\* “Build, Baby, Build” \*\(score 0\.\d\d\)\*/);
    assert.match(card, /`us-0`/);
    // Its counterparts, one line each with their relation, as on the plan itself.
    for (const c of pack.counterpartsOf('us-0').slice(0, 3)) assert.ok(card.includes(`\`${c.provision.id}\``), c.provision.id);
    const gone = buildMentionCard({ pack, mention: { ...mention, provision: 'us-99' }, range: { start: zero, end: zero }, themes: [] });
    assert.strictEqual(gone, undefined);
  });
});
