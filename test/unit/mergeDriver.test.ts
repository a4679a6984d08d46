import * as assert from 'assert';
import { spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatProblem } from '../../src/core/data/problem';
import { parseSidecar, serializeSidecar, updateSidecarText, type Annotation, type Sidecar } from '../../src/core/sidecar/api';
import { CLI } from '../paths';

/**
 * The merge driver through real git: a repository set up by `policy-lens git-setup` (pointing at this
 * checkout's dist/cli.js), two analysts on two branches, then `git merge` or `git rebase`.
 */
const FILE = 'plan.policy.md.annotations.yaml';

function ann(id: string, start: number, note?: string, codes = ['sovereignty']): Annotation {
  const a: Annotation = {
    id,
    target: { quote: { exact: `passage at ${start}`, prefix: 'context before ', suffix: ' context after' }, position: { start, end: start + 40 } },
    codes,
    created: '2025-07-23T10:00:00.000Z',
  };
  if (note !== undefined) a.note = note;
  return a;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitStatus(cwd: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function read(dir: string): { text: string; sidecar: Sidecar; problems: string[] } {
  const text = fs.readFileSync(path.join(dir, FILE), 'utf8');
  const parsed = parseSidecar(FILE, text, { maxBytes: 1e7 });
  return { text, sidecar: parsed.sidecar!, problems: parsed.problems.map(formatProblem) };
}

/** An analyst's commit on `branch` (from `from`): the sidecar read, changed, written as the editor writes it. */
function analyst(dir: string, branch: string, from: string, change: (s: Sidecar) => Sidecar): void {
  git(dir, 'checkout', '-q', '-b', branch, from);
  const file = path.join(dir, FILE);
  const exists = fs.existsSync(file);
  const text = exists ? fs.readFileSync(file, 'utf8') : '';
  const current = exists ? parseSidecar(FILE, text, { maxBytes: 1e7 }).sidecar! : { version: 1 as const, document: 'plan.policy.md', annotations: [] };
  const next = change(current);
  fs.writeFileSync(file, exists ? updateSidecarText(text, next) : serializeSidecar(next));
  git(dir, 'add', FILE);
  git(dir, 'commit', '-q', '-m', `${branch} annotates`);
}

const base: Sidecar = { version: 1, document: 'plan.policy.md', annotations: [ann('a-base000100', 1000, 'a shared note'), ann('a-base000200', 2000), ann('a-base000300', 3000)] };
const edit = (s: Sidecar, id: string, f: (a: Annotation) => Annotation): Sidecar => ({ ...s, annotations: s.annotations.map((a) => (a.id === id ? f(a) : a)) });
const ids = (s: Sidecar): string[] => s.annotations.map((a) => a.id);

describe('merge driver: sidecars merged by annotation id in real git', function () {
  this.timeout(120_000);
  let dir: string;

  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy lens merge ')); // a space: the driver's paths are quoted
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 'Policy Lens Test');
    git(dir, 'config', 'user.email', 'test@policy-lens.invalid');
    git(dir, 'config', 'commit.gpgsign', 'false');
    const setup = cli(dir, 'git-setup', dir);
    assert.strictEqual(setup.status, 0, setup.stderr);
    fs.writeFileSync(path.join(dir, 'plan.policy.md'), 'The plan.\n');
    git(dir, 'add', '.gitattributes', 'plan.policy.md');
    git(dir, 'commit', '-q', '-m', 'plan');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function withBase(): void {
    fs.writeFileSync(path.join(dir, FILE), serializeSidecar(base));
    git(dir, 'add', FILE);
    git(dir, 'commit', '-q', '-m', 'base annotations');
  }

  function mergeBIntoA(): { status: number | null; out: string } {
    git(dir, 'checkout', '-q', 'analyst-a');
    return gitStatus(dir, 'merge', '--no-edit', 'analyst-b');
  }

  function assertSavesUnchanged(): void {
    const { text, sidecar } = read(dir);
    assert.strictEqual(updateSidecarText(text, sidecar), text, 'the next save would change the merged file');
  }

  it('git-setup is idempotent and --check sees it', () => {
    const again = cli(dir, 'git-setup', dir);
    assert.strictEqual(again.status, 0, again.stderr);
    assert.match(again.stdout, /already has/);
    assert.strictEqual(fs.readFileSync(path.join(dir, '.gitattributes'), 'utf8'), '*.annotations.yaml merge=policy-lens\n');
    assert.match(git(dir, 'config', '--local', '--get', 'merge.policy-lens.driver'), /cli\.js'? merge-driver %O %A %B %P/);
    assert.strictEqual(cli(dir, 'git-setup', dir, '--check').status, 0);
  });

  it('git-setup --check fails when .gitattributes names the driver but the clone has not configured it', () => {
    git(dir, 'config', '--local', '--unset', 'merge.policy-lens.driver');
    const r = cli(dir, 'git-setup', dir, '--check');
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /has not configured it/);
  });

  it('add/add: both branches create the sidecar; merged clean', () => {
    analyst(dir, 'analyst-a', 'main', (s) => ({ ...s, annotations: [ann('a-anaa000001', 10, 'by A')] }));
    analyst(dir, 'analyst-b', 'main', (s) => ({ ...s, annotations: [ann('a-anab000001', 20, 'by B')] }));
    const m = mergeBIntoA();
    assert.strictEqual(m.status, 0, m.out);
    const { sidecar, problems } = read(dir);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(ids(sidecar), ['a-anaa000001', 'a-anab000001']);
    assertSavesUnchanged();
  });

  it('modify/modify of different annotations: clean', () => {
    withBase();
    analyst(dir, 'analyst-a', 'main', (s) => edit(s, 'a-base000100', (a) => ({ ...a, note: 'A revised this' })));
    analyst(dir, 'analyst-b', 'main', (s) => edit(s, 'a-base000200', (a) => ({ ...a, codes: ['open-source'] })));
    const m = mergeBIntoA();
    assert.strictEqual(m.status, 0, m.out);
    const { sidecar } = read(dir);
    assert.strictEqual(sidecar.annotations[0]!.note, 'A revised this');
    assert.deepStrictEqual(sidecar.annotations[1]!.codes, ['open-source']);
    assertSavesUnchanged();
  });

  it('the same annotation, different fields on each side: clean (a text merge would conflict)', () => {
    withBase();
    analyst(dir, 'analyst-a', 'main', (s) => edit(s, 'a-base000100', (a) => ({ ...a, note: 'A revised this', modified: '2025-08-01T00:00:00.000Z' })));
    analyst(dir, 'analyst-b', 'main', (s) => edit(s, 'a-base000100', (a) => ({ ...a, codes: ['sovereignty', 'open-source'], author: 'B', modified: '2025-08-02T00:00:00.000Z' })));
    const m = mergeBIntoA();
    assert.strictEqual(m.status, 0, m.out);
    const a = read(dir).sidecar.annotations[0]!;
    assert.deepStrictEqual([a.note, a.codes, a.author, a.modified], ['A revised this', ['sovereignty', 'open-source'], 'B', '2025-08-02T00:00:00.000Z']);
    assertSavesUnchanged();
  });

  it('the same field of one annotation changed on both sides: a conflict, both values kept in a file that loads', () => {
    withBase();
    analyst(dir, 'analyst-a', 'main', (s) => edit(s, 'a-base000100', (a) => ({ ...a, note: 'A says yes' })));
    analyst(dir, 'analyst-b', 'main', (s) => edit(s, 'a-base000100', (a) => ({ ...a, note: 'B says no' })));
    const m = mergeBIntoA();
    assert.notStrictEqual(m.status, 0);
    assert.match(m.out, /CONFLICT: annotation 'a-base000100': note changed differently on both sides/);
    assert.match(git(dir, 'status', '--porcelain'), /^UU /m);
    const { sidecar, problems } = read(dir);
    const byId = new Map(sidecar.annotations.map((a) => [a.id, a]));
    assert.strictEqual(byId.get('a-base000100')!.note, 'A says yes');
    assert.strictEqual(byId.get('a-base000100.conflict')!.note, 'B says no');
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0]!, /warning: merge conflict: annotation 'a-base000100' was changed differently/);
    assertSavesUnchanged();
  });

  it('delete/modify: the changed annotation is kept, an untouched deleted one goes', () => {
    withBase();
    analyst(dir, 'analyst-a', 'main', (s) => ({ ...s, annotations: s.annotations.filter((a) => a.id !== 'a-base000200' && a.id !== 'a-base000300') }));
    analyst(dir, 'analyst-b', 'main', (s) => edit(s, 'a-base000200', (a) => ({ ...a, note: 'B needs this' })));
    const m = mergeBIntoA();
    assert.strictEqual(m.status, 0, m.out);
    assert.match(m.out, /kept annotation 'a-base000200': deleted on our side, changed on theirs/);
    const { sidecar } = read(dir);
    assert.deepStrictEqual(ids(sidecar), ['a-base000100', 'a-base000200']);
    assert.strictEqual(sidecar.annotations[1]!.note, 'B needs this');
    assertSavesUnchanged();
  });

  it('a rebase replays one analyst onto the other through the driver', () => {
    withBase();
    analyst(dir, 'analyst-a', 'main', (s) => edit(s, 'a-base000100', (a) => ({ ...a, note: 'A revised this' })));
    analyst(dir, 'analyst-b', 'main', (s) => ({ ...edit(s, 'a-base000100', (a) => ({ ...a, codes: ['open-source'] })), annotations: [...edit(s, 'a-base000100', (a) => ({ ...a, codes: ['open-source'] })).annotations, ann('a-anab000001', 2500)] }));
    const r = gitStatus(dir, 'rebase', 'analyst-a');
    assert.strictEqual(r.status, 0, r.out);
    const { sidecar } = read(dir);
    assert.deepStrictEqual(ids(sidecar), ['a-base000100', 'a-base000200', 'a-anab000001', 'a-base000300']);
    assert.strictEqual(sidecar.annotations[0]!.note, 'A revised this');
    assert.deepStrictEqual(sidecar.annotations[0]!.codes, ['open-source']);
    assert.strictEqual(git(dir, 'log', '--format=%s', '-n', '2'), 'analyst-b annotates\nanalyst-a annotates\n');
  });

  it('a side with errors: exit 1, OURS untouched', () => {
    const t = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-driver-'));
    try {
      const good = serializeSidecar(base);
      fs.writeFileSync(path.join(t, 'O'), good);
      fs.writeFileSync(path.join(t, 'A'), good);
      fs.writeFileSync(path.join(t, 'B'), good.replace('version: 1', 'version: 7'));
      const r = cli(t, 'merge-driver', 'O', 'A', 'B', FILE);
      assert.strictEqual(r.status, 1);
      assert.match(r.stderr, /cannot merge plan\.policy\.md\.annotations\.yaml: their version has errors/);
      assert.strictEqual(fs.readFileSync(path.join(t, 'A'), 'utf8'), good);
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  });
});
