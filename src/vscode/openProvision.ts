import * as vscode from 'vscode';
import type { Provision } from '../core/data/model';
import { CommandId } from './commandIds';
import { showWarning } from './errors';
import type { KnowledgePackService } from './knowledgePackService';
import { revealProvision, type PlanLocator } from './planLocator';

export interface OpenProvisionArgs {
  readonly planId: string;
  readonly provisionId: string;
}

function isArgs(v: unknown): v is OpenProvisionArgs {
  const o = v as Partial<OpenProvisionArgs> | undefined;
  return typeof o?.planId === 'string' && typeof o.provisionId === 'string';
}

/** Opens a provision by id (hover links pass one); without arguments, picks one from every known plan. */
export function registerOpenProvision(packs: KnowledgePackService, locator: PlanLocator): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openProvision, async (args?: unknown): Promise<vscode.TextEditor | undefined> => {
    const { pack } = await packs.get();
    let target: OpenProvisionArgs | undefined = isArgs(args) ? args : undefined;
    if (!target) {
      const items = pack.plans.flatMap((plan) =>
        plan.provisions.map((p: Provision) => ({ label: p.heading, description: `${p.id} · ${plan.shortTitle}`, detail: p.summary, p })),
      );
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open Provision'), matchOnDescription: true, matchOnDetail: true });
      if (!picked) return undefined;
      target = { planId: picked.p.planId, provisionId: picked.p.id };
    }
    if (!pack.provision(target.provisionId)) {
      showWarning(vscode.l10n.t("Policy Lens: unknown provision '{0}'.", target.provisionId));
      return undefined;
    }
    const location = await locator.locate(target.planId, target.provisionId);
    if (!location) {
      showWarning(vscode.l10n.t('Policy Lens: could not find {0} in any document.', target.provisionId));
      return undefined;
    }
    return revealProvision(location);
  });
}
