import * as vscode from 'vscode';
import { buildHoverCard, HOVER_COMMANDS } from '../core/hover/hoverCard';
import { themesAt } from '../core/hover/themesAt';
import { fromVsPosition, toVsRange } from './convert';
import type { DocumentAnalysis } from './documentAnalysis';
import { POLICY_SELECTOR } from './languages';

/** Hover cards: provision, themes under the pointer, counterparts. Data text is escaped by the core. */
export function registerHoverProvider(analysis: DocumentAnalysis): vscode.Disposable {
  return vscode.languages.registerHoverProvider(POLICY_SELECTOR, {
    async provideHover(document, position) {
      const { analysis: a, located } = await analysis.provisionAt(document, position);
      const themes = themesAt(a.matcher, a.recognition.lines, fromVsPosition(position));
      const markdown = buildHoverCard({ pack: a.pack, located, themes });
      if (!markdown) return undefined;
      const content = new vscode.MarkdownString(markdown);
      // Only our own commands may run from the card, never a command URI that came from a file.
      content.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
      content.supportHtml = false;
      const first = themes[0];
      const range = first
        ? toVsRange({ start: a.recognition.lines.positionAt(first.start), end: a.recognition.lines.positionAt(first.end) })
        : undefined;
      return new vscode.Hover(content, range);
    },
  });
}
