/**
 * The README's Performance table, written from bench/results.json so that it never shows other figures than
 * the ones measured: every row of every figure's latest run, then when and at what load each figure ran (the
 * machine is shared: wall times at load 10 are not those at load 1; ratios are, roughly). `npm run bench`
 * rewrites it; test/unit/benchReadme.test.ts fails when the README and results.json disagree.
 */
import type { BenchResults } from './run';

export const TABLE_START = '<!-- bench-table:start (written by npm run bench from bench/results.json) -->';
export const TABLE_END = '<!-- bench-table:end -->';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderReadmeTable(results: BenchResults): string {
  const lines = ['| figure | measure | ours | baseline | ratio | goal | result |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const f of results.figures) for (const r of f.rows) lines.push(`| ${[r.figure, r.measure, r.ours, r.baseline, r.ratio, r.goal, r.verdict].map(cell).join(' | ')} |`);
  const runs = results.figures.map((f) => {
    const at = (f.from ?? results.date).slice(0, 16).replace('T', ' ');
    const load = f.load ?? (f.from ? undefined : results.machine.loadavg[0]);
    return `${f.number} ${f.id}: ${at} UTC${load === undefined ? '' : `, load ${load.toFixed(1)}`}, ${Math.round(f.seconds)} s`;
  });
  lines.push('', `Each figure's latest run (${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}): ${runs.join('; ')}.`);
  return lines.join('\n');
}

/** `readme` with the text between the markers replaced by the table; undefined when the markers are missing. */
export function withReadmeTable(readme: string, results: BenchResults): string | undefined {
  const a = readme.indexOf(TABLE_START);
  const b = readme.indexOf(TABLE_END);
  if (a < 0 || b < a) return undefined;
  return `${readme.slice(0, a + TABLE_START.length)}\n${renderReadmeTable(results)}\n${readme.slice(b)}`;
}
