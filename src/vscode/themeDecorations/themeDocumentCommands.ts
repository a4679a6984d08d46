import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { reportError, showInformation } from '../errors';
import type { DocumentThemeChoices } from './documentChoices';
import { isDecoratedLanguage, type DocumentThemeChoice, type ThemeMechanism } from './themeChoice';
import type { ThemeDecorations } from './themeDecorations';

/**
 * *Show Themes in This Document* / *Hide Themes in This Document*: the analyst's choice for one Markdown or
 * plain-text document, over the default and the include globs. Each resolves to the document's decision after
 * the change (for tests); the policy languages colour themes with their grammar (*Show Themes…* picks which).
 */
export function registerThemeDocumentCommands(choices: DocumentThemeChoices, decorations: ThemeDecorations): vscode.Disposable {
  const command = (choice: DocumentThemeChoice) => async (uri?: vscode.Uri): Promise<ThemeMechanism | undefined> => {
    try {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) {
        showInformation(vscode.l10n.t('Policy Lens: open a Markdown or plain-text document first.'));
        return undefined;
      }
      if (!isDecoratedLanguage(document.languageId)) {
        showInformation(vscode.l10n.t('Policy Lens: this document is in a policy language, whose grammar colours the themes; Policy Lens: Show Themes… picks which.'));
        return undefined;
      }
      await choices.set(document.uri, choice);
      return await decorations.refresh(document);
    } catch (err) {
      return reportError(err);
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.showThemesInDocument, command('shown')),
    vscode.commands.registerCommand(CommandId.hideThemesInDocument, command('hidden')),
  );
}
