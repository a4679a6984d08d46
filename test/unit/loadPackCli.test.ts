import * as assert from 'assert';
import { copyFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FIXTURES, REPO } from '../paths';
import { cli } from '../cliRun';

const WORKSPACE = path.join(FIXTURES, 'packs', 'workspace');
const DOC = path.join(WORKSPACE, 'docs', 'example-ministry-ai-plan-2026.md');
const PACK = path.join(WORKSPACE, '.policy-lens', 'pack');
const CLASH = path.join(FIXTURES, 'packs', 'clash');


interface Identified {
  plan: string | null;
  provisions: { id: string; start: { line: number } }[];
}

describe('policy-lens CLI with workspace knowledge packs (dist/cli.js)', function () {
  this.timeout(30000);
  let outside: string;
  let copy: string;

  before(() => {
    // The same document outside any .policy-lens tree: only --pack can make it known.
    outside = mkdtempSync(path.join(tmpdir(), 'policy-lens-cli-pack-'));
    copy = path.join(outside, 'ministry.md');
    copyFileSync(DOC, copy);
  });
  after(() => rmSync(outside, { recursive: true, force: true }));

  it('identify finds a third plan through the .policy-lens/pack above FILE', async () => {
    const r = await cli('identify', DOC, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, '');
    const out = JSON.parse(r.stdout) as Identified;
    assert.strictEqual(out.plan, 'example-ministry-ai-plan-2026');
    assert.deepStrictEqual(out.provisions.map((p) => p.id), ['ex-1', 'ex-2', 'ex-3', 'ex-4']);
  });

  it('outside the workspace the plan is unknown, and --pack DIR makes it known', async () => {
    const without = JSON.parse((await cli('identify', copy, '--json')).stdout) as Identified;
    assert.strictEqual(without.plan, null);
    const r = await cli('identify', copy, '--pack', PACK, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual((JSON.parse(r.stdout) as Identified).plan, 'example-ministry-ai-plan-2026');
  });

  it('counterparts from the workspace pack link the third plan to bundled provisions, both ways', async () => {
    const ident = JSON.parse((await cli('identify', DOC, '--json')).stdout) as Identified;
    const ex2 = ident.provisions.find((p) => p.id === 'ex-2')!;
    const r = await cli('counterparts', DOC, `${ex2.start.line}:3`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { counterparts: { id: string; plan: string }[] };
    assert.deepStrictEqual(out.counterparts.map((c) => `${c.plan}/${c.id}`), ['us-ai-action-plan-2025/us-1.5']);
    // From the bundled US sample, with --pack, the workspace link shows on the US side too.
    const us = path.join(REPO, 'samples', 'plans', 'us-ai-action-plan-2025.policy.md');
    const usIdent = JSON.parse((await cli('identify', us, '--json')).stdout) as Identified;
    const line = usIdent.provisions.find((p) => p.id === 'us-1.5')!.start.line;
    const back = JSON.parse((await cli('counterparts', us, `${line}:3`, '--pack', PACK, '--json')).stdout) as { counterparts: { id: string }[] };
    assert.ok(back.counterparts.some((c) => c.id === 'ex-2'), JSON.stringify(back));
  });

  it('a broken workspace pack warns with file:line:col on stderr and the command still runs', async () => {
    const r = await cli('identify', copy, '--pack', CLASH, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /^policy-lens: test\/fixtures\/packs\/clash\/themes\.yaml:4:9: error: duplicate theme id 'open-source' \(already defined at annotations\/themes\.yaml:\d+:9\)/m);
    assert.match(r.stderr, /clash\/plans\/copy-of-us\.yaml:3:\d+: error: duplicate plan id/);
    assert.strictEqual((JSON.parse(r.stdout) as Identified).plan, null);
  });

  it('--pack with a folder that does not exist is a usage error (exit 2)', async () => {
    const r = await cli('identify', copy, '--pack', path.join(outside, 'no-such-pack'));
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--pack .*no-such-pack: no such folder/);
  });
});
