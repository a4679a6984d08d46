import * as assert from './assert';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/vscode/activate';
import { EXTENSION_ID, waitFor } from './helpers';
import { test } from './runner';

// The annotations explorer on the virtual file system: it lists the sidecar the annotate test wrote
// (sidecars found with workspace.findFiles, read through workspace.fs).

test('the annotations explorer lists the annotation written on the web, by code, then by document and provision', async () => {
  const explorer = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID)!.exports.explorer;
  await vscode.commands.executeCommand('policyLens.annotations.focus');
  const labels = async (parent?: string): Promise<string[]> => (await explorer.rows(parent)).map((r) => `${r.label} ${r.description}`);
  const top = await waitFor('the sidecar in the tree', async () => {
    await explorer.settled();
    const l = await labels();
    return l.some((x) => x.startsWith('Open source')) ? l : undefined;
  });
  assert.deepStrictEqual(top, ['Open source and open models 1']);
  assert.deepStrictEqual((await explorer.rows('code:open-source')).map((r) => r.label), ['distinct asset for innovation']);
  await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'document');
  try {
    const docs = await explorer.rows();
    assert.deepStrictEqual(docs.map((r) => `${r.label} ${r.description}`), ['plans/us-ai-action-plan-2025.policy.md 1']);
    const provisions = await explorer.rows(docs[0]!.id);
    assert.ok(provisions.length === 1 && provisions[0]!.contextValue === 'policyLens.group.provision', `provision groups: ${JSON.stringify(provisions)}`);
  } finally {
    await vscode.commands.executeCommand('policyLens.explorer.groupBy', 'code');
  }
});
