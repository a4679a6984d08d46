import { readFileSync } from 'fs';
import * as path from 'path';
import { REPO } from './paths';

/** package.nls.json: the English of every `%key%` in package.json. */
export function manifestStrings(): Record<string, string> {
  return JSON.parse(readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** package.json as VS Code shows it in English: every `%key%` replaced by its package.nls.json string. */
export function localizedManifest<T>(): T {
  const strings = manifestStrings();
  return JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'), (_key, value: unknown) => {
    const m = typeof value === 'string' ? /^%([^%]+)%$/.exec(value) : null;
    return m ? (strings[m[1]!] ?? value) : value;
  }) as T;
}
