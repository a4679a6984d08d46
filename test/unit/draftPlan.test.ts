import * as assert from 'assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { loadMergedPack } from '../../src/cli/nodePack';
import { draftPlan, provisionPrefix } from '../../src/core/draft/draftPlan';
import { planIdProblem, suggestedPlanId } from '../../src/core/draft/planId';
import type { KnowledgePack } from '../../src/core/data/model';
import { recognise } from '../../src/core/recognition/recognise';
import { bundledPack } from '../packFixture';
import { FIXTURES, SAMPLE_US } from '../paths';

const LAYOUTS = path.join(FIXTURES, 'recognition', 'layouts');

/** The bundled pack merged with a workspace pack holding one drafted plan, as the editor and CLI load it. */
async function withDraft(id: string, yaml: string): Promise<{ pack: KnowledgePack; problems: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-lens-draft-'));
  try {
    mkdirSync(path.join(dir, 'plans'));
    writeFileSync(path.join(dir, 'plans', `${id}.yaml`), yaml);
    const merged = await loadMergedPack(undefined, [dir]);
    return { pack: merged.pack, problems: merged.workspaceProblems.map((p) => `${p.line}: ${p.message}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 9 §2: `draft-plan`, a plan YAML drafted from any document. */
describe('draft-plan: a plan drafted from a document (issue 9)', function () {
  this.timeout(120_000);
  let bundled: KnowledgePack;
  before(async () => (bundled = await bundledPack()));

  it('drafts a valid plan from every layout fixture and the US study edition (schema and cross-checks)', async () => {
    const files = [...readdirSync(LAYOUTS).map((f) => path.join(LAYOUTS, f)), SAMPLE_US, path.join(FIXTURES, 'outline', 'report-with-toc.txt')];
    for (const [k, file] of files.entries()) {
      const id = `draft-test-${k}`;
      const draft = draftPlan(readFileSync(file, 'utf8'), bundled, { id, markdown: file.endsWith('.md') });
      const { pack, problems } = await withDraft(id, draft.yaml);
      assert.deepStrictEqual(problems, [], path.basename(file));
      assert.strictEqual(pack.plan(id)?.provisions.length, draft.provisions, path.basename(file));
    }
  });

  it('a drafted plan of a document no pack knows recognises that document, every provision at its heading', async () => {
    const text = readFileSync(path.join(FIXTURES, 'outline', 'report-with-toc.txt'), 'utf8');
    const id = 'responsible-computing-strategy';
    const draft = draftPlan(text, bundled, { id });
    const doc = parse(draft.yaml) as { plan: { title: string }; provisions: { id: string; kind: string; number: string | null; parent: string | null; heading: string }[] };
    assert.strictEqual(doc.plan.title, 'National Strategy for Responsible Computing');
    assert.deepStrictEqual(
      doc.provisions.map((p) => [p.id, p.kind, p.number, p.parent, p.heading]),
      [
        ['rcs-0', 'preamble', null, null, 'Preamble'],
        ['rcs-1', 'pillar', 'I', null, 'Part I Foundations'],
        ['rcs-1.1', 'section', '1', 'rcs-1', 'Why a strategy now'],
        ['rcs-1.2', 'section', '2', 'rcs-1', 'What we have learned'],
        ['rcs-2', 'pillar', 'II', null, 'Part II Measures'],
        ['rcs-2.1', 'section', '1', 'rcs-2', 'Skills for everyone'],
        ['rcs-2.2', 'section', '2', 'rcs-2', 'Fair access to computing'],
      ],
    );
    const { pack } = await withDraft(id, draft.yaml);
    const r = recognise(text, pack);
    assert.strictEqual(r.plan?.id, id);
    assert.deepStrictEqual(r.provisions.map((p) => p.provision.id), doc.provisions.map((p) => p.id));
    assert.strictEqual(r.provisions.find((p) => p.provision.id === 'rcs-2.1')!.range.start.line, 27);
  });

  it('a flat numbered list becomes actions; key phrases are phrases of their own section', () => {
    const text = readFileSync(path.join(LAYOUTS, 'cn-mfa-inline.txt'), 'utf8');
    const doc = parse(draftPlan(text, bundled, { id: 'inline-copy' }).yaml) as { provisions: { id: string; kind: string; keyPhrases: string[]; themes: string[]; summary: string }[] };
    const actions = doc.provisions.filter((p) => p.kind === 'action');
    assert.strictEqual(actions.length, 13);
    const lines = text.split('\n');
    actions.forEach((a, i) => {
      const own = lines.find((l) => l.startsWith(`${i + 1}. `))!.toLowerCase();
      for (const k of a.keyPhrases) assert.ok(own.includes(k.toLowerCase()), `${a.id}: "${k}" is in its own paragraph`);
      assert.match(a.summary, /^DRAFT: /);
    });
    assert.ok(actions[7]!.themes.includes('standards'), `action 8 themes: ${actions[7]!.themes.join(', ')}`);
    assert.ok(actions[3]!.keyPhrases.includes('digital infrastructure'), `action 4: ${actions[3]!.keyPhrases.join(', ')}`);
  });

  it('provision ids never clash with the pack: a prefix the pack already uses is not taken', () => {
    assert.strictEqual(provisionPrefix('eu-ai-continent-2025', bundled), 'eac');
    assert.notStrictEqual(provisionPrefix('us-ai-2027', bundled), 'us');
    assert.notStrictEqual(provisionPrefix('cn', bundled), 'cn');
    assert.throws(() => draftPlan('x', bundled, { id: 'Bad Id' }), /plan id/);
  });
});

describe('the id asked by Draft Plan from This Document (issue 9)', () => {
  it('offers an id from the file name and refuses ids the schema or the pack refuse', async () => {
    const pack = await bundledPack();
    assert.strictEqual(suggestedPlanId('EU AI Continent (2025).md'), 'eu-ai-continent-2025');
    assert.strictEqual(suggestedPlanId('aldoria-ai-compact.policy.md'), 'aldoria-ai-compact');
    assert.strictEqual(suggestedPlanId('2026 plan.txt'), 'plan-2026-plan');
    assert.strictEqual(planIdProblem('eu-ai-continent-2025', pack), undefined);
    assert.match(planIdProblem('EU plan', pack)!, /Lower-case letters/);
    assert.match(planIdProblem('us-ai-action-plan-2025', pack)!, /already in the knowledge pack/);
  });
});
