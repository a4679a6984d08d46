// Lint rules as architecture: the core stays editor- and Node-free (it must run in a web worker), no
// promise is dropped on the floor, and the extension logs to its log channel instead of the console.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The globals the CommonJS scripts use (the `globals` package is not a dependency). */
const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'performance', 'fetch', 'AbortController', 'TextDecoder', 'TextEncoder'].map((g) => [g, 'readonly']),
);
/** Code that scripts hand to a browser page (page.evaluate) runs there. */
const browserGlobals = Object.fromEntries(['document', 'window', 'getComputedStyle', 'navigator', 'indexedDB', 'NodeFilter'].map((g) => [g, 'readonly']));

/** Node built-ins, bare and with the node: prefix (`fs`, `node:fs`, `fs/promises`, …). */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);
/** Node's globals, which a web worker does not have either. */
const nodeOnlyGlobals = ['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];

export default defineConfig(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', '.vscode-test-web/**', 'test-output/**', '.scratch/**', 'syntaxes/**'] },

  // Plain JavaScript: the build and e2e scripts (CommonJS, Node).
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  // The e2e scripts drive a browser page: code passed to page.evaluate runs there.
  { files: ['scripts/e2e/**/*.js', 'scripts/theme-screenshots.js'], languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } } },

  // TypeScript, type-checked against tsconfig.json (which includes src, test, bench and scripts).
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Strict: a `void`ed promise and an editor Thenable lose their errors too; end them with .catch or
      // .then(_, onRejected), or await them.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false, checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      // The compiler already reports unused locals and parameters (noUnused* in tsconfig.base.json).
      '@typescript-eslint/no-unused-vars': 'off',
      // The code writes `xs[i]!` as if noUncheckedIndexedAccess were on: the `!` marks a checked index.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Paired assignments are written as comma sequences (`(best = v), (from = k)`).
      '@typescript-eslint/no-unused-expressions': 'off',
      // An async function without `await` (an interface's async method) still turns throws into rejections.
      '@typescript-eslint/require-await': 'off',
    },
  },

  // Sanitisers and YAML scalars match control characters on purpose.
  { rules: { 'no-control-regex': 'off' } },
  // Tests spell YAML indentation out in their patterns, as it is in the file.
  { files: ['test/**/*.ts'], rules: { 'no-regex-spaces': 'off' } },

  // The extension and the CLI: one log channel in the editor, process.stdout/stderr in the CLI.
  { files: ['src/**/*.ts'], rules: { 'no-console': 'error' } },

  // The core runs in plain Node, in the extension host and in a web worker: no editor, no Node, no adapters.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is editor-free: convert at the border in src/vscode/.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'src/core must run in a web worker: Node-only code goes in src/node/ or src/cli/ (files through FileSystemPort).' })),
          ],
          patterns: [
            { group: ['**/vscode/**', '**/node/**', '**/cli/**'], message: 'src/core does not depend on the editor, Node or CLI layers.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...nodeOnlyGlobals.map((name) => ({ name, message: 'src/core must run in a web worker: no Node globals.' }))],
    },
  },
  // The editor layer runs in the web worker too (src/webExtension.ts): what needs Node is passed in by the
  // desktop entry (src/extension.ts, the one file here that may use Node) through EditorPlatform.
  {
    files: ['src/vscode/**/*.ts', 'src/webExtension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The editor code runs in a web worker too: Node-only things come from the desktop entry through EditorPlatform.' })),
          patterns: [{ group: ['**/node/**', '**/cli/**'], message: 'The editor code runs in a web worker too: the Node and CLI layers are for the desktop entry (src/extension.ts) only.' }],
        },
      ],
      'no-restricted-globals': ['error', ...nodeOnlyGlobals.map((name) => ({ name, message: 'The editor code runs in a web worker too: no Node globals.' }))],
    },
  },
);
