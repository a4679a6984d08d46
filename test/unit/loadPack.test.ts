import * as assert from 'assert';
import * as path from 'path';
import { loadPackFromDir } from '../../src/cli/nodePack';
import { loadKnowledgePack } from '../../src/core/data/loadPack';
import { formatProblem } from '../../src/core/data/problem';
import { YamlFile } from '../../src/core/data/yamlFile';
import { bundledPack } from '../packFixture';
import { FIXTURES } from '../paths';

describe('knowledge pack loading', () => {
  it('loads the bundled pack without problems: 16 themes, 2 plans, 48 provisions, 50 links', async () => {
    const pack = await bundledPack();
    assert.strictEqual(pack.themes.length, 16);
    assert.deepStrictEqual(pack.plans.map((p) => p.id).sort(), ['cn-global-ai-governance-2025', 'us-ai-action-plan-2025']);
    assert.strictEqual(pack.plan('us-ai-action-plan-2025')!.provisions.length, 34);
    assert.strictEqual(pack.plan('cn-global-ai-governance-2025')!.provisions.length, 14);
    assert.strictEqual(pack.links.length, 50);
    for (const plan of pack.plans) for (const p of plan.provisions) if (p.id !== 'us-2.4') assert.ok(pack.counterpartsOf(p.id).length > 0, `${p.id} has counterparts`);
  });

  it('reports every error of a broken pack with file, line, column and field', async () => {
    const { problems, pack } = await loadPackFromDir(path.join(FIXTURES, 'broken-pack'));
    const lines = problems.map(formatProblem).map((l) => l.replace(/^.*broken-pack\//, ''));
    const expect = [
      /^themes\.yaml:7:\d+: error: .*pattern.*\(themes\[0\]\.colour\.highContrast\)/,
      /^themes\.yaml:10:5: error: missing required field 'description' \(themes\[1\]\)/,
      /^plans\/one\.yaml:13:11: error: must be one of .*\(provisions\[1\]\.kind\)/,
      /^plans\/one\.yaml:17:5: error: unknown field 'colour' \(provisions\[1\]\.colour\)/,
    ];
    for (const re of expect) assert.ok(lines.some((l) => re.test(l)), `expected ${re} among\n${lines.join('\n')}`);
    // Files with schema errors are left out; the rest still loads.
    assert.deepStrictEqual(pack.plans.map((p) => p.id), ['plan-two']);
  });

  it('reports semantic errors: duplicate phrases, unknown themes and provisions, duplicate links', () => {
    const theme = (id: string, phrase: string) => `  - id: ${id}\n    label: L\n    description: D\n    colour: { dark: "#111111", light: "#222222", highContrast: "#333333" }\n    phrases:\n      - text: ${phrase}\n`;
    const { problems, pack } = loadKnowledgePack({
      themes: { file: 't.yaml', text: `version: 1\nthemes:\n${theme('a', 'open source')}${theme('b', 'Open-Source')}` },
      plans: [
        { file: 'p.yaml', text: 'version: 1\nplan: { id: p, title: P, shortTitle: P }\nprovisions:\n  - { id: p-1, kind: section, heading: H, summary: S, themes: [a, zzz] }\n' },
        { file: 'q.yaml', text: 'version: 1\nplan: { id: q, title: Q, shortTitle: Q }\nprovisions:\n  - { id: q-1, kind: section, heading: H, summary: S, themes: [] }\n' },
      ],
      counterparts: { file: 'c.yaml', text: 'version: 1\nlinks:\n  - { from: p-1, to: q-9, relation: aligned, confidence: high, summary: S }\n  - { from: p-1, to: q-1, relation: aligned, confidence: high, summary: S }\n  - { from: q-1, to: p-1, relation: partial, confidence: low, summary: S }\n' },
    });
    const msgs = problems.map(formatProblem);
    assert.ok(msgs.some((m) => /^t\.yaml:14:15: error: phrase 'Open-Source' is already listed under theme 'a'/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^p\.yaml:4:\d+: error: unknown theme 'zzz'/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^c\.yaml:3:\d+: error: unknown provision 'q-9'/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^c\.yaml:5:\d+: error: duplicate link/.test(m)), msgs.join('\n'));
    assert.strictEqual(pack.links.length, 1);
  });

  it('refuses alias bombs and oversized files without crashing', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const f = YamlFile.parse('bomb.yaml', bomb.join('\n'));
    assert.strictEqual(f.ok, false);
    assert.match(formatProblem(f.problems[0]!), /^bomb\.yaml:1:1: error: cannot expand YAML aliases/);
    const big = YamlFile.parse('big.yaml', 'x'.repeat(2000), { maxBytes: 1000, maxAliasCount: 10 });
    assert.match(formatProblem(big.problems[0]!), /over the limit of 1000/);
  });

  it('reports YAML syntax errors and duplicate keys at their position', () => {
    const f = YamlFile.parse('s.yaml', 'version: 1\nthemes:\n  - id: a\n    id: b\n  - [unclosed\n');
    const msgs = f.problems.map(formatProblem);
    assert.ok(msgs.some((m) => /^s\.yaml:4:5: error: .*[Uu]nique/.test(m)), msgs.join('\n'));
    assert.ok(msgs.length >= 2, msgs.join('\n'));
  });
});
