import * as assert from 'assert';
import { KnowledgePack } from '../../src/core/data/model';
import { buildHoverCard } from '../../src/core/hover/hoverCard';
import { HOVER_COMMANDS } from '../../src/core/hover/hoverCommands';
import { suggestedSection } from '../../src/core/hover/suggestedSection';
import { MIN_SHOWN_SCORE, PackSuggestions } from '../../src/core/suggest/packSuggestions';
import { suggestCounterparts } from '../../src/core/suggest/suggest';
import { LexiconTerms } from '../../src/core/similarity/lexiconTerms';
import { ProvisionIndex } from '../../src/core/similarity/provisionIndex';
import { checkSuggestionArgs } from '../../src/core/suggest/suggestionArgs';
import { bundledPack } from '../packFixture';

const CN = 'cn-global-ai-governance-2025';
const US = 'us-ai-action-plan-2025';

/** The editor's view of suggested counterparts (issue 9 §3): what the hover and Jump to Counterpart show. */
describe('suggested counterparts in the editor', function () {
  this.timeout(20000);

  it('ranks as suggestCounterparts does over the pack\'s plans, and shows neither curated nor dismissed pairs', async () => {
    const pack = await bundledPack();
    const ranking = new PackSuggestions(pack);
    const index = new ProvisionIndex(pack.plans, new LexiconTerms(pack.themes));
    const cli = suggestCounterparts(pack.themes, pack.plan(CN)!, pack.plan(US)!, { top: 12, index });
    for (const row of cli) {
      const ranked = ranking.ranked(row.from);
      const strong = row.candidates.filter((c) => c.evidence.some((e) => e.kind !== 'position'));
      assert.deepStrictEqual(ranked.map((c) => [c.provision.id, c.score]), strong.map((c) => [c.to, c.score]), row.from);
    }
    const from = 'cn-3';
    const curated = new Set(pack.counterpartsOf(from).map((c) => c.provision.id));
    const shown = ranking.shown(from, () => false);
    assert.strictEqual(shown.length, 3);
    for (const s of shown) assert.ok(!curated.has(s.provision.id), `${s.provision.id} is curated and has its own section`);
    for (const s of ranking.shown('cn-11', () => false)) assert.ok(s.score >= MIN_SHOWN_SCORE, 'weak candidates are not shown');
    const dismissed = shown[0]!.provision.id;
    const after = ranking.shown(from, (a, b) => (a === from && b === dismissed) || (b === from && a === dismissed));
    assert.ok(!after.some((s) => s.provision.id === dismissed));
    assert.deepStrictEqual(after.slice(0, 2), shown.slice(1, 3), 'the rest move up');
  });

  it('computes once per pack: the same ranking object for every provision of a plan, none without another plan', async () => {
    const pack = await bundledPack();
    const ranking = new PackSuggestions(pack);
    assert.strictEqual(ranking.ranked('cn-3'), ranking.ranked('cn-3'));
    const alone = new KnowledgePack(pack.themes, [pack.plan(CN)!], []);
    assert.deepStrictEqual(new PackSuggestions(alone).ranked('cn-3'), []);
    assert.strictEqual(suggestedSection(alone, alone.provision('cn-3')!, []), '');
  });

  it('the hover shows them in their own section after the curated links, with score, evidence and our command links only', async () => {
    const pack = await bundledPack();
    const provision = pack.provision('cn-3')!;
    const section = suggestedSection(pack, provision, new PackSuggestions(pack).shown('cn-3', () => false), 'file:///w/cn.txt');
    const card = buildHoverCard({ pack, located: { provision, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } } as never, themes: [], suggested: section })!;
    const curatedAt = card.indexOf(pack.counterpartsOf('cn-3')[0]!.provision.id);
    assert.ok(curatedAt >= 0 && curatedAt < card.indexOf('**Suggested**'), 'curated first');
    assert.strictEqual([...section.matchAll(/score \d\.\d\d/g)].length, 3);
    assert.strictEqual([...section.matchAll(/\n\*shared (themes|terms)\\: /g)].length, 3, 'an evidence line each');
    const commands = [...section.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)];
    for (const [, id] of commands) assert.ok(HOVER_COMMANDS.includes(id as never), id);
    const accept = commands.find((m) => m[1] === 'policyLens.acceptSuggestion')!;
    const args = JSON.parse(decodeURIComponent(accept[2]!)) as unknown[];
    assert.deepStrictEqual(checkSuggestionArgs(args[0], pack), args[0]);
  });

  it('checks command arguments as untrusted input', async () => {
    const pack = await bundledPack();
    assert.deepStrictEqual(checkSuggestionArgs({ from: 'cn-11', to: 'us-3.3' }, pack), { from: 'cn-11', to: 'us-3.3' });
    assert.match(checkSuggestionArgs(undefined, pack) as string, /expected/);
    assert.match(checkSuggestionArgs(['cn-11', 'us-3.3'], pack) as string, /expected/);
    assert.match(checkSuggestionArgs({ from: 'cn-11', to: 'us-99' }, pack) as string, /unknown provision 'us-99'/);
    assert.match(checkSuggestionArgs({ from: 'cn-11', to: 'cn-3' }, pack) as string, /same plan/);
    assert.match(checkSuggestionArgs({ from: 'cn-11', to: 'us-3.3', path: '../../etc' }, pack) as string, /unexpected field 'path'/);
    assert.match(checkSuggestionArgs({ from: '../x', to: 'us-3.3' }, pack) as string, /provision id/);
    assert.match(checkSuggestionArgs({ from: 'cn-11', to: 'us-3.3', document: 7 }, pack) as string, /URI string/);
  });
});
