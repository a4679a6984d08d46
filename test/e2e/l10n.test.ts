import * as assert from 'assert';
import * as vscode from 'vscode';
import { nlsKeys } from '../nlsKeys';
import { EXTENSION_ID, find, openEditor, US_SAMPLE, waitFor } from './helpers';

/** Issue 12, §2 Localisation: the English comes from package.nls.json and through vscode.l10n. */
describe('localisation: package.nls.json and vscode.l10n in the editor', () => {
  it("VS Code resolves every %key% of package.json from package.nls.json (command titles, settings, views)", () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; title: string; category: string }[] } };
    assert.deepStrictEqual(nlsKeys(pkg), [], 'keys VS Code left unresolved');
    const jump = pkg.contributes.commands.find((c) => c.command === 'policyLens.jumpToCounterpart');
    assert.deepStrictEqual([jump?.category, jump?.title], ['Policy Lens', 'Jump to Counterpart Provision']);
  });

  it('a vscode.l10n message with placeholders reads as before: the counterpart lens tooltip', async () => {
    const editor = await openEditor(US_SAMPLE());
    const heading = find(editor.document, '### Encourage Open-Source and Open-Weight AI');
    const lens = await waitFor('the lens on the heading', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 100);
      return lenses.find((l) => l.range.start.line === heading.line);
    });
    assert.match(lens.command?.tooltip ?? '', /^[^{}]+ \((?:high|medium|low) confidence\): peek it here$/);
  });
});
