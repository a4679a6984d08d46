import * as vscode from 'vscode';
import type { AnnotationStore } from '../annotations/annotationStore';
import type { CodebookService } from '../annotations/codebookService';
import { CommandId } from '../commandIds';
import { reportError } from '../errors';
import type { KnowledgePackService } from '../knowledgePackService';
import { ComparePanel } from './comparePanel';
import { compareWorkspace } from './compareWorkspace';
import { registerOpenPassage } from './openPassage';

/**
 * *Policy Lens: Compare Plans*: one panel per window (run again, it comes to the front and reads the
 * workspace again), and the command its passage links run. The command returns the panel, which the
 * extension-host test drives.
 */
export function registerComparePlans(context: vscode.ExtensionContext, packs: KnowledgePackService, store: AnnotationStore, codebook: CodebookService): vscode.Disposable {
  let current: ComparePanel | undefined;
  const testHooks = context.extensionMode === vscode.ExtensionMode.Test;
  const command = vscode.commands.registerCommand(CommandId.comparePlans, async () => {
    try {
      if (current) {
        current.reveal();
        await current.refresh();
        return current;
      }
      const panel = ComparePanel.create(context.extensionUri, (token) => compareWorkspace(packs, store, codebook, token), testHooks);
      current = panel;
      panel.onDidDispose(() => current === panel && (current = undefined));
      return panel;
    } catch (err) {
      return reportError(err);
    }
  });
  return vscode.Disposable.from(command, registerOpenPassage(), { dispose: () => current?.dispose() });
}
