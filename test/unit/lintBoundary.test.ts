import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';
import { REPO } from '../paths';

/**
 * The core boundary is enforced by lint, not by the compiler: tsconfig.core.json's `types` option does not
 * stop an explicit `import 'vscode'` (a probe compiled with exit 0). These probes are linted with the
 * repository's own eslint.config.mjs (only the import and console rules run: they need no type information).
 */
describe('lint guards the architecture (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({
    cwd: REPO,
    overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ['no-restricted-imports', 'no-restricted-globals', 'no-console'].includes(ruleId),
  });
  const lint = async (file: string, text: string): Promise<string[]> => {
    const [result] = await eslint.lintText(text, { filePath: path.join(REPO, file) });
    return result!.messages.map((m) => `${m.line}:${m.ruleId ?? m.message}`);
  };

  it('regression: a probe in src/core importing vscode fails lint (the compiler let it through)', async () => {
    assert.deepStrictEqual(await lint('src/core/probe.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), ['1:no-restricted-imports']);
    assert.deepStrictEqual(await lint('src/core/hover/probe.ts', "import type { Range } from 'vscode';\nexport type R = Range;\n"), ['1:no-restricted-imports']);
  });

  it('the core imports no Node built-in (it must run in a web worker) and no editor, Node or CLI layer', async () => {
    const imports = ["import * as fs from 'fs';", "import { join } from 'node:path';", "import { execFile } from 'child_process';", "import { createHash } from 'crypto';", "import * as os from 'os';", "import { promisify } from 'util';", "import { toVsRange } from '../vscode/convert';", "import { nodeFileSystem } from '../../node/nodeFileSystem';", "import { CliError } from '../cli/cliError';"];
    const found = await lint('src/core/data/probe.ts', imports.join('\n') + '\n');
    assert.deepStrictEqual(found, imports.map((_, i) => `${i + 1}:no-restricted-imports`));
  });

  it('the core uses no Node global either (Buffer, process, __dirname, require)', async () => {
    const uses = ["export const a = Buffer.byteLength('x');", 'export const b = process.env;', 'export const c = __dirname;', "export const d = require('yaml');"];
    assert.deepStrictEqual(await lint('src/core/text/probe.ts', uses.join('\n') + '\n'), uses.map((_, i) => `${i + 1}:no-restricted-globals`));
    assert.deepStrictEqual(await lint('src/node/probe.ts', uses.join('\n') + '\n'), []);
  });

  it('the same imports are fine outside the core; libraries are fine inside it', async () => {
    assert.deepStrictEqual(await lint('src/vscode/probe.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
    assert.deepStrictEqual(await lint('src/node/probe.ts', "import * as fs from 'fs';\nexport const f = fs;\n"), []);
    assert.deepStrictEqual(await lint('src/core/probe.ts', "import { parseDocument } from 'yaml';\nimport { LineIndex } from '../text/lineIndex';\nexport const p = [parseDocument, LineIndex];\n"), []);
  });

  it('the editor layer imports no Node built-in, no Node layer and no Node global (it runs in the web worker too); the desktop entry may', async () => {
    const lines = ["import * as os from 'os';", "import * as p from 'node:path';", "import { NodeFileSystem } from '../node/nodeFileSystem';", 'export const b = Buffer.from(\'x\');', 'export const e = process.env;'];
    const rules = ['no-restricted-imports', 'no-restricted-imports', 'no-restricted-imports', 'no-restricted-globals', 'no-restricted-globals'];
    assert.deepStrictEqual(await lint('src/vscode/probe.ts', lines.join('\n') + '\n'), rules.map((r, i) => `${i + 1}:${r}`));
    assert.deepStrictEqual(await lint('src/webExtension.ts', lines.join('\n') + '\n'), rules.map((r, i) => `${i + 1}:${r}`));
    assert.deepStrictEqual(await lint('src/extension.ts', "import * as os from 'os';\nimport { NodeFileSystem } from './node/nodeFileSystem';\nexport const x = [os, NodeFileSystem];\n"), []);
  });

  it('no console in src (the editor logs to its log channel, the CLI writes to process.stdout/stderr); tests may print', async () => {
    assert.deepStrictEqual(await lint('src/vscode/probe.ts', "console.error('x');\n"), ['1:no-console']);
    assert.deepStrictEqual(await lint('src/cli/probe.ts', "console.log('x');\n"), ['1:no-console']);
    assert.deepStrictEqual(await lint('test/unit/probe.ts', "console.log('x');\n"), []);
  });
});
