/**
 * '/'-separated path arithmetic for URI paths, as Node's `path.posix` does it, without Node (the editor code
 * runs in a web worker too). Only what the editor layer needs: absolute paths in, normalised paths out.
 */

/** The path's segments with `.` and empty ones dropped and `..` applied (never above the root). */
function segments(path: string): string[] {
  const out: string[] = [];
  for (const s of path.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

export function posixNormalize(path: string): string {
  return `/${segments(path).join('/')}`;
}

/** The last segment ('' for the root). */
export function posixBasename(path: string): string {
  const s = segments(path);
  return s[s.length - 1] ?? '';
}

export function posixDirname(path: string): string {
  return `/${segments(path).slice(0, -1).join('/')}`;
}

/** `relative` from the folder `base`: an absolute one replaces it, as path.posix.resolve does. */
export function posixResolve(base: string, relative: string): string {
  return posixNormalize(relative.startsWith('/') ? relative : `${base}/${relative}`);
}

/** The path from the folder `from` to `to` ('' when they are the same), with `..` where needed. */
export function posixRelative(from: string, to: string): string {
  const a = segments(from);
  const b = segments(to);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

/** `text` without leading or trailing '/' (a loop, not /\/+$/, which backtracks quadratically on many slashes). */
export function trimSlashes(text: string, ends: 'start' | 'end' | 'both' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (ends !== 'end') while (start < end && text[start] === '/') start++;
  if (ends !== 'start') while (end > start && text[end - 1] === '/') end--;
  return text.slice(start, end);
}
