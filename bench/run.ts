/**
 * npm run bench [-- NAME…] [--tiny] [--reps N] [--no-write]
 *
 * Runs the figures of issue 4 (all, or those named: number, id or alias, e.g. `grammar`, `5`, `fig7`),
 * prints one table (figure, measure, ours, baseline, ratio, goal, result) and writes bench/results.json
 * (rows of the figures run replace their previous rows; the others are kept). Exit code 1 when a goal is
 * missed or a figure fails. `--tiny` is the smoke mode npm test uses: tiny inputs, nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIGURES } from './figures';
import { renderTable, type BenchContext, type Figure, type Row } from './framework';
import { withReadmeTable } from './readmeTable';
import { Inputs, REPO } from './inputs';

export interface RunOptions {
  /** Figures to run (number, id or alias); all when empty. */
  readonly names?: readonly string[];
  readonly tiny?: boolean;
  readonly reps?: number;
  /** Where to write the results (JSON); false: nowhere. Default bench/results.json, or nowhere in tiny mode. */
  readonly write?: string | false;
  readonly log?: (message: string) => void;
}

export interface FigureResult {
  readonly number: number;
  readonly id: string;
  readonly title: string;
  readonly seconds: number;
  readonly rows: readonly Row[];
  /** When it ran, if before the latest run (results.json keeps each figure's latest run). */
  readonly from?: string;
  /** The one-minute load average when it finished. */
  readonly load?: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpu: string; readonly loadavg: readonly number[]; readonly platform: string };
  readonly tiny: boolean;
  readonly figures: readonly FigureResult[];
}

export function selectFigures(names: readonly string[] = [], all: readonly Figure[] = FIGURES): Figure[] {
  if (names.length === 0) return [...all];
  const chosen: Figure[] = [];
  for (const raw of names) {
    const n = raw.toLowerCase();
    const f = all.find((x) => String(x.number) === n || x.id === n || x.aliases?.includes(n));
    if (!f) throw new Error(`unknown figure '${raw}': one of ${all.map((x) => `${x.number} ${x.id}`).join(', ')}`);
    if (!chosen.includes(f)) chosen.push(f);
  }
  return chosen.sort((a, b) => a.number - b.number);
}

export async function runBench(options: RunOptions = {}): Promise<BenchResults> {
  const tiny = options.tiny ?? false;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const ctx: BenchContext = { tiny, reps: options.reps ?? (tiny ? 1 : 5), inputs: new Inputs(tiny), repo: REPO, log };
  const figures: FigureResult[] = [];
  for (const f of selectFigures(options.names)) {
    log(`figure ${f.number}: ${f.title}`);
    const t0 = performance.now();
    let rows: Row[];
    try {
      rows = await f.run(ctx);
    } catch (err) {
      const e = err as Error;
      rows = [{ figure: `${f.number} ${f.id}`, measure: f.title, ours: '—', baseline: '—', ratio: '—', goal: '—', verdict: 'error', note: e.stack ?? e.message }];
    }
    // Tiny inputs say nothing about the goals: their rows are shown, never judged.
    if (tiny) rows = rows.map((r) => (r.verdict === 'pass' || r.verdict === 'fail' ? { ...r, verdict: 'info' } : r));
    figures.push({ number: f.number, id: f.id, title: f.title, seconds: (performance.now() - t0) / 1000, rows, load: Math.round(os.loadavg()[0]! * 10) / 10 });
  }
  const cpus = os.cpus();
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus.length, cpu: cpus[0]?.model ?? 'unknown', loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), platform: `${process.platform} ${process.arch}` },
    tiny,
    figures,
  };
  const target = options.write ?? (tiny ? false : path.join(REPO, 'bench', 'results.json'));
  if (target) {
    const merged = merge(target, results);
    writeFileSync(target, `${JSON.stringify(merged, null, 2)}\n`);
    // The README's table follows the default results file (another --out is a private run).
    const readme = path.join(REPO, 'README.md');
    const updated = target === path.join(REPO, 'bench', 'results.json') ? withReadmeTable(readFileSync(readme, 'utf8'), merged) : undefined;
    if (updated !== undefined) writeFileSync(readme, updated);
  }
  return results;
}

/** The previous results with the figures just run replaced (so that running one figure keeps the others). */
function merge(file: string, fresh: BenchResults): BenchResults {
  if (!existsSync(file)) return fresh;
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    if (old.tiny || !Array.isArray(old.figures as unknown)) return fresh;
    const ran = new Set(fresh.figures.map((f) => f.number));
    const figures = [...old.figures.filter((f) => !ran.has(f.number)).map((f) => ({ ...f, from: f.from ?? old.date, ...(f.load === undefined && !f.from ? { load: old.machine.loadavg[0] } : {}) })), ...fresh.figures];
    return { ...fresh, figures: figures.sort((a, b) => a.number - b.number) };
  } catch {
    return fresh;
  }
}

export const allRows = (r: BenchResults): Row[] => r.figures.flatMap((f) => f.rows);

async function main(argv: readonly string[]): Promise<number> {
  const names: string[] = [];
  let tiny = false;
  let reps: number | undefined;
  let write: string | false | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--tiny') tiny = true;
    else if (a === '--no-write') write = false;
    else if (a === '--reps') reps = Number(argv[++i]);
    else if (a === '--out') write = argv[++i];
    else if (a === '--list') {
      for (const f of FIGURES) console.log(`${f.number} ${f.id.padEnd(12)} ${f.title}${f.aliases?.length ? ` (also: ${f.aliases.join(', ')})` : ''}`);
      return 0;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench [-- NAME…] [--tiny] [--reps N] [--no-write] [--out FILE] [--list]');
      return 0;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  const t0 = performance.now();
  const results = await runBench({ names, tiny, reps, write });
  const rows = allRows(results);
  console.log(renderTable(rows));
  for (const r of rows) if (r.note && (r.verdict === 'error' || r.verdict === 'fail')) console.log(`\n${r.figure} — ${r.measure}: ${r.note}`);
  const m = results.machine;
  console.log(`\n${m.cpus} × ${m.cpu}, Node ${m.node}, load ${m.loadavg.join(' ')}; ${((performance.now() - t0) / 1000).toFixed(0)} s${write === false || tiny ? '' : '; results in bench/results.json'}`);
  return rows.some((r) => r.verdict === 'fail' || r.verdict === 'error') ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(2);
    },
  );
}
