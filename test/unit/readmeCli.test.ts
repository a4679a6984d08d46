import * as assert from 'assert';
import { execFile } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { REPO, SAMPLE_US } from '../paths';

/** The words of a shell line as sh would split them (double quotes only), up to an unquoted `#` comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(#.*$)|([^\s"]+)/g)) {
    if (m[2] !== undefined) break;
    words.push(m[1] ?? m[3]!);
  }
  return words;
}

/** The command lines of the README's CLI section (its first `sh` block). */
function readmeCliLines(): string[] {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## The CLI'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((l) => l.trim() !== '');
}

function run(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(argv[0] === 'node' ? process.execPath : argv[0]!, argv.slice(1), { cwd: REPO, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Regression (issue 13, item 11): the README's `npx policy-lens …` lines failed on a fresh clone ("policy-lens: not found"). */
describe('the README’s CLI lines run as written (FILE: a copy of the US sample)', () => {
  const lines = readmeCliLines();
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-lens-readme-'));
    file = path.join(dir, path.basename(SAMPLE_US)); // annotate writes a sidecar beside it: not in samples/
    copyFileSync(SAMPLE_US, file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('splits shell words as sh does', () => {
    assert.deepStrictEqual(shellWords('node dist/cli.js annotate FILE 41:0-41:29 --note "a # b"   # comment'), ['node', 'dist/cli.js', 'annotate', 'FILE', '41:0-41:29', '--note', 'a # b']);
  });

  it('documents every command of the CLI, each run from the repository root without npx', async () => {
    assert.ok(lines.length >= 8, lines.join('\n'));
    for (const l of lines) assert.match(l, /^node dist\/cli\.js \w/, l);
    const help = await run(['node', 'dist/cli.js', '--help']);
    const usage = help.stdout + help.stderr;
    const commands = [...usage.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!);
    assert.ok(commands.length >= 8, usage);
    const documented = new Set(lines.map((l) => shellWords(l)[2]));
    for (const c of commands) assert.ok(documented.has(c), `${c} is not in the README`);
  });

  // One test per line, in the README's order (annotate before annotations); FILE is the sample copy and
  // [PATH…] is optional (check then validates what is under the working folder).
  for (const line of lines) {
    it(`exits 0 with output${line.includes('--json') ? ' in JSON' : ''}: ${line.replace(/\s+#.*$/, '')}`, async () => {
      const argv = shellWords(line).filter((w) => w !== '[PATH…]').map((w) => (w === 'FILE' ? file : w));
      const r = await run(argv);
      assert.strictEqual(r.code, 0, `${line}\n${r.stderr}`);
      assert.ok(r.stdout.trim().length > 0, `${line}: no output`);
      if (argv.includes('--json')) assert.doesNotThrow(() => JSON.parse(r.stdout) as unknown, line);
    });
  }
});
