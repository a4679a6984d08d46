/**
 * Every `%key%` among the string values of a JSON value: package.json's translatable strings before VS Code
 * resolves them from package.nls.json (none should be left in the manifest the editor hands the extension).
 * No imports: the web suite uses it too.
 */
export function nlsKeys(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const m = /^%([^%]+)%$/.exec(value);
    if (m) out.push(m[1]!);
  } else if (Array.isArray(value)) for (const v of value) nlsKeys(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) nlsKeys(v, out);
  return out;
}
