import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { githubAnnotation } from '../../src/cli/githubFormat';
import { cli, cliWith } from '../cliRun';
import { FIXTURES, SAMPLE_US } from '../paths';

/** `policy-lens check` as a PR check: every annotation re-anchored in the document as it is now (issue 10, §5). */
describe('policy-lens check: sidecars re-anchored (the PR check)', function () {
  this.timeout(60000);
  let dir: string;
  let doc: string;
  let original: string;
  const passage = 'distinct asset for innovation';

  /** Annotates `passage` (code open-source) and the plan's first word (code data); returns their ids. */
  async function annotateTwo(): Promise<{ moved: string; title: string }> {
    const lines = original.split('\n');
    const line = lines.findIndex((l) => l.includes(passage));
    const ch = lines[line]!.indexOf(passage);
    const a = await cli('annotate', doc, `${line}:${ch}-${line}:${ch + passage.length}`, '--code', 'open-source', '--code', 'innovation-industry');
    const b = await cli('annotate', doc, '0:2-0:9', '--code', 'data');
    assert.strictEqual(a.code + b.code, 0, a.stderr + b.stderr);
    return { moved: a.stdout.trim(), title: b.stdout.trim() };
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-check-'));
    doc = path.join(dir, 'us.policy.md');
    await fs.copyFile(SAMPLE_US, doc);
    original = await fs.readFile(doc, 'utf8');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('an unchanged document: ok, exit 0', async () => {
    await annotateTwo();
    const r = await cliWith({ cwd: dir }, 'check', 'us.policy.md.annotations.yaml');
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /: ok$/m);
  });

  it('an edited passage is a warning (exit 0) naming the annotation, its codes and its old place', async () => {
    const { moved } = await annotateTwo();
    const line = original.split('\n').findIndex((l) => l.includes(passage));
    const ch = original.split('\n')[line]!.indexOf(passage);
    await fs.writeFile(doc, original.replace(passage, 'distinct asset for inventions'));
    const r = await cliWith({ cwd: dir }, 'check', '.', '--json');
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    const problems = JSON.parse(r.stdout) as { file: string; line: number; character: number; severity: string; message: string; annotation: string; codes: string[]; status: string }[];
    assert.deepStrictEqual(problems.map((p) => [p.file, p.line, p.character, p.severity, p.annotation, p.codes, p.status]), [['us.policy.md', line, ch, 'warning', moved, ['open-source', 'innovation-industry'], 'fuzzy']]);
    assert.match(problems[0]!.message, /open-source, innovation-industry/);
    const text = await cliWith({ cwd: dir }, 'check', 'us.policy.md.annotations.yaml');
    assert.strictEqual(text.stdout.trim(), `us.policy.md:${line + 1}:${ch + 1}: warning: ${problems[0]!.message}`);
    assert.match(text.stdout, new RegExp(`annotation ${moved} \\(open-source, innovation-industry\\) .*us\\.policy\\.md\\.annotations\\.yaml:\\d+\\)`));
  });

  it('a deleted passage is an error (exit 1); --format github prints ::error workflow commands', async () => {
    const { moved, title } = await annotateTwo();
    await fs.writeFile(doc, original.replace(passage, 'nothing of the kind here at all, no').replace(/^# .*$/m, '# Untitled'));
    const r = await cliWith({ cwd: dir }, 'check', 'us.policy.md.annotations.yaml');
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 2, r.stdout);
    assert.match(lines[0]!, new RegExp(`^us\\.policy\\.md:1:3: error: annotation ${title} \\(data\\) is orphaned`));
    assert.match(lines[1]!, new RegExp(`^us\\.policy\\.md:\\d+:\\d+: error: annotation ${moved} \\(open-source, innovation-industry\\) is orphaned`));
    const gh = await cliWith({ cwd: dir }, 'check', 'us.policy.md.annotations.yaml', '--format', 'github');
    assert.strictEqual(gh.code, 1);
    const cmds = gh.stdout.trim().split('\n');
    assert.strictEqual(cmds.length, 2);
    assert.match(cmds[0]!, new RegExp(`^::error file=us\\.policy\\.md,line=1,col=3,title=Policy Lens::annotation ${title} \\(data\\) is orphaned`));
    for (const c of cmds) assert.match(c, /^::error file=[^,:]+,line=\d+,col=\d+,title=Policy Lens::[^\n]+$/);
  });

  it('pack validation keeps working, also as GitHub annotations; an unknown --format is a usage error', async () => {
    const gh = await cli('check', path.join(FIXTURES, 'broken-pack'), '--format', 'github');
    assert.strictEqual(gh.code, 1);
    for (const l of gh.stdout.trim().split('\n')) assert.match(l, /^::(error|warning) file=[^:]+\.yaml,line=\d+,col=\d+,title=Policy Lens::/);
    const bad = await cli('check', '--format', 'xml');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--format must be github or text/);
  });

  it("github workflow commands are escaped by GitHub's rules (%, CR, LF; also ':' and ',' in properties)", () => {
    const line = githubAnnotation({ file: 'a,b:c\\d%.md', line: 0, character: 4, severity: 'warning', message: '100% sure:\r\nnext, line' });
    assert.strictEqual(line, '::warning file=a%2Cb%3Ac/d%25.md,line=1,col=5,title=Policy Lens::100%25 sure:%0D%0Anext, line');
  });
});
