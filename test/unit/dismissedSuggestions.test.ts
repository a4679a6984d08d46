import * as assert from 'assert';
import { addDismissed, DismissedSet, parseDismissed } from '../../src/core/suggest/dismissed';
import { DataError, formatProblem } from '../../src/core/data/problem';

const FILE = '.policy-lens/dismissed-suggestions.yaml';

/** The dismissed suggestions of a workspace (issue 9 §3): a small YAML list of {from, to}. */
describe('dismissed suggestions list', () => {
  it('absent or empty is an empty list; a written list reads back, in either direction', () => {
    assert.deepStrictEqual(parseDismissed(FILE, undefined), { pairs: [], problems: [] });
    assert.deepStrictEqual(parseDismissed(FILE, '\n'), { pairs: [], problems: [] });
    const one = addDismissed(FILE, undefined, { from: 'aac-3.1', to: 'us-1.1' });
    const two = addDismissed(FILE, one, { from: 'cn-3', to: 'us-2.4' });
    assert.ok(two.startsWith(one));
    const { pairs, problems } = parseDismissed(FILE, two);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(pairs, [{ from: 'aac-3.1', to: 'us-1.1' }, { from: 'cn-3', to: 'us-2.4' }]);
    const set = new DismissedSet(pairs);
    assert.ok(set.has('us-1.1', 'aac-3.1') && set.has('aac-3.1', 'us-1.1'));
    assert.ok(!set.has('aac-3.1', 'us-2.4'));
  });

  it('keeps comments; a pair listed already leaves the text as it is', () => {
    const mine = '# ours, keep\n- from: cn-3 # why\n  to: us-2.4\n';
    const out = addDismissed(FILE, mine, { from: 'cn-4', to: 'us-1.1' });
    assert.ok(out.startsWith(mine));
    assert.strictEqual(addDismissed(FILE, out, { from: 'us-2.4', to: 'cn-3' }), out);
    assert.strictEqual(parseDismissed(FILE, addDismissed(FILE, '# only a comment\n', { from: 'cn-4', to: 'us-1.1' })).pairs.length, 1);
    assert.deepStrictEqual(parseDismissed(FILE, addDismissed(FILE, '[]\n', { from: 'cn-4', to: 'us-1.1' })).pairs, [{ from: 'cn-4', to: 'us-1.1' }]);
  });

  it('validates on load with file:line:col problems, and hides nothing from a broken file', () => {
    const bad = '- from: cn-3\n  to: us-2.4\n- from: cn-4\n  too: us-1.1\n';
    const { pairs, problems } = parseDismissed(FILE, bad);
    assert.deepStrictEqual(pairs, []);
    assert.deepStrictEqual(problems.map(formatProblem).sort(), [
      `${FILE}:3:3: error: missing required field 'to' ([1])`,
      `${FILE}:4:3: error: unknown field 'too' ([1].too)`,
    ]);
    assert.match(parseDismissed(FILE, 'from: cn-3\n').problems.map(formatProblem).join('\n'), /:1:1: error: must be array/);
    assert.match(parseDismissed(FILE, '- from: "cn-3\n').problems.map(formatProblem).join('\n'), /^\.policy-lens\/dismissed-suggestions\.yaml:\d+:\d+: error: /);
  });

  it('a broken file is not rewritten, and ids that are no provision ids are refused', () => {
    assert.throws(() => addDismissed(FILE, '- from: cn-3\n', { from: 'cn-4', to: 'us-1.1' }), DataError);
    assert.throws(() => addDismissed(FILE, undefined, { from: 'cn-4\n- from: x', to: 'us-1.1' }), /not a provision id/);
  });
});
