import * as vscode from 'vscode';
import { themeColourId } from '../core/lexicon/contributions';
import { LineIndex } from '../core/text/lineIndex';
import type { KnowledgePackService } from './knowledgePackService';
import { isPolicyLanguage } from './languages';
import { logFailure } from './logger';
import { affectsSetting, setting } from './settings';

const DELAY_MS = 250;

/**
 * Colours themed phrases broken across a line break: the grammar sees one line at a time and misses
 * them. Same colours as the grammar's (the contributed theme colours), one decoration type per theme.
 */
export function registerWrappedPhraseDecorations(packs: KnowledgePackService): vscode.Disposable {
  const types = new Map<string, vscode.TextEditorDecorationType>();
  const timers = new Map<string, NodeJS.Timeout>();

  const decorate = async (editor: vscode.TextEditor): Promise<void> => {
    const { pack, matcher } = await packs.get();
    const enabled = setting('wrappedPhrases.enabled', editor.document);
    const byTheme = new Map<string, vscode.Range[]>();
    if (enabled && isPolicyLanguage(editor.document.languageId)) {
      const text = editor.document.getText();
      const lines = new LineIndex(text);
      for (const m of matcher.matchWrapped(text)) {
        const s = lines.positionAt(m.start);
        const e = lines.positionAt(m.end);
        let list = byTheme.get(m.themeId);
        if (!list) byTheme.set(m.themeId, (list = []));
        list.push(new vscode.Range(s.line, s.character, e.line, e.character));
      }
    }
    for (const theme of pack.themes) {
      let type = types.get(theme.id);
      if (!type) {
        type = vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor(themeColourId(theme.id)) });
        types.set(theme.id, type);
      }
      editor.setDecorations(type, byTheme.get(theme.id) ?? []);
    }
  };
  const schedule = (editor: vscode.TextEditor): void => {
    const key = editor.document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => void decorate(editor).catch(logFailure('wrapped-phrase decorations')), DELAY_MS));
  };
  const all = (): void => vscode.window.visibleTextEditors.forEach(schedule);

  all();
  return vscode.Disposable.from(
    vscode.window.onDidChangeVisibleTextEditors(all),
    vscode.workspace.onDidChangeTextDocument((e) => vscode.window.visibleTextEditors.filter((ed) => ed.document === e.document).forEach(schedule)),
    vscode.workspace.onDidOpenTextDocument(() => all()),
    vscode.workspace.onDidChangeConfiguration((e) => affectsSetting(e, 'wrappedPhrases') && all()),
    {
      dispose: () => {
        timers.forEach((t) => clearTimeout(t));
        types.forEach((t) => t.dispose());
      },
    },
  );
}
