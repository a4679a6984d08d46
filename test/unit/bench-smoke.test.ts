import * as assert from 'assert';
import { FIGURES } from '../../bench/figures';
import { exponent, isLinear } from '../../bench/figures/fig8-scale';
import { parseActivation, unusedEntries } from '../../bench/figures/fig7-startup';
import { compare, percentile, renderTable } from '../../bench/framework';
import { Inputs, markdownDocument, Rng } from '../../bench/inputs';
import { allRows, runBench, selectFigures } from '../../bench/run';

/**
 * Every benchmark once, on tiny inputs (bench --tiny), so that they cannot rot: each figure runs end to end
 * and reports rows; none may error. Figures 3, 4 and 6 are stubs until their code lands (pending rows).
 */
describe('benchmarks (smoke: tiny inputs)', function () {
  this.timeout(180000); // every figure, tiny: the CLI commands of figure 9 load the grammars and the pack in-process

  it('runs every figure and reports rows without errors', async () => {
    const results = await runBench({ tiny: true, log: () => undefined });
    assert.deepStrictEqual(
      results.figures.map((f) => f.number),
      FIGURES.map((f) => f.number),
    );
    const rows = allRows(results);
    for (const f of results.figures) assert.ok(f.rows.length > 0, `figure ${f.number} reported no rows`);
    const errors = rows.filter((r) => r.verdict === 'error');
    assert.deepStrictEqual(errors, [], errors.map((e) => `${e.figure}: ${e.note}`).join('\n'));
    const table = renderTable(rows);
    assert.ok(table.split('\n').length === rows.length + 2);
  });

  it('selects figures by number, id or alias', () => {
    assert.deepStrictEqual(selectFigures(['grammar', '5', 'fig7']).map((f) => f.number), [1, 5, 7]);
    assert.throws(() => selectFigures(['nope']), /unknown figure/);
  });

  it('generates the same inputs for the same seed', () => {
    const pool = new Inputs(true).pool;
    assert.strictEqual(markdownDocument(pool, 3000, 42), markdownDocument(pool, 3000, 42));
    assert.notStrictEqual(markdownDocument(pool, 3000, 42), markdownDocument(pool, 3000, 43));
    const r = new Rng(1);
    assert.strictEqual(r.next(), new Rng(1).next());
  });

  it('has the helpers the figures rely on', () => {
    assert.strictEqual(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
    assert.strictEqual(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
    const c = compare(2, () => undefined, () => undefined);
    assert.strictEqual(c.oursRuns.length, 2);
    // A log excerpt as text: its parser is checked, nothing is timed.
    const activationLog = ['a', '    activation took 12.50 ms', 'activation took 3 ms'].join('\n');
    assert.deepStrictEqual(parseActivation(activationLog), [12.5, 3]);
    // Made-up points, not timings: they check the growth-exponent arithmetic (linear vs quadratic), nothing is timed.
    const curve = (small: number, large: number): Parameters<typeof exponent>[0] => ({ name: 'x', points: [{ label: 'a', bytes: 1e5, ms: small }, { label: 'b', bytes: 1e7, ms: large }] });
    assert.ok(isLinear(exponent(curve(10, 1000))));
    assert.ok(!isLinear(exponent(curve(10, 100000))));
    const manifest = { main: './dist/extension.js', contributes: { grammars: [{ path: './syntaxes/a.json' }] } };
    const entries = ['extension/package.json', 'extension/dist/extension.js', 'extension/syntaxes/a.json', 'extension/annotations/themes.yaml', 'extension/src/x.ts'].map((name) => ({ name, size: 1, compressed: 1 }));
    assert.deepStrictEqual(unusedEntries(entries, manifest), ['extension/src/x.ts']);
  });
});
