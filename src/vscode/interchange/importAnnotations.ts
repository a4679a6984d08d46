import * as vscode from 'vscode';
import { readBytes } from '../../core/fs/readBytes';
import { importBytes } from '../../core/interchange/formats';
import { importInto, type ImportSummary } from '../../core/interchange/importInto';
import type { DataLossItem } from '../../core/interchange/model';
import { sidecarUriFor } from '../annotations/sidecarPaths';
import type { CodebookService } from '../annotations/codebookService';
import { CommandId } from '../commandIds';
import { reportError, showInformation } from '../errors';
import type { KnowledgePackService } from '../knowledgePackService';
import { logFailure } from '../logger';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { pickWorkspaceFolder, uriArg } from './interchangeFolder';
import { importReport } from './interchangeReport';

/** Imported files larger than this are refused before reading (a .qdpx holds every source text). */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export interface ImportOutcome {
  readonly summary: ImportSummary;
  readonly dataLoss: readonly DataLossItem[];
}

/**
 * Policy Lens: Import Annotations… — a file (the open dialog's filters pick the format; the name or the
 * bytes decide it), then the core's import merged by id into the workspace folder, never overwriting; the
 * report of what was written and left out opens beside. Arguments (tests): { file, into, report: false }.
 */
export function registerImportAnnotations(packs: KnowledgePackService, codebook: CodebookService, files: FileSystemPort): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.importAnnotations, async (args?: unknown): Promise<ImportOutcome | undefined> => {
    try {
      const into = await pickWorkspaceFolder(uriArg(args, 'into'), vscode.l10n.t('Import annotations into which folder?'));
      if (!into) return reportError(new Error(vscode.l10n.t('open a folder to import annotations into')));
      const file =
        uriArg(args, 'file') ??
        (
          await vscode.window.showOpenDialog({
            title: vscode.l10n.t('Import Annotations'),
            canSelectMany: false,
            filters: { [vscode.l10n.t('All annotation files')]: ['qdpx', 'qde', 'qdc', 'json', 'jsonld', 'csv'], 'REFI-QDA project': ['qdpx', 'qde'], 'REFI-QDA codebook': ['qdc'], 'W3C Web Annotation': ['json', 'jsonld'], CSV: ['csv'] },
          })
        )?.[0];
      if (!file) return undefined;
      if (!vscode.workspace.isTrusted) {
        const importLabel = vscode.l10n.t('Import');
        const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Import writes documents, sidecars and the codebook into {0} of this untrusted workspace (data only; nothing is run, nothing overwritten).', vscode.workspace.asRelativePath(into)), { modal: true }, importLabel);
        if (ok !== importLabel) return undefined;
      }
      const fileName = file.path.split('/').pop() ?? file.path;
      const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', fileName) }, async (progress) => {
        const port = files;
        const read = await readBytes(port, file.toString(), MAX_IMPORT_BYTES);
        if (!read) throw new Error(vscode.l10n.t('{0}: no such file', fileName));
        const [{ pack }, codes] = await Promise.all([packs.get(), codebook.codes()]);
        progress.report({ message: vscode.l10n.t('reading') });
        const result = importBytes(fileName, read.bytes, { knownCodeIds: codes.map((c) => c.id) });
        progress.report({ message: vscode.l10n.t('writing sidecars') });
        const summary = await importInto(port, into.toString(), result, { knownCodeIds: pack.themes.map((t) => t.id), sidecarFor: (d) => sidecarUriFor(vscode.Uri.parse(d)).toString() });
        return { summary, dataLoss: result.dataLoss };
      });
      const { summary, dataLoss } = outcome;
      const left = dataLoss.length || summary.warnings.length ? vscode.l10n.t('{0} item(s) left out, {1} warning(s): see the report.', dataLoss.length, summary.warnings.length) : vscode.l10n.t('Nothing left out.');
      const imported = summary.annotationsKept
        ? vscode.l10n.t('Policy Lens: imported {0} annotation(s) from {1} ({2} already there, kept).', summary.annotationsAdded, fileName, summary.annotationsKept)
        : vscode.l10n.t('Policy Lens: imported {0} annotation(s) from {1}.', summary.annotationsAdded, fileName);
      showInformation(`${imported} ${left}`);
      if ((args as { report?: unknown } | undefined)?.report !== false) {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: importReport(fileName, vscode.workspace.asRelativePath(into), summary, dataLoss) });
        vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside }).then(undefined, logFailure('import report'));
      }
      return outcome;
    } catch (err) {
      return reportError(err);
    }
  });
}
