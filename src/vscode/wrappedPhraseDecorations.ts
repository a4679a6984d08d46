import * as vscode from 'vscode';
import { LineIndex } from '../core/text/lineIndex';
import type { KnowledgePackService } from './knowledgePackService';
import { isPolicyLanguage } from './languages';
import { logFailure } from './logger';
import { affectsSetting, setting } from './settings';
import { ThemeDecorationTypes } from './themeDecorations/decorationTypes';

const DELAY_MS = 250;
const MAX_DELAY_MS = 2000;

/**
 * Colours themed phrases broken across a line break: the grammar sees one line at a time and misses
 * them. Phrases of themes the analyst hid (policyLens.themes.hidden) are not coloured, wrapped or not. Same
 * colours as the grammar's (ThemeDecorationTypes). Markdown and plain-text documents, which have no theme
 * grammar, get all their theme colours from themeDecorations/ instead.
 */
export function registerWrappedPhraseDecorations(packs: KnowledgePackService, extension: vscode.Extension<unknown>): vscode.Disposable {
  const types = new ThemeDecorationTypes(extension);
  /**
   * A hidden theme's phrases, as the grammar colours them, drawn in the editor's text colour: a decoration's
   * colour wins over the token's (the grammar's colours come from configurationDefaults, which the extension
   * should not rewrite in the user's settings). In a Markdown heading the phrase loses the heading's colour.
   */
  const mutedType = vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor('editor.foreground') });
  const timers = new Map<string, NodeJS.Timeout>();
  /** What matching the document cost last time: a large document waits longer after typing, off the typing path. */
  const costs = new Map<string, number>();

  const decorate = async (key: string): Promise<void> => {
    const { pack, matcher } = await packs.get();
    // The editor that was visible when this was scheduled may be gone: decorate the one showing it now, if any.
    const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === key);
    if (!editor) return;
    const started = performance.now();
    const enabled = setting('wrappedPhrases.enabled', editor.document);
    const hidden = new Set(setting('themes.hidden'));
    const byTheme = new Map<string, vscode.Range[]>();
    const muted: vscode.Range[] = [];
    if ((enabled || hidden.size) && isPolicyLanguage(editor.document.languageId)) {
      const text = editor.document.getText();
      const lines = new LineIndex(text);
      // Wrapped phrases only, unless a theme is hidden: then its one-line phrases are needed too.
      for (const m of hidden.size ? matcher.matchText(text) : matcher.matchWrapped(text)) {
        const s = lines.positionAt(m.start);
        const e = lines.positionAt(m.end);
        const range = new vscode.Range(s.line, s.character, e.line, e.character);
        if (hidden.has(m.themeId)) {
          if (!m.wrapped) muted.push(range);
          continue;
        }
        if (!m.wrapped || !enabled) continue;
        let list = byTheme.get(m.themeId);
        if (!list) byTheme.set(m.themeId, (list = []));
        list.push(range);
      }
    }
    const used = new Set<vscode.TextEditorDecorationType>();
    for (const theme of pack.themes) {
      const type = types.typeFor(theme);
      used.add(type);
      editor.setDecorations(type, byTheme.get(theme.id) ?? []);
    }
    // Themes a pack change removed or recoloured: their old decorations go.
    for (const type of types.all()) if (!used.has(type)) editor.setDecorations(type, []);
    editor.setDecorations(mutedType, muted);
    costs.set(key, performance.now() - started);
  };
  const schedule = (editor: vscode.TextEditor): void => {
    const key = editor.document.uri.toString();
    clearTimeout(timers.get(key));
    const delay = Math.min(MAX_DELAY_MS, Math.max(DELAY_MS, 3 * (costs.get(key) ?? 0)));
    timers.set(key, setTimeout(() => void decorate(key).catch(logFailure('wrapped-phrase decorations')), delay));
  };
  const all = (): void => vscode.window.visibleTextEditors.forEach(schedule);

  all();
  return vscode.Disposable.from(
    vscode.window.onDidChangeVisibleTextEditors(all),
    vscode.workspace.onDidChangeTextDocument((e) => vscode.window.visibleTextEditors.filter((ed) => ed.document === e.document).forEach(schedule)),
    vscode.workspace.onDidOpenTextDocument(() => all()),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const key = d.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
      costs.delete(key);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => (affectsSetting(e, 'wrappedPhrases') || affectsSetting(e, 'themes')) && all()),
    packs.onDidChange(all),
    {
      dispose: () => {
        timers.forEach((t) => clearTimeout(t));
        types.dispose();
        mutedType.dispose();
      },
    },
  );
}
