import * as vscode from 'vscode';
import type { Counterpart } from '../core/data/model';
import type { AnnotationLink } from '../core/sidecar/model';
import type { AnnotationStore } from './annotations/annotationStore';
import type { OpenAnnotationArgs } from '../core/annotations/annotationCard';
import type { KnowledgePack } from '../core/data/model';
import { RELATION_MARK } from '../core/hover/hoverCard';
import { revealInvisibles } from '../core/hover/markdownText';
import { CommandId } from './commandIds';
import { showInformation, showWarning } from './errors';
import { logFailure } from './logger';
import type { DocumentAnalysis } from './documentAnalysis';
import { isReadingLanguage } from './languages';
import { jumpToMentioned } from './mentions/readingSupport';
import type { MentionService } from './mentions/mentionService';
import { revealProvision, type PlanLocator } from './planLocator';
import { setting } from './settings';
import type { SuggestedCounterpart } from '../core/suggest/packSuggestions';
import { runSuggestionButton, suggestionItem } from './suggestions/pickSuggestion';
import type { SuggestionService } from './suggestions/suggestionService';

/** A curated counterpart link, one the analyst made on an annotation, or a suggested counterpart. */
type Choice = { readonly counterpart: Counterpart } | { readonly link: AnnotationLink; readonly from: vscode.Uri } | { readonly suggestion: SuggestedCounterpart };

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice?: Choice;
}

/**
 * From the provision under the cursor to its counterpart: directly when there is one, through a picker otherwise.
 * Outside a provision (a commentary, say), from a mention to the provision it mentions.
 */
export function registerJumpToCounterpart(analysis: DocumentAnalysis, locator: PlanLocator, store: AnnotationStore, mentions: MentionService, suggestions: SuggestionService): vscode.Disposable {
  const jump = (toSide: (editor: vscode.TextEditor) => boolean) => async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isReadingLanguage(editor.document.languageId)) {
      showInformation(vscode.l10n.t('Policy Lens: open a policy, Markdown or plain-text document to jump between counterpart provisions.'));
      return undefined;
    }
    const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
    const state = await store.get(editor.document);
    const userLinks: Choice[] = (state ? store.at(state, editor.document.offsetAt(editor.selection.active)) : []).flatMap((an) => (an.links ?? []).map((link) => ({ link, from: editor.document.uri })));
    if (!located && userLinks.length === 0) {
      const mentioned = await jumpToMentioned(editor, mentions, locator, toSide(editor));
      if (mentioned !== null) return mentioned;
      showInformation(a.recognition.plan ? vscode.l10n.t('Policy Lens: the cursor is not inside a provision of {0}.', a.recognition.plan.shortTitle) : vscode.l10n.t('Policy Lens: this document is not recognised as a known plan, and the cursor is on no mention of a provision.'));
      return undefined;
    }
    const choices: Choice[] = [...userLinks, ...(located ? a.pack.counterpartsOf(located.provision.id).map((counterpart) => ({ counterpart })) : [])];
    // Suggestions come after the curated links, in the picker only: one curated link is still followed at once.
    const suggested: Choice[] = located && choices.length !== 1 ? (await suggestions.shown(a.pack, located.provision.id)).map((suggestion) => ({ suggestion })) : [];
    if (choices.length === 0 && suggested.length === 0) {
      showInformation(vscode.l10n.t('Policy Lens: {0} "{1}" has no counterpart provision.', located!.provision.id, located!.provision.heading));
      return undefined;
    }
    const from = { id: located?.provision.id, document: editor.document.uri.toString() };
    const chosen = choices.length === 1 ? choices[0] : await pickChoice(located?.provision.heading ?? vscode.l10n.t('this annotation'), [...choices, ...suggested], a.pack, from);
    if (!chosen) return undefined;
    const side = toSide(editor);
    if ('link' in chosen) return followUserLink(chosen.link, chosen.from, locator, a.pack, side);
    const { plan, provision } = 'counterpart' in chosen ? chosen.counterpart : chosen.suggestion;
    const target = await locator.locate(plan.id, provision.id);
    if (!target) {
      showWarning(vscode.l10n.t('Policy Lens: could not find {0} in any document.', provision.id));
      return undefined;
    }
    return revealProvision(target, side);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.jumpToCounterpart, jump((editor) => setting('jump.openToSide', editor.document))),
    vscode.commands.registerCommand(CommandId.openCounterpartToSide, jump(() => true)),
  );
}

async function followUserLink(link: AnnotationLink, from: vscode.Uri, locator: PlanLocator, pack: KnowledgePack, toSide: boolean): Promise<vscode.TextEditor | undefined> {
  const provision = link.provision ? pack.provision(link.provision) : undefined;
  if (provision) {
    const target = await locator.locate(provision.planId, provision.id);
    return target ? revealProvision(target, toSide) : undefined;
  }
  if (link.document) {
    const args: OpenAnnotationArgs = { fromDocument: from.toString(), document: link.document, annotationId: link.annotation };
    return vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.openAnnotation, args);
  }
  return undefined;
}

async function pickChoice(fromHeading: string, choices: readonly Choice[], pack: KnowledgePack, from: { id?: string; document: string }): Promise<Choice | undefined> {
  const items: ChoiceItem[] = [];
  for (const choice of choices) {
    if ('suggestion' in choice) {
      if (!items.some((i) => i.kind === vscode.QuickPickItemKind.Separator)) items.push({ label: vscode.l10n.t('Suggested'), kind: vscode.QuickPickItemKind.Separator });
      items.push({ ...suggestionItem(pack, choice.suggestion), choice });
    } else items.push({ ...choiceItem(choice, pack), choice });
  }
  const qp = vscode.window.createQuickPick<ChoiceItem>();
  qp.title = vscode.l10n.t('Counterparts of "{0}"', fromHeading);
  qp.placeholder = vscode.l10n.t('Type to filter by heading, relation or summary');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = items;
  const picked = await new Promise<ChoiceItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    // A suggestion's buttons: Accept Suggestion… or Dismiss, on the pair this picker is about.
    qp.onDidTriggerItemButton(({ button, item }) => {
      if (!item.choice || !('suggestion' in item.choice) || !from.id) return;
      qp.hide();
      runSuggestionButton(button, { from: from.id, to: item.choice.suggestion.provision.id, document: from.document }).then(undefined, logFailure('suggestion button'));
    });
    qp.show();
  });
  qp.dispose();
  return picked?.choice;
}

function choiceItem(choice: Exclude<Choice, { suggestion: SuggestedCounterpart }>, pack: KnowledgePack): vscode.QuickPickItem {
  if ('counterpart' in choice) {
    const c = choice.counterpart;
    return { label: `${RELATION_MARK[c.link.relation]} ${c.provision.heading}`, description: vscode.l10n.t('{0} · {1} · {2} confidence', c.link.relation, c.provision.id, c.link.confidence), detail: c.link.summary };
  }
  const l = choice.link;
  const provision = l.provision ? pack.provision(l.provision) : undefined;
  const mark = l.relation in RELATION_MARK ? RELATION_MARK[l.relation as keyof typeof RELATION_MARK] : '→';
  // The link comes from a sidecar: its reordering and invisible characters are shown, never applied.
  const label = `${mark} ${provision?.heading ?? revealInvisibles(l.document ?? l.provision ?? '?')}`;
  const description = provision ? vscode.l10n.t('{0} · your link · {1}', revealInvisibles(l.relation), provision.id) : vscode.l10n.t('{0} · your link', revealInvisibles(l.relation));
  return { label, description, detail: l.note === undefined ? undefined : revealInvisibles(l.note) };
}
