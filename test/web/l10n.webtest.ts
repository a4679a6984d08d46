import * as assert from './assert';
import * as vscode from 'vscode';
import { nlsKeys } from '../nlsKeys';
import { EXTENSION_ID } from './helpers';
import { test } from './runner';

// Issue 12, §2 Localisation: the web build of VS Code reads package.nls.json from the served extension too.
test('VS Code resolves every %key% of package.json from package.nls.json (the web extension)', async () => {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; title: string }[] } };
  assert.deepStrictEqual(nlsKeys(pkg), [], 'keys VS Code left unresolved');
  assert.strictEqual(pkg.contributes.commands.find((c) => c.command === 'policyLens.annotateSelection')?.title, 'Annotate Selection');
});
