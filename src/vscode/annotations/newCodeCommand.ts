import * as vscode from 'vscode';
import { newCode, newCodeLabelProblem } from '../../core/codebook/newCode';
import { CommandId } from '../commandIds';
import { reportError } from '../errors';
import type { CodebookService } from './codebookService';

/** Arguments that let scripts and tests add a code without the prompts. */
export interface NewCodeArgs {
  readonly label: string;
  readonly parent?: string;
}

/**
 * Asks for a label (and a parent, when the codebook has codes to hang it under), adds the code to the
 * workspace codebook and returns its id; undefined when the user gives up or it cannot be written.
 */
export async function createCode(codebook: CodebookService, args?: NewCodeArgs): Promise<string | undefined> {
  const codes = await codebook.codes();
  const label = args ? args.label : await vscode.window.showInputBox({ title: vscode.l10n.t('New code: label'), prompt: vscode.l10n.t('A short name, e.g. "Needs legal review"; the id is made from it'), validateInput: newCodeLabelProblem });
  if (label === undefined) return undefined;
  const problem = newCodeLabelProblem(label);
  if (problem) return void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: {0}', problem));
  let parent = args?.parent;
  const own = codes.filter((c) => c.source === 'codebook');
  if (!args && own.length > 0) {
    const none = { label: `$(dash) ${vscode.l10n.t('No parent')}`, description: vscode.l10n.t('a top-level code'), id: '' };
    const picked = await vscode.window.showQuickPick([none, ...own.map((c) => ({ label: c.label, description: c.id, id: c.id }))], { title: vscode.l10n.t('New code "{0}": under which code?', label.trim()) });
    if (!picked) return undefined;
    parent = picked.id || undefined;
  }
  if (parent && !codes.some((c) => c.id === parent)) return void vscode.window.showErrorMessage(vscode.l10n.t("Policy Lens: there is no code '{0}' to put the new code under.", parent));
  const code = newCode(label, codes, parent);
  try {
    await codebook.addCode(code);
  } catch (err) {
    return reportError(err);
  }
  return code.id;
}

export function registerNewCodeCommand(codebook: CodebookService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.newCode, (args?: NewCodeArgs) => createCode(codebook, args));
}
