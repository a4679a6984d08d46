/**
 * The benchmark framework: what a figure is, what it reports, and how it times things on a shared, noisy
 * machine (every figure is a ratio against a baseline measured in the same run, ours and the baseline
 * interleaved so that drift hits both alike).
 */
import type { Inputs } from './inputs';

export type Verdict = 'pass' | 'fail' | 'info' | 'pending' | 'error';

/** One line of the table. Strings are formatted for the table; `values` keeps the raw numbers for results.json. */
export interface Row {
  /** "1 grammar", "5 pickers", … */
  readonly figure: string;
  /** What this row measures, e.g. "Policy Markdown vs Markdown, 1 MB". */
  readonly measure: string;
  readonly ours: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly goal: string;
  readonly verdict: Verdict;
  readonly values?: Readonly<Record<string, number | string | boolean | null>>;
  readonly note?: string;
}

/** One point of a cost curve (figure 8): the cost of processing an input of `bytes` characters. */
export interface CurvePoint {
  readonly label: string;
  readonly bytes: number;
  readonly ms: number;
}

export interface Curve {
  /** "1 grammar: Policy Markdown" */
  readonly name: string;
  readonly points: readonly CurvePoint[];
}

export interface BenchContext {
  /** Smoke mode (npm test): tiny inputs, one repetition, nothing spawned. Every code path still runs. */
  readonly tiny: boolean;
  /** Timed repetitions for ratios (after one warm-up run). */
  readonly reps: number;
  readonly inputs: Inputs;
  /** The repository root (bench/.., wherever the compiled file runs from). */
  readonly repo: string;
  log(message: string): void;
}

/**
 * A figure of issue 4. A figure module exports one of these; bench/figures/index.ts lists them in order.
 * To add one (figures 3, 4 and 6 are stubs waiting for their code), see bench/README.md.
 */
export interface Figure {
  readonly number: number;
  /** Short name for `npm run bench -- NAME`. */
  readonly id: string;
  readonly title: string;
  readonly aliases?: readonly string[];
  run(ctx: BenchContext): Promise<Row[]>;
  /** Cost curves at 100 KB, 1 MB and 10 MB, for figure 8 (figures 1, 3 and 4). */
  curves?(ctx: BenchContext): Promise<Curve[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Timing

export function now(): number {
  return performance.now();
}

/** Milliseconds one call takes. */
export function timeOnce(fn: () => unknown): number {
  const t0 = now();
  fn();
  return now() - t0;
}

export async function timeOnceAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

export interface Comparison {
  readonly ours: number;
  readonly baseline: number;
  /** Median of the per-pair ratios ours/baseline (robust to drift between pairs). */
  readonly ratio: number;
  readonly oursRuns: readonly number[];
  readonly baselineRuns: readonly number[];
}

/**
 * Times `ours` and `baseline` alternately (one warm-up of each first, then `reps` pairs, starting with the
 * baseline and ours in turn) and returns the medians and the median per-pair ratio.
 */
export function compare(reps: number, ours: () => unknown, baseline: () => unknown): Comparison {
  baseline();
  ours();
  const o: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < Math.max(1, reps); i++) {
    if (i % 2 === 0) {
      b.push(timeOnce(baseline));
      o.push(timeOnce(ours));
    } else {
      o.push(timeOnce(ours));
      b.push(timeOnce(baseline));
    }
  }
  return { ours: median(o), baseline: median(b), ratio: median(o.map((x, i) => x / b[i]!)), oursRuns: o, baselineRuns: b };
}

// ---------------------------------------------------------------------------------------------------------
// Formatting

export const fmtMs = (ms: number): string => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
export const fmtRatio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
export const fmtMBps = (x: number): string => `${x.toFixed(1)} MB/s`;
export function fmtBytes(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} KB`;
  return `${n} B`;
}
/** MB/s for `chars` characters in `ms` (1 MB = 10^6 characters, as the inputs are sized). */
export const mbps = (chars: number, ms: number): number => chars / 1e3 / ms;

export const verdict = (ok: boolean): Verdict => (ok ? 'pass' : 'fail');

/** A row for a figure whose code does not exist yet. */
export function pendingRow(figure: string, measure: string, goal: string, note: string): Row {
  return { figure, measure, ours: '—', baseline: '—', ratio: '—', goal, verdict: 'pending', note };
}

/** Renders rows as one plain-text table (the format `npm run bench` prints and the README shows). */
export function renderTable(rows: readonly Row[]): string {
  const header = ['figure', 'measure', 'ours', 'baseline', 'ratio', 'goal', 'result'];
  const cells = rows.map((r) => [r.figure, r.measure, r.ours, r.baseline, r.ratio, r.goal, r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
