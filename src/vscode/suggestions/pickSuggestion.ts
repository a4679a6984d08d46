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
export const ACCEPT_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('check'), tooltip: 'Accept Suggestion…' };
export const DISMISS_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: 'Dismiss' };

/** A suggestion as a picker item: heading, plan, id and score, the evidence as its detail. */
export function suggestionItem(pack: KnowledgePack, s: SuggestedCounterpart): Pick<vscode.QuickPickItem, 'label' | 'description' | 'detail' | 'buttons'> {
  return {
    label: `◇ ${s.provision.heading}`,
    description: `suggested · ${s.plan.shortTitle} ${s.provision.id} · score ${s.score.toFixed(2)}`,
    detail: evidenceLine(pack, s.evidence),
    buttons: [ACCEPT_BUTTON, DISMISS_BUTTON],
  };
}

/** Runs the command a suggestion item's button stands for. */
export function runSuggestionButton(button: vscode.QuickInputButton, args: SuggestionArgs): Thenable<unknown> {
  return vscode.commands.executeCommand(button === ACCEPT_BUTTON ? CommandId.acceptSuggestion : CommandId.dismissSuggestion, args);
}

/** From the command palette: one of the suggestions for the provision under the cursor, picked. */
export async function pickSuggestionHere(analysis: DocumentAnalysis, suggestions: SuggestionService, title: string): Promise<SuggestionArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return void showInformation('Policy Lens: put the cursor in a provision of a policy document first.');
  const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
  if (!located) return void showInformation('Policy Lens: the cursor is not inside a provision of a known plan.');
  const shown = await suggestions.shown(a.pack, located.provision.id);
  if (shown.length === 0) return void showInformation(`Policy Lens: nothing to suggest for ${located.provision.id} "${located.provision.heading}".`);
  const items = shown.map((s) => ({ ...suggestionItem(a.pack, s), buttons: undefined, to: s.provision.id }));
  const picked = await vscode.window.showQuickPick(items, { title: `${title}: suggestions for "${located.provision.heading}"`, matchOnDescription: true });
  return picked ? { from: located.provision.id, to: picked.to, document: editor.document.uri.toString() } : undefined;
}
