import * as vscode from 'vscode';
import type { Counterpart } from '../core/data/model';
import { RELATION_MARK } from '../core/hover/hoverCard';
import { CommandId } from './commandIds';
import type { DocumentAnalysis } from './documentAnalysis';
import { isPolicyLanguage } from './languages';
import { revealProvision, type PlanLocator } from './planLocator';

interface CounterpartItem extends vscode.QuickPickItem {
  readonly counterpart: Counterpart;
}

/** From the provision under the cursor to its counterpart: directly when there is one, through a picker otherwise. */
export function registerJumpToCounterpart(analysis: DocumentAnalysis, locator: PlanLocator): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.jumpToCounterpart, async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isPolicyLanguage(editor.document.languageId)) {
      void vscode.window.showInformationMessage('Policy Lens: open a policy document to jump between counterpart provisions.');
      return undefined;
    }
    const { analysis: a, located } = await analysis.provisionAt(editor.document, editor.selection.active);
    if (!located) {
      const why = a.recognition.plan ? `the cursor is not inside a provision of ${a.recognition.plan.shortTitle}` : 'this document is not recognised as a known plan';
      void vscode.window.showInformationMessage(`Policy Lens: ${why}.`);
      return undefined;
    }
    const counterparts = a.pack.counterpartsOf(located.provision.id);
    if (counterparts.length === 0) {
      void vscode.window.showInformationMessage(`Policy Lens: ${located.provision.id} "${located.provision.heading}" has no counterpart provision.`);
      return undefined;
    }
    const chosen = counterparts.length === 1 ? counterparts[0] : await pickCounterpart(located.provision.heading, counterparts);
    if (!chosen) return undefined;
    const target = await locator.locate(chosen.plan.id, chosen.provision.id);
    if (!target) {
      void vscode.window.showWarningMessage(`Policy Lens: could not find ${chosen.provision.id} in any document.`);
      return undefined;
    }
    return revealProvision(target);
  });
}

async function pickCounterpart(fromHeading: string, counterparts: readonly Counterpart[]): Promise<Counterpart | undefined> {
  const items: CounterpartItem[] = counterparts.map((c) => ({
    label: `${RELATION_MARK[c.link.relation]} ${c.provision.heading}`,
    description: `${c.link.relation} · ${c.provision.id} · ${c.link.confidence} confidence`,
    detail: c.link.summary,
    counterpart: c,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Counterparts of "${fromHeading}"`,
    placeHolder: 'Type to filter by heading, relation or summary',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.counterpart;
}
