import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { DocumentAnalysis } from './documentAnalysis';
import { isPolicyLanguage } from './languages';
import { logError } from './logger';

const DELAY_MS = 120;

/** The provision under the cursor and its counterpart count; a click jumps to the counterpart. */
export function registerStatusBar(analysis: DocumentAnalysis): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('policyLens.provision', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Policy Lens: provision';
  item.command = CommandId.jumpToCounterpart;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;

  const update = async (): Promise<void> => {
    const run = ++generation;
    const editor = vscode.window.activeTextEditor;
    const enabled = vscode.workspace.getConfiguration('policyLens').get<boolean>('statusBar.enabled', true);
    if (!enabled || !editor || !isPolicyLanguage(editor.document.languageId)) {
      item.hide();
      return;
    }
    const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
    if (run !== generation) return; // a newer update has started
    if (!located) {
      item.hide();
      return;
    }
    const count = a.pack.counterpartsOf(located.provision.id).length;
    item.text = `$(law) ${located.provision.id} · ${count} counterpart${count === 1 ? '' : 's'}`;
    item.tooltip = `${located.provision.heading}\n${count ? 'Click to jump to the counterpart provision' : 'No counterpart provision'}`;
    item.show();
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void update().catch((err: unknown) => (item.hide(), logError('status bar', err))), DELAY_MS);
  };

  schedule();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.window.onDidChangeTextEditorSelection(schedule),
    // After typing pauses the document is recognised again; its provisions may have moved.
    analysis.onDidRefresh((d) => d === vscode.window.activeTextEditor?.document && schedule()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.statusBar') && schedule()),
    { dispose: () => clearTimeout(timer) },
  );
}
