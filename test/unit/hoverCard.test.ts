import * as assert from 'assert';
import { KnowledgePack, type Provision, type Theme } from '../../src/core/data/model';
import { buildHoverCard, COMPACT_SUMMARY_CHARS, HOVER_COMMANDS, hoverDetailAt, MAX_COUNTERPARTS_IN_COMPACT_CARD, shorten } from '../../src/core/hover/hoverCard';
import { escapeMarkdown } from '../../src/core/hover/markdownText';
import { themesAt } from '../../src/core/hover/themesAt';
import { ThemeMatcher } from '../../src/core/lexicon/themeMatcher';
import { recognise, provisionAt } from '../../src/core/recognition/recognise';
import { LineIndex } from '../../src/core/text/lineIndex';
import { bundledPack } from '../packFixture';

const HOSTILE = 'Click [here](command:workbench.action.terminal.new) or <img src=x onerror=alert(1)> **bold** `code` https://evil.example';

function provision(id: string, planId: string, over: Partial<Provision> = {}): Provision {
  return { id, planId, kind: 'section', number: null, parent: null, heading: id, headingVerified: true, headingVariants: [], summary: 'S', keyPhrases: [], themes: ['t'], depth: 0, index: 0, ...over };
}

describe('hover card', () => {
  it('escapes text from data files: no links, HTML or command URIs survive', () => {
    const theme: Theme = { id: 't', label: HOSTILE, description: HOSTILE, colour: { dark: '#fff', light: '#000', highContrast: '#fff' }, phrases: [{ text: 'open source', variants: [], ambiguous: false }] };
    const a = provision('a-1', 'a', { heading: HOSTILE, summary: HOSTILE });
    const b = provision('b-1', 'b', { heading: HOSTILE, summary: HOSTILE });
    const pack = new KnowledgePack(
      [theme],
      [
        { id: 'a', title: 'A', shortTitle: HOSTILE, titleVariants: [], provisions: [a] },
        { id: 'b', title: 'B', shortTitle: 'B', titleVariants: [], provisions: [b] },
      ],
      [{ from: 'a-1', to: 'b-1', relation: 'contrasting', confidence: 'high', summary: HOSTILE }],
    );
    const md = buildHoverCard({ pack, located: { provision: a, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, headingRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, documentHeading: '' }, themes: [{ themeId: 't', start: 0, end: 11, text: HOSTILE, wrapped: false }] })!;
    // Escaped characters render as text; only an unescaped one could start a tag, a link or an autolink.
    assert.ok(!/(?<!\\)</.test(md), 'no unescaped <');
    assert.ok(!/(?<!\\)\]\((?!command:policyLens\.openProvision\?)/.test(md), 'no link but ours');
    assert.ok(!/https?:\/\//.test(md), 'no autolink');
    const commands = [...md.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepStrictEqual(commands, ['policyLens.openProvision']);
    assert.ok(HOVER_COMMANDS.includes('policyLens.openProvision'));
    assert.ok(md.includes('≠ ['), md);
    assert.ok(md.includes('*contrasting*'), md);
  });

  it('escapes every Markdown-active character', () => {
    assert.strictEqual(escapeMarkdown('a*b_[c](d)<e>'), 'a\\*b\\_\\[c\\]\\(d\\)\\<e\\>');
    assert.strictEqual(escapeMarkdown('line\n\n# heading'), 'line \\# heading');
  });

  it('shows provision, theme and counterparts for a real document position', async () => {
    const pack = await bundledPack();
    const text = '# Winning the Race: America\'s AI Action Plan\n\n## Introduction\n\nIntro.\n\n## Pillar I: Accelerate AI Innovation\n\nText.\n\n### Encourage Open-Source and Open-Weight AI\n\nWe back open source models and open-weight AI for research.\n';
    const r = recognise(text, pack, { markdown: true });
    const pos = { line: 12, character: 10 };
    const lines = new LineIndex(text);
    const themes = themesAt(new ThemeMatcher(pack.themes), lines, pos);
    assert.ok(themes.some((t) => t.themeId === 'open-source'), JSON.stringify(themes));
    const md = buildHoverCard({ pack, located: provisionAt(r, pos), themes })!;
    assert.match(md, /`us-1\.3`/);
    assert.match(md, /Theme: Open source/i);
    assert.match(md, /^[=≈≠] \[/m);
    assert.match(md, /cn-5/);
  });

  describe('compact and full cards (issue 12: the card was ~400 px, counterparts below the fold)', () => {
    const text = '# Winning the Race: America\'s AI Action Plan\n\n## Introduction\n\nIntro.\n\n## Pillar I: Accelerate AI Innovation\n\nText.\n\n### Encourage Open-Source and Open-Weight AI\n\nWe back open source models and open-weight AI for research.\n';
    async function cardAt(pos: { line: number; character: number }, setting: 'auto' | 'compact' | 'full') {
      const pack = await bundledPack();
      const r = recognise(text, pack, { markdown: true });
      const located = provisionAt(r, pos)!;
      const themes = themesAt(new ThemeMatcher(pack.themes), new LineIndex(text), pos);
      const detail = hoverDetailAt(setting, located, pos);
      return { pack, located, detail, md: buildHoverCard({ pack, located, themes, detail })! };
    }

    it('auto: the full card on the provision heading line, a compact one in its body', async () => {
      assert.strictEqual((await cardAt({ line: 10, character: 6 }, 'auto')).detail, 'full');
      assert.strictEqual((await cardAt({ line: 12, character: 10 }, 'auto')).detail, 'compact');
      assert.strictEqual((await cardAt({ line: 12, character: 10 }, 'full')).detail, 'full');
      assert.strictEqual((await cardAt({ line: 10, character: 6 }, 'compact')).detail, 'compact');
    });

    it('counterparts come before the summary and the theme, one line each in a compact card', async () => {
      const { md, pack, located } = await cardAt({ line: 12, character: 10 }, 'compact');
      const firstSection = md.split('\n\n---\n\n')[0]!;
      const lines = firstSection.split('  \n');
      assert.match(lines[0]!, /^\*\*.+\*\* · Section `us-1\.3` · \*\*Encourage/);
      const counterparts = pack.counterpartsOf('us-1.3');
      const shown = Math.min(counterparts.length, MAX_COUNTERPARTS_IN_COMPACT_CARD);
      for (let i = 0; i < shown; i++) assert.match(lines[1 + i]!, /^[=≈≠] \[.+\]\(command:policyLens\.openProvision\?.+\) · .+ `[\w.-]+` · \*(aligned|partial|contrasting)\*$/, lines[1 + i]);
      assert.ok(md.indexOf('cn-5') < md.indexOf('Theme:'), 'counterparts before the theme');
      // No explanation, no theme description, the summary only shortened.
      for (const c of counterparts) assert.ok(!md.includes(c.link.summary.slice(0, 30).replace(/[.\-()]/g, '\\$&')), 'no link explanation');
      const summary = md.split('\n\n---\n\n').at(-1)!;
      assert.ok(summary.replace(/\\/g, '').length <= COMPACT_SUMMARY_CHARS + 4, summary);
      assert.ok(located.provision.summary.length > COMPACT_SUMMARY_CHARS || summary.includes(located.provision.summary.slice(0, 20)));
      assert.ok(md.split('\n').filter((l) => l.trim() !== '' && l !== '---').length <= 7, `at most 7 lines:\n${md}`);
    });

    it('the full card has every explanation and the whole summary, still after the counterparts', async () => {
      const { md, located } = await cardAt({ line: 10, character: 6 }, 'auto');
      assert.match(md, /confidence\)\*/);
      assert.ok(md.includes('*Themes:*'));
      const head = escapeMarkdown(located.provision.summary);
      assert.ok(md.includes(head), 'whole summary');
      assert.ok(md.indexOf('cn-5') < md.indexOf(head), 'counterparts first');
    });

    it('shorten: first sentence, cut at a word with an ellipsis', () => {
      assert.strictEqual(shorten('One. Two three.', 50), 'One. …');
      assert.strictEqual(shorten('Only one sentence', 50), 'Only one sentence');
      assert.strictEqual(shorten('alpha beta gamma delta epsilon', 16), 'alpha beta…');
      assert.ok(shorten('x'.repeat(300), 140).length <= 140);
    });
  });
});
