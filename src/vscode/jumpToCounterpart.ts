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
import type { DocumentAnalysis } from './documentAnalysis';
import { isReadingLanguage } from './languages';
import { jumpToMentioned } from './mentions/readingSupport';
import type { MentionService } from './mentions/mentionService';
import { revealProvision, type PlanLocator } from './planLocator';
import { setting } from './settings';

/** A bundled counterpart link, or one the analyst made on an annotation. */
type Choice = { readonly counterpart: Counterpart } | { readonly link: AnnotationLink; readonly from: vscode.Uri };

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice: Choice;
}

/**
 * From the provision under the cursor to its counterpart: directly when there is one, through a picker otherwise.
 * Outside a provision (a commentary, say), from a mention to the provision it mentions.
 */
export function registerJumpToCounterpart(analysis: DocumentAnalysis, locator: PlanLocator, store: AnnotationStore, mentions: MentionService): vscode.Disposable {
  const jump = (toSide: (editor: vscode.TextEditor) => boolean) => async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isReadingLanguage(editor.document.languageId)) {
      showInformation('Policy Lens: open a policy, Markdown or plain-text document to jump between counterpart provisions.');
      return undefined;
    }
    const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
    const state = await store.get(editor.document);
    const userLinks: Choice[] = (state ? store.at(state, editor.document.offsetAt(editor.selection.active)) : []).flatMap((an) => (an.links ?? []).map((link) => ({ link, from: editor.document.uri })));
    if (!located && userLinks.length === 0) {
      const mentioned = await jumpToMentioned(editor, mentions, locator, toSide(editor));
      if (mentioned !== null) return mentioned;
      const why = a.recognition.plan ? `the cursor is not inside a provision of ${a.recognition.plan.shortTitle}` : 'this document is not recognised as a known plan, and the cursor is on no mention of a provision';
      showInformation(`Policy Lens: ${why}.`);
      return undefined;
    }
    const choices: Choice[] = [...userLinks, ...(located ? a.pack.counterpartsOf(located.provision.id).map((counterpart) => ({ counterpart })) : [])];
    if (choices.length === 0) {
      showInformation(`Policy Lens: ${located!.provision.id} "${located!.provision.heading}" has no counterpart provision.`);
      return undefined;
    }
    const chosen = choices.length === 1 ? choices[0] : await pickChoice(located?.provision.heading ?? 'this annotation', choices, a.pack);
    if (!chosen) return undefined;
    const side = toSide(editor);
    if ('link' in chosen) return followUserLink(chosen.link, chosen.from, locator, a.pack, side);
    const target = await locator.locate(chosen.counterpart.plan.id, chosen.counterpart.provision.id);
    if (!target) {
      showWarning(`Policy Lens: could not find ${chosen.counterpart.provision.id} in any document.`);
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

async function pickChoice(fromHeading: string, choices: readonly Choice[], pack: KnowledgePack): Promise<Choice | undefined> {
  const items: ChoiceItem[] = choices.map((choice) => {
    if ('counterpart' in choice) {
      const c = choice.counterpart;
      return { label: `${RELATION_MARK[c.link.relation]} ${c.provision.heading}`, description: `${c.link.relation} · ${c.provision.id} · ${c.link.confidence} confidence`, detail: c.link.summary, choice };
    }
    const l = choice.link;
    const provision = l.provision ? pack.provision(l.provision) : undefined;
    const mark = l.relation in RELATION_MARK ? RELATION_MARK[l.relation as keyof typeof RELATION_MARK] : '→';
    // The link comes from a sidecar: its reordering and invisible characters are shown, never applied.
    const label = `${mark} ${provision?.heading ?? revealInvisibles(l.document ?? l.provision ?? '?')}`;
    const description = `${revealInvisibles(l.relation)} · your link${provision ? ` · ${provision.id}` : ''}`;
    return { label, description, detail: l.note === undefined ? undefined : revealInvisibles(l.note), choice };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Counterparts of "${fromHeading}"`,
    placeHolder: 'Type to filter by heading, relation or summary',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.choice;
}
