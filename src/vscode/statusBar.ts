import * as vscode from 'vscode';
import { setting } from './settings';
import { CommandId } from './commandIds';
import type { DocumentAnalysis } from './documentAnalysis';
import { isPolicyLanguage } from './languages';
import { logError } from './logger';
import { statusText } from '../core/hover/statusText';
import type { AnnotationStore } from './annotations/annotationStore';

const DELAY_MS = 120;

/** The provision under the cursor, its counterpart count and the user's own links there; a click jumps. */
export function registerStatusBar(analysis: DocumentAnalysis, store: AnnotationStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('policyLens.provision', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Policy Lens: provision');
  item.command = CommandId.jumpToCounterpart;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;

  const update = async (): Promise<void> => {
    const run = ++generation;
    const editor = vscode.window.activeTextEditor;
    const enabled = setting('statusBar.enabled');
    if (!enabled || !editor || !isPolicyLanguage(editor.document.languageId)) {
      item.hide();
      return;
    }
    const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
    if (run !== generation) return; // a newer update has started
    // The links of the user's annotations under the cursor: Jump to Counterpart lists them first.
    const state = store.peek(editor.document.uri);
    const ownLinks = state ? store.at(state, editor.document.offsetAt(editor.selection.active)).reduce((n, an) => n + (an.links?.length ?? 0), 0) : 0;
    const shown = statusText(located?.provision, located ? a.pack.counterpartsOf(located.provision.id).length : 0, ownLinks);
    if (!shown) {
      item.hide();
      return;
    }
    item.text = shown.text;
    item.tooltip = shown.tooltip;
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
    store.onDidChange((uri) => uri.toString() === vscode.window.activeTextEditor?.document.uri.toString() && schedule()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.statusBar') && schedule()),
    { dispose: () => clearTimeout(timer) },
  );
}
