import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadKnowledgePacks } from '../../src/core/data/loadPack';
import { findPackUpwards, readPackFolder, workspaceRelativeFolder } from '../../src/core/data/packFolder';
import { formatProblem } from '../../src/core/data/problem';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';

const port = new NodeFileSystem();

describe('workspace knowledge pack folders (read through the file-system port)', () => {
  let root: string;
  const display = (loc: string) => path.relative(root, loc);
  const write = (rel: string, content: string | Uint8Array) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-pack-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('an absent folder is no pack and no problem; themes.yaml and counterparts.yaml are optional', async () => {
    assert.deepStrictEqual(await readPackFolder(port, path.join(root, 'nothing'), { display }), { exists: false, sources: { plans: [] }, problems: [] });
    write('pack/plans/a.yaml', 'version: 1\n');
    write('pack/plans/notes.txt', 'not a plan');
    const folder = await readPackFolder(port, path.join(root, 'pack'), { display });
    assert.deepStrictEqual(folder.problems, []);
    assert.strictEqual(folder.sources.themes, undefined);
    assert.deepStrictEqual(folder.sources.plans.map((p) => p.file), [path.join('pack', 'plans', 'a.yaml')]);
  });

  it('invalid YAML in a workspace plan is reported at file:line:col', async () => {
    write('pack/plans/bad.yaml', 'version: 1\nplan:\n  id: x\n  title: [unclosed\n');
    const folder = await readPackFolder(port, path.join(root, 'pack'), { display });
    const { problems } = loadKnowledgePacks([folder.sources]);
    const msgs = problems.map(formatProblem);
    assert.ok(msgs.length > 0 && msgs.every((m) => /^pack\/plans\/bad\.yaml:\d+:\d+: error: /.test(m)), msgs.join('\n'));
    assert.ok(problems.some((p) => p.line >= 3), 'positioned on the broken line, not at the top');
  });

  it('an alias bomb in a workspace pack is refused, the other files still load', async () => {
    const bomb = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const [prev, next] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      bomb.push(`${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    write('pack/themes.yaml', bomb.join('\n'));
    write('pack/plans/ok.yaml', 'version: 1\nplan: { id: ok, title: OK, shortTitle: OK }\nprovisions:\n  - { id: ok-1, kind: section, heading: H, summary: S, themes: [] }\n');
    const folder = await readPackFolder(port, path.join(root, 'pack'), { display });
    const { problems, pack } = loadKnowledgePacks([folder.sources]);
    assert.ok(problems.map(formatProblem).some((m) => /^pack\/themes\.yaml:1:1: error: cannot expand YAML aliases/.test(m)));
    assert.deepStrictEqual(pack.plans.map((p) => p.id), ['ok']);
  });

  it('a file over the size limit is refused before it is read; invalid UTF-8 is reported', async () => {
    write('pack/plans/big.yaml', `version: 1\n# ${'x'.repeat(5000)}\n`);
    write('pack/counterparts.yaml', new Uint8Array([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const folder = await readPackFolder(port, path.join(root, 'pack'), { display, maxBytes: 1000 });
    const msgs = folder.problems.map(formatProblem);
    assert.ok(msgs.some((m) => /^pack\/plans\/big\.yaml:1:1: error: .*over the limit of 1 KB/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^pack\/counterparts\.yaml:1:1: error: not valid UTF-8/.test(m)), msgs.join('\n'));
    assert.deepStrictEqual(folder.sources.plans, []);
    assert.strictEqual(folder.sources.counterparts, undefined);
  });

  it('a plans entry that is not a regular file (a folder named x.yaml) is skipped, a pack path that is a file is an error', async () => {
    mkdirSync(path.join(root, 'pack', 'plans', 'dir.yaml'), { recursive: true });
    assert.deepStrictEqual((await readPackFolder(port, path.join(root, 'pack'), { display })).sources.plans, []);
    write('file-pack', 'x');
    assert.match(formatProblem((await readPackFolder(port, path.join(root, 'file-pack'), { display })).problems[0]!), /must be a folder/);
  });

  it('the upward search finds the nearest .policy-lens/pack and stops at a folder holding .git', async () => {
    mkdirSync(path.join(root, 'outer', '.policy-lens', 'pack'), { recursive: true });
    mkdirSync(path.join(root, 'outer', 'repo', 'docs', 'deep'), { recursive: true });
    assert.strictEqual(await findPackUpwards(port, path.join(root, 'outer', 'repo', 'docs', 'deep')), path.join(root, 'outer', '.policy-lens', 'pack'));
    // A repository root (a .git folder, or a worktree's .git file) ends the search: the outer pack is not the repo's.
    write('outer/repo/.git', 'gitdir: elsewhere\n');
    assert.strictEqual(await findPackUpwards(port, path.join(root, 'outer', 'repo', 'docs', 'deep')), undefined);
    mkdirSync(path.join(root, 'outer', 'repo', '.policy-lens', 'pack'), { recursive: true });
    assert.strictEqual(await findPackUpwards(port, path.join(root, 'outer', 'repo', 'docs')), path.join(root, 'outer', 'repo', '.policy-lens', 'pack'));
  });

  it('policyLens.packFolders entries stay inside the workspace folder: absolute paths and .. are refused', () => {
    assert.deepStrictEqual(workspaceRelativeFolder('packs/ministry/'), { folder: 'packs/ministry' });
    assert.deepStrictEqual(workspaceRelativeFolder('.\\packs\\x'), { folder: 'packs/x' });
    for (const bad of ['/etc', 'C:\\packs', 'file:///etc', '../other', 'a/../../b', '', '.', 42, null]) {
      assert.ok('refused' in workspaceRelativeFolder(bad), JSON.stringify(bad));
    }
  });
});
