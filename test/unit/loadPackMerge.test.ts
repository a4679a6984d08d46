import * as assert from 'assert';
import * as path from 'path';
import { checkWorkspacePacks, loadMergedPack, workspacePackProblems } from '../../src/cli/nodePack';
import { loadKnowledgePacks, type PackSources } from '../../src/core/data/loadPack';
import { boundProblems, formatProblem } from '../../src/core/data/problem';
import { FIXTURES } from '../paths';

const WORKSPACE = path.join(FIXTURES, 'packs', 'workspace');
const WORKSPACE_PACK = path.join(WORKSPACE, '.policy-lens', 'pack');
const CLASH_PACK = path.join(FIXTURES, 'packs', 'clash');

const theme = (id: string, phrase: string) =>
  `  - id: ${id}\n    label: L\n    description: D\n    colour: { dark: "#111111", light: "#222222", highContrast: "#333333" }\n    phrases:\n      - text: ${phrase}\n`;
const base: PackSources = {
  themes: { file: 'base/themes.yaml', text: `version: 1\nthemes:\n${theme('a', 'open source')}` },
  plans: [{ file: 'base/plans/p.yaml', text: 'version: 1\nplan: { id: p, title: P, shortTitle: P }\nprovisions:\n  - { id: p-1, kind: section, heading: H, summary: S, themes: [a] }\n' }],
  counterparts: { file: 'base/counterparts.yaml', text: 'version: 1\nlinks: []\n' },
};

describe('workspace knowledge packs merged with the bundled pack', () => {
  it('a theme id clash is an error at the second definition naming the first file and position', () => {
    const { problems, pack } = loadKnowledgePacks([base, { plans: [], themes: { file: 'ws/themes.yaml', text: `version: 1\nthemes:\n${theme('a', 'walled garden')}` } }]);
    const msgs = problems.map(formatProblem);
    assert.ok(msgs.some((m) => /^ws\/themes\.yaml:3:9: error: duplicate theme id 'a' \(already defined at base\/themes\.yaml:3:9\)/.test(m)), msgs.join('\n'));
    // The bundled theme stays as it was: the workspace cannot add phrases to it through a clash.
    assert.deepStrictEqual(pack.theme('a')!.phrases.map((p) => p.text), ['open source']);
  });

  it('plan, provision and phrase clashes across packs name both files; the rest of the workspace pack loads', () => {
    const ws: PackSources = {
      themes: { file: 'ws/themes.yaml', text: `version: 1\nthemes:\n${theme('b', 'Open-Source')}${theme('c', 'walled garden')}` },
      plans: [
        { file: 'ws/plans/p.yaml', text: 'version: 1\nplan: { id: p, title: P2, shortTitle: P2 }\nprovisions:\n  - { id: q-1, kind: section, heading: H, summary: S, themes: [] }\n' },
        { file: 'ws/plans/q.yaml', text: 'version: 1\nplan: { id: q, title: Q, shortTitle: Q }\nprovisions:\n  - { id: p-1, kind: section, heading: H, summary: S, themes: [] }\n  - { id: q-2, kind: section, heading: H2, summary: S, themes: [c] }\n' },
      ],
    };
    const { problems, pack } = loadKnowledgePacks([base, ws]);
    const msgs = problems.map(formatProblem);
    const expect = [
      /^ws\/plans\/p\.yaml:2:\d+: error: duplicate plan id 'p' \(already defined at base\/plans\/p\.yaml:2:\d+\)/,
      /^ws\/plans\/q\.yaml:4:\d+: error: duplicate provision id 'p-1' \(already in plan 'p' at base\/plans\/p\.yaml:4:\d+\)/,
      /^ws\/themes\.yaml:8:15: error: phrase 'Open-Source' is already listed under theme 'a' \(base\/themes\.yaml:8:15\)/,
    ];
    for (const re of expect) assert.ok(msgs.some((m) => re.test(m)), `expected ${re} among\n${msgs.join('\n')}`);
    assert.strictEqual(pack.plan('p')!.title, 'P', 'the first definition wins');
    assert.deepStrictEqual(pack.plan('q')!.provisions.map((p) => p.id), ['q-2']);
    assert.deepStrictEqual(pack.provision('q-2')!.themes, ['c'], 'a workspace plan uses a workspace theme');
  });

  it('links in a workspace pack join provisions of any pack; the same link twice is a clash naming the first', () => {
    const ws: PackSources = {
      plans: [{ file: 'ws/plans/r.yaml', text: 'version: 1\nplan: { id: r, title: R, shortTitle: R }\nprovisions:\n  - { id: r-1, kind: section, heading: H, summary: S, themes: [a] }\n' }],
      counterparts: { file: 'ws/counterparts.yaml', text: 'version: 1\nlinks:\n  - { from: r-1, to: p-1, relation: aligned, confidence: high, summary: S }\n  - { from: p-1, to: r-1, relation: partial, confidence: low, summary: S }\n' },
    };
    const { problems, pack } = loadKnowledgePacks([base, ws]);
    assert.deepStrictEqual(pack.counterpartsOf('p-1').map((c) => c.provision.id), ['r-1']);
    assert.ok(problems.map(formatProblem).some((m) => /^ws\/counterparts\.yaml:4:\d+: error: duplicate link between 'p-1' and 'r-1' \(already linked at ws\/counterparts\.yaml:3:\d+\)/.test(m)));
  });

  it('the example workspace pack merges cleanly: a third plan, a new theme, links to bundled provisions', async () => {
    const merged = await loadMergedPack(path.join(WORKSPACE, 'docs', 'example-ministry-ai-plan-2026.md'), []);
    assert.deepStrictEqual(merged.workspaceProblems.map(formatProblem), []);
    assert.deepStrictEqual(merged.bundledProblems.map(formatProblem), []);
    assert.deepStrictEqual(merged.folders, [WORKSPACE_PACK]);
    const { pack } = merged;
    assert.strictEqual(pack.plans.length, 3);
    assert.strictEqual(pack.themes.length, 17);
    assert.ok(pack.theme('civic-trust'));
    assert.deepStrictEqual(pack.counterpartsOf('ex-1').map((c) => c.provision.id), ['us-1.12']);
    assert.ok(pack.counterpartsOf('us-1.5').some((c) => c.provision.id === 'ex-2'), 'the bundled provision sees the workspace link');
    assert.ok(pack.counterpartsOf('cn-4').some((c) => c.provision.id === 'ex-3'));
  });

  it('check: the clash fixture names the bundled files, and an invalid plan file is reported at file:line:col', async () => {
    const problems = (await workspacePackProblems(undefined, [CLASH_PACK])).map(formatProblem);
    const rel = (p: string) => path.relative(process.cwd(), p).replace(/[.\\/]/g, (c) => `\\${c}`);
    const expect = [
      new RegExp(`^${rel(path.join(CLASH_PACK, 'themes.yaml'))}:4:9: error: duplicate theme id 'open-source' \\(already defined at .*annotations/themes\\.yaml:\\d+:9\\)`),
      new RegExp(`^${rel(path.join(CLASH_PACK, 'plans', 'copy-of-us.yaml'))}:3:\\d+: error: duplicate plan id 'us-ai-action-plan-2025' \\(already defined at .*annotations/plans/us-ai-action-plan-2025\\.yaml:\\d+:\\d+\\)`),
      new RegExp(`^${rel(path.join(CLASH_PACK, 'plans', 'broken.yaml'))}:\\d+:\\d+: error: `),
    ];
    for (const re of expect) assert.ok(problems.some((m) => re.test(m)), `expected ${re} among\n${problems.join('\n')}`);
  });

  it('check finds the workspace pack above each PATH, claims PATHs inside it, and adds --pack folders', async () => {
    const planFile = path.join(WORKSPACE_PACK, 'plans', 'example-ministry-ai-plan-2026.yaml');
    const ok = await checkWorkspacePacks([path.join(WORKSPACE, 'docs'), planFile], []);
    assert.deepStrictEqual(ok.problems.map(formatProblem), []);
    assert.deepStrictEqual(ok.checked, [path.relative(process.cwd(), WORKSPACE_PACK)]);
    assert.deepStrictEqual([...ok.claimed], [planFile]);
    const bad = await checkWorkspacePacks([path.join(WORKSPACE, 'docs')], [CLASH_PACK]);
    assert.strictEqual(bad.checked.length, 2);
    assert.ok(bad.problems.some((p) => p.severity === 'error' && /duplicate theme id 'open-source'/.test(p.message)));
  });

  it('problem lists are bounded per file, the rest summarised in one line', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ file: 'big.yaml', line: i, character: 0, severity: 'error' as const, message: 'x' }));
    const bounded = boundProblems([...many, { file: 'other.yaml', line: 0, character: 0, severity: 'error', message: 'y' }], 100);
    assert.strictEqual(bounded.filter((p) => p.file === 'big.yaml').length, 101);
    assert.match(formatProblem(bounded[bounded.length - 1]!), /^big\.yaml:1:1: warning: … 50 more problems/);
    assert.ok(bounded.some((p) => p.file === 'other.yaml'));
  });

  it('a plan with 300 schema errors yields at most 101 problems', () => {
    const provisions = Array.from({ length: 300 }, (_, i) => `  - { id: r-${i}, kind: nope, heading: H, summary: S, themes: [] }`).join('\n');
    const { problems } = loadKnowledgePacks([base, { plans: [{ file: 'ws/r.yaml', text: `version: 1\nplan: { id: r, title: R, shortTitle: R }\nprovisions:\n${provisions}\n` }] }]);
    const mine = problems.filter((p) => p.file === 'ws/r.yaml');
    assert.strictEqual(mine.length, 101);
  });
});
