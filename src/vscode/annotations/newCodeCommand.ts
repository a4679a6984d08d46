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
  const label = args ? args.label : await vscode.window.showInputBox({ title: 'New code: label', prompt: 'A short name, e.g. "Needs legal review"; the id is made from it', validateInput: newCodeLabelProblem });
  if (label === undefined) return undefined;
  const problem = newCodeLabelProblem(label);
  if (problem) return void vscode.window.showErrorMessage(`Policy Lens: ${problem}`);
  let parent = args?.parent;
  const own = codes.filter((c) => c.source === 'codebook');
  if (!args && own.length > 0) {
    const none = { label: '$(dash) No parent', description: 'a top-level code', id: '' };
    const picked = await vscode.window.showQuickPick([none, ...own.map((c) => ({ label: c.label, description: c.id, id: c.id }))], { title: `New code "${label.trim()}": under which code?` });
    if (!picked) return undefined;
    parent = picked.id || undefined;
  }
  if (parent && !codes.some((c) => c.id === parent)) return void vscode.window.showErrorMessage(`Policy Lens: there is no code '${parent}' to put the new code under.`);
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
