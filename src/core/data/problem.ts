/** A finding in a data file, positioned 0-based like VS Code; printed 1-based like compilers. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Dotted path of the field concerned, e.g. `provisions[3].summary`. */
  readonly field?: string;
}

export function formatProblem(p: Problem): string {
  const where = p.field ? ` (${p.field})` : '';
  return `${p.file}:${p.line + 1}:${p.character + 1}: ${p.severity}: ${p.message}${where}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.character - b.character);
}

/** Thrown when data cannot be used at all; carries every problem found. */
export class DataError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DataError';
  }
}

export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/**
 * At most `max` problems per file, in the order found, the rest summarised in one warning, so a hostile or
 * badly broken file cannot flood the Problems panel or the terminal.
 */
export function boundProblems(problems: readonly Problem[], max: number): Problem[] {
  const perFile = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of problems) {
    const n = (perFile.get(p.file) ?? 0) + 1;
    perFile.set(p.file, n);
    if (n <= max) out.push(p);
  }
  for (const [file, n] of perFile) {
    if (n > max) out.push({ file, line: 0, character: 0, severity: 'warning', message: `… ${n - max} more problems in this file not shown` });
  }
  return out;
}
