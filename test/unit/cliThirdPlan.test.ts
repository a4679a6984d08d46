import * as assert from 'assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { cli, cliWith } from '../cliRun';
import { FIXTURES } from '../paths';

const ID = 'aldoria-ai-compact-2026';
const US = 'us-ai-action-plan-2025';
const DOC = path.join(FIXTURES, 'third-plan', 'aldoria-ai-compact.md');

interface Suggestion {
  from: string;
  candidates: { to: string; score: number; evidence: unknown[] }[];
}

/**
 * Issue 9: a third plan of our own (a fictional one, test/fixtures/third-plan/), end to end through the CLI as
 * the README's "Adding a third plan" walks it: draft-plan into the workspace pack → check → identify → suggest
 * against the US plan → a link written into the workspace pack's counterparts.yaml (as Accept Suggestion
 * writes it) → counterparts and hover show it.
 */
describe('a third plan, drafted, recognised and linked through the CLI (issue 9)', function () {
  this.timeout(180_000);
  let ws: string;
  let doc: string;
  let planFile: string;
  before(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'policy-lens-third-'));
    doc = path.join(ws, 'aldoria-ai-compact.md');
    copyFileSync(DOC, doc);
    planFile = path.join(ws, '.policy-lens', 'pack', 'plans', `${ID}.yaml`);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('draft-plan writes a plan YAML into the workspace pack that check finds valid', async () => {
    const run = await cli('draft-plan', doc, '--id', ID, '--out', planFile);
    assert.strictEqual(run.code, 0, run.stderr);
    const plan = parse(readFileSync(planFile, 'utf8')) as { plan: { id: string; title: string }; provisions: { id: string; kind: string; parent: string | null; heading: string; number: string | null; summary: string; keyPhrases: string[]; themes: string[] }[] };
    assert.strictEqual(plan.plan.id, ID);
    assert.strictEqual(plan.plan.title, 'The Aldoria Compact on Trustworthy Artificial Intelligence');
    const ids = plan.provisions.map((p) => p.id);
    assert.deepStrictEqual(ids, ['aac-0', 'aac-1', 'aac-1.1', 'aac-1.2', 'aac-1.3', 'aac-2', 'aac-2.1', 'aac-2.2', 'aac-2.3', 'aac-3', 'aac-3.1', 'aac-3.2']);
    const byId = new Map(plan.provisions.map((p) => [p.id, p]));
    assert.deepStrictEqual([byId.get('aac-1')!.kind, byId.get('aac-1')!.number, byId.get('aac-1')!.parent], ['pillar', 'I', null]);
    assert.deepStrictEqual([byId.get('aac-3.1')!.kind, byId.get('aac-3.1')!.number, byId.get('aac-3.1')!.parent], ['section', '1', 'aac-3']);
    assert.strictEqual(byId.get('aac-3.1')!.heading, 'Control Exports of Advanced Chips');
    assert.ok(byId.get('aac-3.1')!.themes.includes('export-controls-allies'), `themes ${byId.get('aac-3.1')!.themes.join(', ')}`);
    assert.ok(byId.get('aac-1.2')!.keyPhrases.includes('cooling technicians'), byId.get('aac-1.2')!.keyPhrases.join(', '));
    for (const p of plan.provisions) assert.match(p.summary, /^DRAFT: /);
    const check = await cli('check', ws);
    assert.strictEqual(check.code, 0, check.stdout + check.stderr);
    assert.strictEqual(check.stderr, '');
  });

  it('identify recognises the document as the drafted plan, every provision at its heading', async () => {
    const run = await cli('identify', doc, '--json');
    assert.strictEqual(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { plan: string; score: number; provisions: { id: string; start: { line: number } }[] };
    assert.strictEqual(out.plan, ID);
    assert.ok(out.score > 0.8, `score ${out.score}`);
    assert.strictEqual(out.provisions.length, 12);
    const lines = readFileSync(doc, 'utf8').split('\n');
    assert.strictEqual(lines[out.provisions.find((p) => p.id === 'aac-3.1')!.start.line], '### 1. Control Exports of Advanced Chips');
  });

  it('suggest against the US plan gives the export-control and open-weight sections as candidates', async () => {
    // From the workspace folder: PLAN ids are no files, so the CLI looks for .policy-lens/pack from the current folder up.
    const run = await cliWith({ cwd: ws }, 'suggest', ID, US, '--top', '3', '--json');
    assert.strictEqual(run.code, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as Suggestion[];
    const top = (from: string): string[] => rows.find((r) => r.from === from)!.candidates.map((c) => c.to);
    assert.strictEqual(rows.length, 12);
    assert.ok(top('aac-3.1').includes('us-3.3'), `export controls: ${top('aac-3.1').join(', ')}`);
    assert.strictEqual(top('aac-2.1')[0], 'us-1.3', 'open-weight models');
    assert.strictEqual(top('aac-1.2')[0], 'us-2.5', 'a workforce for AI infrastructure');
    for (const r of rows) for (const c of r.candidates) assert.ok(c.evidence.length > 0, `${r.from} → ${c.to} has evidence`);
  });

  it('a link written into the workspace counterparts.yaml shows in counterparts and hover', async () => {
    // What Accept Suggestion writes: one link with the relation picked and a note.
    const links = ['version: 1', 'links:', '  - from: aac-3.1', '    to: us-3.3', '    relation: aligned', '    confidence: medium', '    summary: Both tighten export controls on advanced chips and check where they end up.', ''];
    writeFileSync(path.join(ws, '.policy-lens', 'pack', 'counterparts.yaml'), links.join('\n'));
    const check = await cli('check', ws);
    assert.strictEqual(check.code, 0, check.stdout + check.stderr);
    const line = readFileSync(doc, 'utf8').split('\n').indexOf('### 1. Control Exports of Advanced Chips') + 2;
    const run = await cli('counterparts', doc, `${line}:10`, '--json');
    assert.strictEqual(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { provision: { id: string }; counterparts: { id: string; relation: string }[] };
    assert.strictEqual(out.provision.id, 'aac-3.1');
    assert.deepStrictEqual(out.counterparts.map((c) => [c.id, c.relation]), [['us-3.3', 'aligned']]);
    const hover = await cli('hover', doc, `${line}:10`, '--detail', 'full');
    assert.strictEqual(hover.code, 0, hover.stderr);
    assert.match(hover.stdout, /Control Exports of Advanced Chips/);
    assert.match(hover.stdout, /us-3\.3|Strengthen AI Compute Export Control Enforcement/);
    assert.match(hover.stdout, /Both tighten export controls/);
  });
});
