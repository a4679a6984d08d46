import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkCommand } from '../../src/cli/checkCommand';
import type { Problem } from '../../src/core/data/problem';
import { MAX_PROBLEMS_PER_FILE } from '../../src/core/limits';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { limitProblems, pushAll } from '../../src/core/sidecar/problemLimit';

const MAX_BYTES = 10 * 1024 * 1024;
const emptyItems = (n: number): string => `version: 1\ndocument: d.md\nannotations:\n${'  - {}\n'.repeat(n)}`;

describe('problem lists are bounded per file (issue 13, item 4)', function () {
  this.timeout(120000);

  it('regression: 100,000 `{}` items give the first problems and one line saying how many more, not 400,000', () => {
    const r = parseSidecar('s.yaml', emptyItems(100_000), { maxBytes: MAX_BYTES });
    assert.strictEqual(r.readOnly, true);
    assert.strictEqual(r.annotations.length, 0);
    assert.strictEqual(r.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    const last = r.problems[r.problems.length - 1]!;
    assert.strictEqual(last.severity, 'error');
    assert.match(last.message, new RegExp(`^${400_000 - MAX_PROBLEMS_PER_FILE} more problems not listed \\(400000 in all`));
    // The listed ones are the first in the file.
    assert.strictEqual(r.problems[0]!.field, 'annotations[0]');
  });

  it('regression: `check` on that sidecar prints a bounded report instead of crashing (array spread into push)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-limits-'));
    try {
      writeFileSync(path.join(dir, 'd.md'), 'doc\n');
      const file = path.join(dir, 'd.md.annotations.yaml');
      writeFileSync(file, emptyItems(100_000));
      const out = await checkCommand([file]);
      assert.strictEqual(out.failed, true);
      const lines = out.text.split('\n');
      assert.strictEqual(lines.length, MAX_PROBLEMS_PER_FILE + 1);
      assert.match(lines[lines.length - 1]!, /error: 399900 more problems not listed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a sidecar with few problems lists them all, with no summary line', () => {
    const r = parseSidecar('s.yaml', emptyItems(3), { maxBytes: MAX_BYTES });
    assert.strictEqual(r.problems.length, 12);
    assert.ok(r.problems.every((p) => !/more problems/.test(p.message)));
  });

  it('limitProblems: per file, the summary after each file\'s last listed problem, an error only if one is hidden', () => {
    const p = (file: string, line: number, severity: Problem['severity'] = 'warning'): Problem => ({ file, line, character: 0, severity, message: `m${line}` });
    const input = [p('a', 0), p('a', 1), p('a', 2, 'error'), p('b', 0), p('b', 1), p('b', 2), p('c', 0)];
    const out = limitProblems(input, 2);
    assert.deepStrictEqual(
      out.map((x) => `${x.file}:${x.line}:${x.severity}:${x.message}`),
      ['a:0:warning:m0', 'a:1:warning:m1', 'a:1:error:1 more problems not listed (3 in all; the first 2 are above)', 'b:0:warning:m0', 'b:1:warning:m1', 'b:1:warning:1 more problems not listed (3 in all; the first 2 are above)', 'c:0:warning:m0'],
    );
    assert.deepStrictEqual(limitProblems(input, 10), input);
  });

  it('pushAll appends 1,000,000 items (push(...items) overflows the stack)', () => {
    const target = [0];
    const items = new Array<number>(1_000_000).fill(1);
    assert.throws(() => target.push(...items), RangeError);
    pushAll(target, items);
    assert.strictEqual(target.length, 1_000_001);
  });

  it('an alias in each of 1,000 annotations: each reported once (grouped), the clean ones still load', () => {
    const item = (i: number, alias: boolean) =>
      `  - id: a-${i}\n    target:\n      quote:\n        exact: ${alias ? '*x' : 'ab'}\n        prefix: ''\n        suffix: ''\n      position:\n        start: 0\n        end: 2\n    codes:\n      - data\n    created: 2025-01-01\n`;
    const items = Array.from({ length: 2_000 }, (_, i) => item(i, i % 2 === 1)).join('');
    const r = parseSidecar('s.yaml', `x: &x ab\nversion: 1\ndocument: d.md\nannotations:\n${items}`, { maxBytes: MAX_BYTES });
    assert.strictEqual(r.annotations.length, 1_000);
    assert.strictEqual(r.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.match(r.problems[1]!.message, /^YAML alias \*x is not allowed in a sidecar$/);
  });
});
