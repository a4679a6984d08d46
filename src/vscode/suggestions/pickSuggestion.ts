import * as vscode from 'vscode';
import type { KnowledgePack } from '../../core/data/model';
import { evidenceLine } from '../../core/hover/suggestedSection';
import type { SuggestedCounterpart } from '../../core/suggest/packSuggestions';
import type { SuggestionArgs } from '../../core/suggest/suggestionArgs';
import { CommandId } from '../commandIds';
import type { DocumentAnalysis } from '../documentAnalysis';
import { showInformation } from '../errors';
import type { SuggestionService } from './suggestionService';

/** The buttons on a suggestion in Jump to Counterpart's picker. */
let buttons: { readonly accept: vscode.QuickInputButton; readonly dismiss: vscode.QuickInputButton } | undefined;
/** Made on first use, not at load: the extension's translations may not be loaded yet when its module is. */
const suggestionButtons = (): NonNullable<typeof buttons> =>
  (buttons ??= { accept: { iconPath: new vscode.ThemeIcon('check'), tooltip: vscode.l10n.t('Accept Suggestion…') }, dismiss: { iconPath: new vscode.ThemeIcon('close'), tooltip: vscode.l10n.t('Dismiss') } });

/** A suggestion as a picker item: heading, plan, id and score, the evidence as its detail. */
export function suggestionItem(pack: KnowledgePack, s: SuggestedCounterpart): Pick<vscode.QuickPickItem, 'label' | 'description' | 'detail' | 'buttons'> {
  return {
    label: `◇ ${s.provision.heading}`,
    description: vscode.l10n.t('suggested · {0} {1} · score {2}', s.plan.shortTitle, s.provision.id, s.score.toFixed(2)),
    detail: evidenceLine(pack, s.evidence),
    buttons: [suggestionButtons().accept, suggestionButtons().dismiss],
  };
}

/** Runs the command a suggestion item's button stands for. */
export function runSuggestionButton(button: vscode.QuickInputButton, args: SuggestionArgs): Thenable<unknown> {
  return vscode.commands.executeCommand(button === suggestionButtons().accept ? CommandId.acceptSuggestion : CommandId.dismissSuggestion, args);
}

/** From the command palette: one of the suggestions for the provision under the cursor, picked. */
export async function pickSuggestionHere(analysis: DocumentAnalysis, suggestions: SuggestionService, title: string): Promise<SuggestionArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return void showInformation(vscode.l10n.t('Policy Lens: put the cursor in a provision of a policy document first.'));
  const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
  if (!located) return void showInformation(vscode.l10n.t('Policy Lens: the cursor is not inside a provision of a known plan.'));
  const shown = await suggestions.shown(a.pack, located.provision.id);
  if (shown.length === 0) return void showInformation(vscode.l10n.t('Policy Lens: nothing to suggest for {0} "{1}".', located.provision.id, located.provision.heading));
  const items = shown.map((s) => ({ ...suggestionItem(a.pack, s), buttons: undefined, to: s.provision.id }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0}: suggestions for "{1}"', title, located.provision.heading), matchOnDescription: true });
  return picked ? { from: located.provision.id, to: picked.to, document: editor.document.uri.toString() } : undefined;
}
