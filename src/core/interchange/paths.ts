/** Workspace-relative paths with '/' separators, joined and split without Node's `path` (the core runs in a web worker). */

export function dirnamePath(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** `base/rel` with `.` and `..` resolved (a `..` above the root stays at the root). */
export function joinPath(base: string, rel: string): string {
  const out: string[] = [];
  for (const part of [...base.split('/'), ...rel.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Path of `to` relative to the folder `fromDir` (both workspace-relative). */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/**
 * A safe workspace-relative path from a name in an imported file: no absolute paths, no `..`, no
 * characters that Windows refuses; a name without an extension gets `.txt`.
 */
export function safeDocumentPath(name: string, fallback: string): string {
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .map((p) => p.replace(/[<>:"|?*\u0000-\u001f]/g, '_').trim())
    .filter((p) => p !== '' && p !== '.' && p !== '..');
  let path = parts.join('/') || fallback;
  if (!/\.[A-Za-z0-9]{1,8}$/.test(path)) path += '.txt';
  return path;
}
