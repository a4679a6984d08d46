import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { DocumentAnalysis } from './documentAnalysis';
import { isPolicyLanguage, POLICY_MARKDOWN, POLICY_TEXT } from './languages';
import { logError } from './logger';

const MIN_SCORE_TO_SWITCH = 0.5;
const MAX_AUTO_DETECT_CHARS = 20_000_000;

function policyLanguageFor(document: vscode.TextDocument): string {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri.path) ? POLICY_MARKDOWN : POLICY_TEXT;
}

/**
 * "Treat as Policy Document", and automatic switching of Markdown/plain-text files recognised as a
 * known plan (setting policyLens.autoDetect). Each document is checked once, so a user who switches a
 * file back is not overruled.
 */
export function registerLanguageSwitch(analysis: DocumentAnalysis): vscode.Disposable {
  const checked = new Set<string>();

  const maybeSwitch = async (document: vscode.TextDocument): Promise<void> => {
    if (document.languageId !== 'markdown' && document.languageId !== 'plaintext') return;
    const key = document.uri.toString();
    if (checked.has(key)) return;
    checked.add(key);
    if (!vscode.workspace.getConfiguration('policyLens', document.uri).get<boolean>('autoDetect', true)) return;
    if (document.getText().length > MAX_AUTO_DETECT_CHARS) return;
    const { recognition } = await analysis.analyse(document);
    if (recognition.plan && recognition.score >= MIN_SCORE_TO_SWITCH && !document.isClosed) {
      await vscode.languages.setTextDocumentLanguage(document, policyLanguageFor(document));
    }
  };

  const command = vscode.commands.registerCommand(CommandId.treatAsPolicyDocument, async (uri?: vscode.Uri) => {
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Policy Lens: open a document first.');
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
