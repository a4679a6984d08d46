import * as assert from 'assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FIXTURES } from '../paths';
import { cli } from '../cliRun';

const WORKSPACE_PACK = path.join(FIXTURES, 'packs', 'workspace', '.policy-lens', 'pack');
/** A YAML syntax error: the flow sequence opened on line 4 is never closed (reported at 5:1, where the file ends). */
const BROKEN = 'version: 1\nplan:\n  id: broken-plan\n  title: [unclosed\n';


describe('policy-lens check validates workspace packs (dist/cli.js)', function () {
  this.timeout(30000);
  let broken: string;
  let valid: string;

  before(() => {
    broken = mkdtempSync(path.join(tmpdir(), 'policy-lens-check-broken-'));
    mkdirSync(path.join(broken, '.policy-lens', 'pack', 'plans'), { recursive: true });
    writeFileSync(path.join(broken, '.policy-lens', 'pack', 'plans', 'x.yaml'), BROKEN);
    valid = mkdtempSync(path.join(tmpdir(), 'policy-lens-check-valid-'));
    cpSync(WORKSPACE_PACK, path.join(valid, '.policy-lens', 'pack'), { recursive: true });
  });
  after(() => {
    rmSync(broken, { recursive: true, force: true });
    rmSync(valid, { recursive: true, force: true });
  });

  it('a folder whose .policy-lens/pack has a broken plan file: file:line:col and exit 1', async () => {
    const r = await cli('check', broken);
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) assert.match(l, /^\S+:\d+:\d+: (error|warning): /, l);
    const own = lines.filter((l) => l.includes(path.join('.policy-lens', 'pack', 'plans', 'x.yaml')));
    assert.ok(own.length >= 1, r.stdout);
    assert.match(own[0]!, /x\.yaml:5:1: error: Flow sequence/);
  });

  it('a file inside the workspace pack is checked as part of it, not as a bundled-layout pack', async () => {
    const r = await cli('check', path.join(broken, '.policy-lens', 'pack', 'plans', 'x.yaml'));
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /x\.yaml:\d+:\d+: error: /);
  });

  it('a valid workspace pack passes, named in the ok line', async () => {
    const r = await cli('check', valid);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\.policy-lens[\\/]pack.*: ok$/m);
  });

  it('--pack DIR is validated with the bundled pack: broken fails, valid passes', async () => {
    const bad = await cli('check', '--pack', path.join(broken, '.policy-lens', 'pack'));
    assert.strictEqual(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /x\.yaml:\d+:\d+: error: /);
    const ok = await cli('check', '--pack', WORKSPACE_PACK);
    assert.strictEqual(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /annotations.*, .*\.policy-lens[\\/]pack: ok$/m);
  });
});
