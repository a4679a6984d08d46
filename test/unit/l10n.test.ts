import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';
import { manifestStrings } from '../manifest';
import { nlsKeys } from '../nlsKeys';
import { REPO } from '../paths';

/** Every .ts file under a folder of the repo, relative paths. */
function sources(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)));
}

/** Issue 12: a translation is a file (package.nls.<lang>.json, l10n/bundle.l10n.<lang>.json), not a code change. */
describe('localisation: package.nls.json and l10n/bundle.l10n.json', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { l10n?: string; contributes: { commands: { title: string; category?: string }[] } };

  it('every %key% of package.json is in package.nls.json, and package.nls.json has no other key', () => {
    const used = new Set(nlsKeys(manifest));
    const strings = manifestStrings();
    for (const k of used) assert.ok(typeof strings[k] === 'string' && strings[k].trim(), `package.nls.json has no English for %${k}%`);
    assert.deepStrictEqual(Object.keys(strings).filter((k) => !used.has(k)), [], 'keys of package.nls.json that package.json does not use');
  });

  it("command titles and categories are all translatable (no English left in package.json's commands)", () => {
    for (const c of manifest.contributes.commands) {
      assert.match(c.title, /^%[^%]+%$/, c.title);
      if (c.category !== undefined) assert.match(c.category, /^%[^%]+%$/, c.category);
    }
  });

  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from src/ now (not stale)', async () => {
    // Only files that mention l10n can hold a message (parsing all of src/ takes several seconds more).
    const files = sources('src')
      .map((f) => ({ extension: path.extname(f), contents: readFileSync(path.join(REPO, f), 'utf8') }))
      .filter((f) => f.contents.includes('l10n'));
    const expected = await getL10nJson(files);
    const shipped = JSON.parse(readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.json'), 'utf8')) as unknown;
    assert.deepStrictEqual(shipped, expected, 'l10n/bundle.l10n.json is stale: run npm run l10n');
  });

  it("each message's placeholders are {0}…{n}, none skipped", () => {
    const bundle = JSON.parse(readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    for (const message of Object.keys(bundle)) {
      const used = [...new Set([...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
      assert.deepStrictEqual(used, used.map((_, i) => i), message);
    }
  });

  it('package.json names the bundle folder, and the package ships it and package.nls.json', () => {
    assert.strictEqual(manifest.l10n, './l10n');
    const ignore = readFileSync(path.join(REPO, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!package\.nls\.json$/m);
    assert.match(ignore, /^!l10n\/\*\*$/m);
  });

  it('the editor layer shows no message, title, prompt or tooltip as a bare English literal', () => {
    // vscode-free modules (unit-tested in plain Node) cannot call vscode.l10n; they say so here.
    const vscodeFree = new Set(['src/vscode/coders/agreementHtml.ts']);
    const bare = /\bshow(?:Information|Warning|Error)(?:Message)?\(\s*['"]|\b(?:title|placeHolder|placeholder|prompt|tooltip)(?::|\s=)\s*['"][A-Za-z]/;
    const found = [...sources('src/vscode'), ...sources('src/desktop')]
      .filter((f) => !vscodeFree.has(f.split(path.sep).join('/')))
      .flatMap((f) => readFileSync(path.join(REPO, f), 'utf8').split('\n').flatMap((line, i) => (bare.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    assert.deepStrictEqual(found, []);
  });
});
