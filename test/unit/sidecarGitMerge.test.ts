import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatProblem } from '../../src/core/data/problem';
import { parseSidecar, serializeSidecar, updateSidecarText, type Annotation, type Sidecar } from '../../src/core/sidecar/api';

const FILE = 'plan.policy.md.annotations.yaml';

function ann(id: string, start: number, note?: string): Annotation {
  const a: Annotation = {
    id,
    target: { quote: { exact: `passage at ${start}`, prefix: 'context before ', suffix: ' context after' }, position: { start, end: start + 40 } },
    codes: ['international-cooperation'],
    created: '2025-07-23T10:00:00.000Z',
  };
  if (note !== undefined) a.note = note;
  return a;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Policy Lens Test', '-c', 'user.email=test@policy-lens.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Each analyst edits the sidecar the way the editor does: read, change, updateSidecarText, commit. */
function analyst(dir: string, branch: string, change: (s: Sidecar) => Sidecar): void {
  git(dir, 'checkout', '-q', '-b', branch, 'main');
  const file = path.join(dir, FILE);
  const text = fs.readFileSync(file, 'utf8');
  const current = parseSidecar(FILE, text, { maxBytes: 1e7 }).sidecar!;
  fs.writeFileSync(file, updateSidecarText(text, change(current)));
  git(dir, 'commit', '-q', '-am', `${branch} annotates`);
}

describe('sidecar: two analysts, one document, a clean git merge', function () {
  this.timeout(60_000);

  const base: Sidecar = {
    version: 1,
    document: 'plan.policy.md',
    annotations: [ann('a-base000100', 1000, 'a shared note'), ann('a-base000200', 2000), ann('a-base000300', 3000)],
  };
  const scenarios: { name: string; a: (s: Sidecar) => Sidecar; b: (s: Sidecar) => Sidecar; expect: string[] }[] = [
    {
      name: 'A adds near the start, B near the end',
      a: (s) => ({ ...s, annotations: [...s.annotations, ann('a-anaa000001', 10)] }),
      b: (s) => ({ ...s, annotations: [...s.annotations, ann('a-anab000001', 9000)] }),
      expect: ['a-anaa000001', 'a-base000100', 'a-base000200', 'a-base000300', 'a-anab000001'],
    },
    {
      name: 'both add in the middle, on either side of an annotation, and each edits a different one',
      a: (s) => ({ ...s, annotations: [...s.annotations.map((x) => (x.id === 'a-base000100' ? { ...x, note: 'A revised this' } : x)), ann('a-anaa000002', 1500)] }),
      b: (s) => ({ ...s, annotations: [...s.annotations.map((x) => (x.id === 'a-base000300' ? { ...x, codes: ['sovereignty'] } : x)), ann('a-anab000002', 2500)] }),
      expect: ['a-base000100', 'a-anaa000002', 'a-base000200', 'a-anab000002', 'a-base000300'],
    },
    {
      name: 'A deletes the first annotation, B adds after the last',
      a: (s) => ({ ...s, annotations: s.annotations.filter((x) => x.id !== 'a-base000100') }),
      b: (s) => ({ ...s, annotations: [...s.annotations, ann('a-anab000003', 5000)] }),
      expect: ['a-base000200', 'a-base000300', 'a-anab000003'],
    },
  ];

  for (const sc of scenarios) {
    it(sc.name, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-merge-'));
      try {
        git(dir, 'init', '-q');
        fs.writeFileSync(path.join(dir, FILE), serializeSidecar(base));
        git(dir, 'add', FILE);
        git(dir, 'commit', '-q', '-m', 'base');
        analyst(dir, 'analyst-a', sc.a);
        analyst(dir, 'analyst-b', sc.b);
        git(dir, 'checkout', '-q', 'analyst-a');
        git(dir, 'merge', '--no-edit', '-q', 'analyst-b'); // throws on a conflict
        assert.strictEqual(git(dir, 'status', '--porcelain'), '');
        const merged = parseSidecar(FILE, fs.readFileSync(path.join(dir, FILE), 'utf8'), { maxBytes: 1e7 });
        assert.deepStrictEqual(merged.problems.map(formatProblem), []);
        assert.deepStrictEqual(merged.annotations.map((a) => a.id), sc.expect);
        if (sc.name.startsWith('both')) {
          assert.strictEqual(merged.annotations[0]!.note, 'A revised this');
          assert.deepStrictEqual(merged.annotations[4]!.codes, ['sovereignty']);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
