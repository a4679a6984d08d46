import * as assert from './assert';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { CommandId } from '../../src/vscode/commandIds';
import { hoverText, openEditor, select, US_SAMPLE, waitFor } from './helpers';
import { test } from './runner';

// Annotations on the virtual file system: the sidecar is written and read back through workspace.fs.

const sidecarOf = (uri: vscode.Uri): vscode.Uri => uri.with({ path: `${uri.path}.annotations.yaml` });

test('Annotate Selection writes the sidecar through workspace.fs', async () => {
  const editor = await openEditor(US_SAMPLE());
  const phrase = 'distinct asset for innovation';
  await select(editor, phrase);
  const id = await vscode.commands.executeCommand<string>(CommandId.annotateSelection, { codes: ['open-source'], note: 'written on the web', id: 'a-web0000001' });
  assert.strictEqual(id, 'a-web0000001');
  const bytes = await waitFor('the sidecar', async () => {
    try {
      return await vscode.workspace.fs.readFile(sidecarOf(US_SAMPLE()));
    } catch {
      return undefined;
    }
  });
  const sidecar = parse(new TextDecoder().decode(bytes)) as { version: number; document: string; annotations: { id: string; codes: string[]; note: string; target: { quote: { exact: string } } }[] };
  assert.strictEqual(sidecar.version, 1);
  assert.strictEqual(sidecar.document, 'us-ai-action-plan-2025.policy.md');
  assert.deepStrictEqual(
    sidecar.annotations.map((a) => [a.id, a.codes, a.note, a.target.quote.exact]),
    [['a-web0000001', ['open-source'], 'written on the web', phrase]],
  );
  // The hover card shows it.
  const at = editor.document.positionAt(editor.document.offsetAt(editor.selection.start) + 3);
  await waitFor('the annotation in the hover', async () => /\*\*Annotation\*\*/.test(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at))));
});
