import * as vscode from 'vscode';
import { PACK_PLANS_DIR } from '../core/data/packFiles';
import { draftPlan } from '../core/draft/draftPlan';
import { planIdProblem, suggestedPlanId } from '../core/draft/planId';
import { CommandId } from './commandIds';
import { reportError, showInformation } from './errors';
import type { KnowledgePackService } from './knowledgePackService';
import { POLICY_MARKDOWN } from './languages';
import { workspacePackUri } from './knowledgePackService';
import { setting } from './settings';
import { switchesByItself } from './languageSwitch';
import { WorkspaceFileSystem } from './workspaceFileSystem';

/**
 * *Policy Lens: Draft Plan from This Document*: drafts a plan from the active document's own structure,
 * writes it into the workspace pack (.policy-lens/pack/plans/<id>.yaml of the document's workspace folder),
 * reloads the packs at once so the document is recognised as the new plan, and opens the draft beside it.
 * Resolves to the written file's URI (undefined when cancelled), for tests.
 */
export function registerDraftPlanCommand(packs: KnowledgePackService): vscode.Disposable {
  const port = new WorkspaceFileSystem();
  return vscode.commands.registerCommand(CommandId.draftPlan, async (uri?: vscode.Uri, presetId?: string): Promise<vscode.Uri | undefined> => {
    try {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) {
        showInformation(vscode.l10n.t('Policy Lens: open the document to draft a plan from first.'));
        return undefined;
      }
      const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        showInformation(vscode.l10n.t('Policy Lens: open a folder first; the draft is written into its .policy-lens/pack.'));
        return undefined;
      }
      const { pack } = await packs.get();
      const fileName = document.uri.path.split('/').pop() ?? 'plan';
      const id =
        typeof presetId === 'string'
          ? presetId
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Policy Lens: Draft Plan from This Document'),
              prompt: vscode.l10n.t('Id of the new plan (its file: .policy-lens/pack/plans/<id>.yaml)'),
              value: suggestedPlanId(fileName),
              validateInput: (value) => planIdProblem(value.trim(), pack),
            });
      if (id === undefined) return undefined;
      const problem = planIdProblem(id.trim(), pack);
      if (problem) throw new Error(problem);
      const markdown = document.languageId === 'markdown' || document.languageId === POLICY_MARKDOWN;
      const draft = draftPlan(document.getText(), pack, { id: id.trim(), markdown, source: fileName });
      const target = vscode.Uri.joinPath(workspacePackUri(folder), PACK_PLANS_DIR, `${id.trim()}.yaml`);
      if (await port.stat(target.toString())) throw new Error(vscode.l10n.t('{0} exists already; pick another id', vscode.workspace.asRelativePath(target)));
      await port.writeFileAtomic(target.toString(), new TextEncoder().encode(draft.yaml));
      await packs.reloadNow();
      // As for any plain-text document recognised as a plan (policyLens.autoDetect); Markdown stays Markdown.
      if (switchesByItself(document) && setting('autoDetect', document.uri)) {
        await vscode.commands.executeCommand(CommandId.treatAsPolicyDocument, document.uri);
      }
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { viewColumn: vscode.ViewColumn.Beside, preview: false });
      showInformation(vscode.l10n.t('Policy Lens: drafted plan {0} ({1} provisions); summaries marked DRAFT are yours to write.', id.trim(), draft.provisions));
      return target;
    } catch (err) {
      return reportError(err);
    }
  });
}
