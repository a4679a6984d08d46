import * as vscode from 'vscode';
import { setting } from './settings';
import { showInformation } from './errors';
import { CommandId } from './commandIds';
import type { DocumentAnalysis } from './documentAnalysis';
import { isPolicyLanguage, POLICY_MARKDOWN, POLICY_TEXT } from './languages';
import { logError } from './logger';
import { MAX_EDITOR_ANALYSIS_CHARS } from '../core/limits';
import { MIN_PLAN_SCORE } from './themeDecorations/themeChoice';

/** Plain text only: a `.md` file opened as plain text (by the user's file associations) stays put too. */
export function switchesByItself(document: vscode.TextDocument): boolean {
  return document.languageId === 'plaintext' && !/\.(md|markdown)$/i.test(document.uri.path);
}

function policyLanguageFor(document: vscode.TextDocument): string {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri.path) ? POLICY_MARKDOWN : POLICY_TEXT;
}

/**
 * "Treat as Policy Document", and automatic switching of plain-text files recognised as a known plan (setting
 * policyLens.autoDetect). A Markdown file stays Markdown (its preview, folding and other extensions keep
 * working) and shows its themes with decorations instead (themeDecorations/); the command still switches it.
 * Each document is checked once, so a user who switches a file back is not overruled.
 */
export function registerLanguageSwitch(analysis: DocumentAnalysis): vscode.Disposable {
  const checked = new Set<string>();

  const maybeSwitch = async (document: vscode.TextDocument): Promise<void> => {
    if (!switchesByItself(document)) return;
    const key = document.uri.toString();
    if (checked.has(key)) return;
    checked.add(key);
    if (!setting('autoDetect', document.uri)) return;
    if (document.getText().length > MAX_EDITOR_ANALYSIS_CHARS) return;
    const { recognition } = await analysis.analyse(document);
    if (recognition.plan && recognition.score >= MIN_PLAN_SCORE && !document.isClosed) {
      await vscode.languages.setTextDocumentLanguage(document, policyLanguageFor(document));
    }
  };

  const command = vscode.commands.registerCommand(CommandId.treatAsPolicyDocument, async (uri?: vscode.Uri) => {
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      showInformation(vscode.l10n.t('Policy Lens: open a document first.'));
      return undefined;
    }
    if (isPolicyLanguage(document.languageId)) return document;
    checked.add(document.uri.toString());
    return vscode.languages.setTextDocumentLanguage(document, policyLanguageFor(document));
  });

  const check = (d: vscode.TextDocument): void => void maybeSwitch(d).catch((err: unknown) => logError('language detection', err));
  const onOpen = vscode.workspace.onDidOpenTextDocument(check);
  vscode.workspace.textDocuments.forEach(check);
  return vscode.Disposable.from(command, onOpen);
}
