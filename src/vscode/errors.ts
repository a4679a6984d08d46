import * as vscode from 'vscode';

/** A failed user action: one clear message, and the details in the extension host's log. */
export function reportError(err: unknown): undefined {
  const message = err instanceof Error ? err.message : String(err);
  console.error('[Policy Lens]', err);
  void vscode.window.showErrorMessage(`Policy Lens: ${message}`);
  return undefined;
}
