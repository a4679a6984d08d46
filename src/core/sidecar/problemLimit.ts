import type { Problem } from '../data/problem';
import { MAX_PROBLEMS_PER_FILE } from '../limits';

/**
 * At most `max` problems of each file, in the order given (sorted by position: the first ones in the file),
 * then one line per file saying how many more there are, as an error when any of those is one. A hostile
 * file can have hundreds of thousands of problems (100,000 `{}` items give 400,000): nobody reads past the
 * first screen, and the editor shows each as a diagnostic.
 */
export function limitProblems(problems: readonly Problem[], max = MAX_PROBLEMS_PER_FILE): Problem[] {
  const shown = new Map<string, number>();
  const lastShown = new Map<string, Problem>();
  const more = new Map<string, { count: number; error: boolean; last: Problem }>();
  const out: Problem[] = [];
  for (const p of problems) {
    const n = shown.get(p.file) ?? 0;
    if (n < max) {
      shown.set(p.file, n + 1);
      lastShown.set(p.file, p);
      out.push(p);
      continue;
    }
    const m = more.get(p.file);
    if (m) {
      m.count++;
      m.error ||= p.severity === 'error';
    } else more.set(p.file, { count: 1, error: p.severity === 'error', last: lastShown.get(p.file) ?? p });
  }
  if (more.size === 0) return out;
  // Each summary right after its file's last listed problem, at that problem's position.
  const result: Problem[] = [];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    result.push(p);
    const m = more.get(p.file);
    if (m && m.last === p) {
      const total = max + m.count;
      result.push({ file: p.file, line: p.line, character: p.character, severity: m.error ? 'error' : 'warning', message: `${m.count} more problems not listed (${total} in all; the first ${max} are above)` });
    }
  }
  return result;
}

/** Appends `items` to `target` one by one: `target.push(...items)` overflows the call stack past ~100,000 items. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}
