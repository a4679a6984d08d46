import * as vscode from 'vscode';
import { logError, logFailure } from './logger';

/** A failed user action: one clear message, and the details in the Policy Lens log. */
export function reportError(err: unknown): undefined {
  const message = err instanceof Error ? err.message : String(err);
  logError('command failed', err);
  showError(vscode.l10n.t('Policy Lens: {0}', message));
  return undefined;
}

/* Messages without buttons: nothing waits for them, and a failure to show one is only logged. */

export function showInformation(message: string): void {
  vscode.window.showInformationMessage(message).then(undefined, logFailure('information message'));
}

export function showWarning(message: string): void {
  vscode.window.showWarningMessage(message).then(undefined, logFailure('warning message'));
}

export function showError(message: string): void {
  vscode.window.showErrorMessage(message).then(undefined, logFailure('error message'));
}
