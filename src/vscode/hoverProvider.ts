import * as vscode from 'vscode';
import { annotationSection } from '../core/annotations/annotationCard';
import { buildHoverCard, HOVER_COMMANDS, hoverDetailAt } from '../core/hover/hoverCard';
import type { AnnotationStore } from './annotations/annotationStore';
import type { CodebookService } from './annotations/codebookService';
import { linkedPassages } from './annotations/linkedPassages';
import { themesAt } from '../core/hover/themesAt';
import { fromVsPosition, toVsRange } from './convert';
import type { DocumentAnalysis } from './documentAnalysis';
import { READING_SELECTOR } from './languages';
import { logError } from './logger';
import { mentionHover, readable, type ReadingSupport } from './mentions/readingSupport';
import { setting } from './settings';
import type { SuggestionService } from './suggestions/suggestionService';
import { folderInWorkspace } from './workspaceScope';

/**
 * Hover cards: provision, themes under the pointer, counterparts; outside a provision, the card of a provision
 * the passage mentions. Data text is escaped by the core.
 */
export function registerHoverProvider(analysis: DocumentAnalysis, store: AnnotationStore, codebook: CodebookService, reading: ReadingSupport, suggestions: SuggestionService): vscode.Disposable {
  return vscode.languages.registerHoverProvider(READING_SELECTOR, {
    async provideHover(document, position, token) {
      try {
        return readable(document) ? await hoverAt(document, position, token) : undefined;
      } catch (err) {
        logError('hover', err);
        return undefined;
      }
    },
  });

  async function hoverAt(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
      const { analysis: a, located } = await analysis.provisionAt(document, position);
      const pos = fromVsPosition(position);
      const themes = reading.themesShown(document) ? themesAt(a.matcher, a.recognition.lines, pos) : [];
      const state = store.peek(document.uri);
      const here = state ? store.at(state, document.offsetAt(position)) : [];
      const codes = here.length ? new Map((await codebook.codes()).map((c) => [c.id, c])) : new Map();
      const sidecarFolder = state ? folderInWorkspace(state.sidecar) : undefined;
      const views = here.map((an) => ({ annotation: an, status: state!.status.get(an.id) ?? 'exact', documentUri: document.uri.toString(), sidecarFolder }));
      const annotations = views.length ? annotationSection(a.pack, views, codes, await linkedPassages(store, views)) : undefined;
      const mention = located ? undefined : await reading.mentions.at(document, position, token);
      const onMention = mention && mentionHover(a.pack, document, mention, themes, setting('hover.detail', document), annotations);
      const detail = hoverDetailAt(setting('hover.detail', document), located, pos);
      const suggested = onMention ? undefined : await suggestions.hoverSection(a.pack, located?.provision, document.uri);
      const markdown = onMention ? onMention.markdown : buildHoverCard({ pack: a.pack, located, themes, annotations, detail, suggested });
      if (!markdown) return undefined;
      const content = new vscode.MarkdownString(markdown);
      // Only our own commands may run from the card, never a command URI that came from a file.
      content.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
      content.supportHtml = false;
      const first = themes[0];
      const range = onMention
        ? onMention.range
        : first
        ? toVsRange({ start: a.recognition.lines.positionAt(first.start), end: a.recognition.lines.positionAt(first.end) })
        : undefined;
      return new vscode.Hover(content, range);
  }
}
