import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ESLint } from 'eslint';
import { REPO } from '../paths';

/** scripts/build.js's web options and input check (plain CommonJS, loaded as it is). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildScript = require(path.join(REPO, 'scripts', 'build.js')) as { web: BuildOptions; checkWebInputs(metafile: Metafile): void };

const WEB_BUNDLE = path.join(REPO, 'dist', 'web', 'extension.js');
const WEB_META = path.join(REPO, 'dist', 'web', 'meta.json');
/**
 * What a web worker does not have (it has globalThis, fetch, TextEncoder, btoa, setTimeout). `require`,
 * `module` and `exports` are the CommonJS wrapper VS Code's web extension host gives a cjs bundle: allowed,
 * require() for vscode only.
 */
const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];

/** The web worker (vscode.dev, github.dev) has no Node: the web bundle must not need any of it. */
describe('the web bundle needs no Node (dist/web/extension.js)', () => {
  const readBundle = (): string => {
    assert.ok(existsSync(WEB_BUNDLE), `${WEB_BUNDLE} is missing: run npm run build first`);
    return readFileSync(WEB_BUNDLE, 'utf8');
  };

  /** The bundle linted with scope analysis: references to undeclared Node globals, and require() calls. */
  let findings: Promise<string[]> | undefined;
  const lintBundle = (): Promise<string[]> =>
    (findings ??= (async () => {
      const eslint = new ESLint({
        cwd: REPO,
        overrideConfigFile: true,
        ignore: false,
        // The libraries' own eslint-disable comments name rules that are not loaded here.
        allowInlineConfig: false,
        overrideConfig: [
          {
            files: ['**/*.js'],
            languageOptions: { sourceType: 'script', ecmaVersion: 2022 },
            rules: {
              'no-restricted-globals': ['error', ...NODE_GLOBALS],
              'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='require']", message: 'require' }],
            },
          },
        ],
      });
      const [result] = await eslint.lintText(readBundle(), { filePath: path.join(REPO, 'dist', 'web', 'probe.js') });
      const lines = readBundle().split('\n');
      return result!.messages.map((m) => (m.ruleId === 'no-restricted-syntax' ? `require ${lines[m.line - 1]!.slice(m.column - 1, m.column + 40)}` : m.message));
    })());

  it('calls require() only for vscode (the external)', async function () {
    this.timeout(120_000);
    const requires = (await lintBundle()).filter((f) => f.startsWith('require '));
    assert.ok(requires.some((r) => r.startsWith('require require("vscode")')), 'the scan sees the require("vscode") esbuild leaves for the external');
    assert.deepStrictEqual(requires.filter((r) => !r.startsWith('require require("vscode")')), []);
  });

  it('refers to no Node global (process, Buffer, setImmediate, __dirname, global, …)', async function () {
    this.timeout(120_000);
    assert.deepStrictEqual((await lintBundle()).filter((f) => !f.startsWith('require ')), []);
  });

  it('holds no module of the Node or CLI layers (the metafile of the build)', () => {
    assert.ok(existsSync(WEB_META), `${WEB_META} is missing: run npm run build first`);
    const inputs = Object.keys((JSON.parse(readFileSync(WEB_META, 'utf8')) as Metafile).inputs);
    assert.ok(inputs.some((f) => f.startsWith('src/core/')) && inputs.some((f) => f.startsWith('src/vscode/')), 'the core and the editor layer are in it');
    assert.deepStrictEqual(inputs.filter((f) => /^(src\/(node|cli)\/|node:)/.test(f)), []);
  });

  it('regression: the web build fails on a Node built-in (no polyfill is substituted)', async () => {
    for (const probe of ["import * as p from 'path'; export const x = p.join('a');", "import { readFile } from 'node:fs/promises'; export const r = readFile;", "import * as cp from 'child_process'; export const c = cp;"]) {
      await assert.rejects(
        build({ ...buildScript.web, entryPoints: undefined, outfile: undefined, write: false, logLevel: 'silent', stdin: { contents: probe, resolveDir: path.join(REPO, 'src'), loader: 'ts' } }),
        /Could not resolve/,
        probe,
      );
    }
  });

  it('regression: the build refuses the Node adapter even if it bundled (src/node, src/cli)', () => {
    assert.throws(() => buildScript.checkWebInputs({ inputs: { 'src/core/a.ts': {}, 'src/node/nodeFileSystem.ts': {} }, outputs: {} } as unknown as Metafile), /src\/node\/nodeFileSystem\.ts/);
    assert.doesNotThrow(() => buildScript.checkWebInputs({ inputs: { 'src/core/a.ts': {}, 'src/vscode/b.ts': {} }, outputs: {} } as unknown as Metafile));
  });

  it('package.json names it as the browser entry, and .vscodeignore ships it', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { browser?: string; main?: string };
    assert.strictEqual(manifest.browser, './dist/web/extension.js');
    assert.strictEqual(manifest.main, './dist/extension.js');
    const ignore = readFileSync(path.join(REPO, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/web/extension.js') && ignore.includes('!dist/extension.js'));
  });
});
