import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { renderReadmeTable, TABLE_END, TABLE_START, withReadmeTable } from '../../bench/readmeTable';
import type { BenchResults } from '../../bench/run';
import { REPO } from '../paths';

const results = JSON.parse(readFileSync(path.join(REPO, 'bench', 'results.json'), 'utf8')) as BenchResults;
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** Regression: the README's Performance table was edited by hand and showed older figures than bench/results.json. */
describe("the README's Performance table", () => {
  it('is the table of bench/results.json (npm run bench rewrites both)', () => {
    assert.ok(readme.includes(TABLE_START) && readme.includes(TABLE_END), 'the markers are in the README');
    assert.strictEqual(withReadmeTable(readme, results), readme, 'stale: run `npm run bench -- N` for the figures that changed, or node scripts/bench-readme.js');
  });

  it('has one row per measured row, and says when each figure ran', () => {
    const table = renderReadmeTable(results);
    const rows = table.split('\n').filter((l) => /^\| \d+ /.test(l));
    assert.strictEqual(rows.length, results.figures.reduce((n, f) => n + f.rows.length, 0));
    for (const f of results.figures) assert.ok(table.includes(`${f.number} ${f.id}: `), `figure ${f.number}'s run`);
    assert.ok(!rows.some((r) => r.split(' | ').length !== 7), 'seven cells each (a | in a cell is escaped)');
  });
});
