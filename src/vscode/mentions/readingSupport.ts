import * as vscode from 'vscode';
import type { KnowledgePack } from '../../core/data/model';
import { buildMentionCard } from '../../core/hover/mentionCard';
import type { HoverDetailSetting } from '../../core/hover/hoverCard';
import type { ThemeMatch } from '../../core/lexicon/themeMatcher';
import { MAX_EDITOR_ANALYSIS_CHARS } from '../../core/limits';
import type { Mention } from '../../core/mentions/mentions';
import { fromVsPosition } from '../convert';
import { isPolicyLanguage } from '../languages';
import { revealProvision, type PlanLocator } from '../planLocator';
import { mentionOutline } from './mentionLookup';
import type { MentionService } from './mentionService';

/**
 * What the hover, F12, the outline and Jump to Counterpart need to serve documents that are not plans: the
 * mentions of known provisions, and whether the document shows themes (its hover names them only then).
 */
export interface ReadingSupport {
  readonly mentions: MentionService;
  themesShown(document: vscode.TextDocument): boolean;
}

/**
 * A Markdown or plain-text document past the editor's analysis limit gets no recognition or mentions from these
 * providers (a policy-language document is analysed as before: the analyst chose that language).
 */
export function readable(document: vscode.TextDocument): boolean {
  if (isPolicyLanguage(document.languageId)) return true;
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end) <= MAX_EDITOR_ANALYSIS_CHARS;
}

export function mentionRange(document: vscode.TextDocument, m: Mention): vscode.Range {
  return new vscode.Range(document.positionAt(m.start), document.positionAt(m.end));
}

/** The hover card of a mention: say it is one and by what, then the mentioned provision's card. */
export function mentionHover(pack: KnowledgePack, document: vscode.TextDocument, mention: Mention, themes: readonly ThemeMatch[], detail: HoverDetailSetting, annotations?: string): { markdown: string; range: vscode.Range } | undefined {
  const range = mentionRange(document, mention);
  const markdown = buildMentionCard({
    pack,
    mention,
    range: { start: fromVsPosition(range.start), end: fromVsPosition(range.end) },
    themes,
    annotations,
    // `auto` is full on a provision's own heading; a mention is never that, so it is compact unless asked.
    detail: detail === 'full' ? 'full' : 'compact',
  });
  return markdown ? { markdown, range } : undefined;
}

/** F12 / Peek Definition on a mention: the provision it mentions. */
export async function mentionDefinitions(document: vscode.TextDocument, position: vscode.Position, mentions: MentionService, locator: PlanLocator, token?: vscode.CancellationToken): Promise<vscode.LocationLink[] | undefined> {
  if (!readable(document)) return undefined;
  const m = await mentions.at(document, position, token);
  if (!m || token?.isCancellationRequested) return undefined;
  const target = await locator.locate(m.plan, m.provision);
  if (!target) return undefined;
  return [{ originSelectionRange: mentionRange(document, m), targetUri: target.uri, targetRange: target.range, targetSelectionRange: target.headingRange }];
}

/** Jump to Counterpart on a mention: opens the provision it mentions. null: no mention at the cursor. */
export async function jumpToMentioned(editor: vscode.TextEditor, mentions: MentionService, locator: PlanLocator, toSide: boolean): Promise<vscode.TextEditor | undefined | null> {
  if (!readable(editor.document)) return null;
  const m = await mentions.at(editor.document, editor.selection.active);
  if (!m) return null;
  const target = await locator.locate(m.plan, m.provision);
  return target ? revealProvision(target, toSide) : undefined;
}

/**
 * The outline of a document that is not a plan: what it discusses, one symbol per mentioned provision under a
 * symbol per plan, each at its first mention (the detail counts them).
 */
export async function mentionSymbols(document: vscode.TextDocument, pack: KnowledgePack, mentions: MentionService, token?: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
  if (!readable(document)) return [];
  const found = await mentions.mentions(document, token);
  return mentionOutline(pack, found).map((plan) => {
    const children = plan.provisions.map((p) => {
      const first = mentionRange(document, p.mentions[0]!);
      const n = p.mentions.length;
      return new vscode.DocumentSymbol(p.heading, n === 1 ? vscode.l10n.t('{0} · mentioned once', p.provision) : vscode.l10n.t('{0} · mentioned {1} times', p.provision, n), vscode.SymbolKind.Struct, first, first);
    });
    // The plan's symbol spans its provisions' first mentions, so each child lies inside it.
    const start = children.reduce((s, c) => (c.range.start.isBefore(s) ? c.range.start : s), children[0]!.range.start);
    const end = children.reduce((e, c) => (c.range.end.isAfter(e) ? c.range.end : e), children[0]!.range.end);
    const symbol = new vscode.DocumentSymbol(plan.title, children.length === 1 ? vscode.l10n.t('{0} · 1 provision mentioned', plan.plan) : vscode.l10n.t('{0} · {1} provisions mentioned', plan.plan, children.length), vscode.SymbolKind.Namespace, new vscode.Range(start, end), children[0]!.range);
    symbol.children = children;
    return symbol;
  });
}
