import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/** Set Up Git Merge Driver (issue 10, §3): what `policy-lens git-setup` does, from the editor (desktop). */
describe('Set Up Git Merge Driver', () => {
  let dir: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-e2e-git-'));
    git('init', '-q');
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('writes the .gitattributes line and the clone’s driver, which runs a copy of the CLI that outlives updates', async () => {
    const r = await vscode.commands.executeCommand<{ attributesChanged: boolean; configChanged: boolean; driver: string } | undefined>('policyLens.setUpGitMergeDriver', vscode.Uri.file(dir));
    assert.ok(r, 'set up (the workspace is trusted in this pass)');
    assert.strictEqual(await fs.readFile(path.join(dir, '.gitattributes'), 'utf8'), '*.annotations.yaml merge=policy-lens\n');
    const driver = git('config', '--local', '--get', 'merge.policy-lens.driver');
    assert.strictEqual(driver, r.driver);
    assert.match(driver, / merge-driver %O %A %B %P$/);
    const cli = /'?([^' ]*merge-driver[/\\]cli\.js)'?/.exec(driver)?.[1];
    assert.ok(cli && existsSync(cli), `the CLI copy named in ${driver} exists`);
    const again = await vscode.commands.executeCommand<{ attributesChanged: boolean; configChanged: boolean }>('policyLens.setUpGitMergeDriver', vscode.Uri.file(dir));
    assert.deepStrictEqual([again.attributesChanged, again.configChanged], [false, false], 'idempotent');
  });
});
