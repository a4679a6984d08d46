import * as vscode from 'vscode';
import { collectProject } from '../../core/interchange/collect';
import { exportProject, FORMAT_EXTENSIONS, isExportFormat, type ExportFormat } from '../../core/interchange/formats';
import { sidecarUriFor } from '../annotations/sidecarPaths';
import { CommandId } from '../commandIds';
import { reportError, showInformation } from '../errors';
import type { KnowledgePackService } from '../knowledgePackService';
import { logWarning } from '../logger';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { pickWorkspaceFolder, uriArg } from './interchangeFolder';

interface FormatItem extends vscode.QuickPickItem {
  readonly format: ExportFormat;
}

const formats = (): readonly FormatItem[] => [
  { format: 'qdpx', label: vscode.l10n.t('REFI-QDA project (.qdpx)'), description: 'MAXQDA, ATLAS.ti, NVivo, QDA Miner', detail: vscode.l10n.t('Documents, codebook, annotations, notes and links') },
  { format: 'qdc', label: vscode.l10n.t('REFI-QDA codebook (.qdc)'), detail: vscode.l10n.t('The themes and the workspace codebook alone') },
  { format: 'w3c', label: 'W3C Web Annotation (.json)', description: 'JSON-LD', detail: vscode.l10n.t('Quote and position selectors, codes as tags, notes as comments') },
  { format: 'csv', label: vscode.l10n.t('CSV for spreadsheets (.csv)'), description: 'Excel, LibreOffice', detail: vscode.l10n.t('One row per annotation') },
];

export interface ExportResult {
  readonly file: string;
  readonly format: ExportFormat;
  readonly documents: number;
  readonly annotations: number;
  readonly warnings: readonly string[];
}

/**
 * Policy Lens: Export Annotations… — a format, a file, then the workspace folder's documents, sidecars and
 * codebook written there through the core (collect, exportProject). Arguments (tests): { format, target, folder }.
 */
export function registerExportAnnotations(packs: KnowledgePackService, files: FileSystemPort): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.exportAnnotations, async (args?: unknown): Promise<ExportResult | undefined> => {
    try {
      const folder = await pickWorkspaceFolder(uriArg(args, 'folder'), vscode.l10n.t('Export the annotations of which folder?'));
      if (!folder) return reportError(new Error(vscode.l10n.t('open a folder to export its annotations')));
      const given = (args as { format?: unknown } | undefined)?.format;
      const format = typeof given === 'string' && isExportFormat(given) ? given : (await vscode.window.showQuickPick(formats(), { title: vscode.l10n.t('Export Annotations: format') }))?.format;
      if (!format) return undefined;
      const name = folder.path.split('/').filter(Boolean).pop() ?? 'annotations';
      const target =
        uriArg(args, 'target') ??
        (await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export Annotations'), defaultUri: vscode.Uri.joinPath(folder, `${name}${FORMAT_EXTENSIONS[format]}`), filters: { [formats().find((f) => f.format === format)!.label]: [FORMAT_EXTENSIONS[format].slice(1)] } }));
      if (!target) return undefined;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting annotations as {0}…', format.toUpperCase()) }, async (progress) => {
        const port = files;
        const { pack } = await packs.get();
        progress.report({ message: vscode.l10n.t('reading documents and sidecars') });
        const collected = await collectProject(port, [folder.toString()], { pack, root: folder.toString(), name, sidecarFor: (d) => sidecarUriFor(vscode.Uri.parse(d)).toString() });
        progress.report({ message: vscode.l10n.t('writing') });
        await port.writeFileAtomic(target.toString(), exportProject(collected.project, format));
        const annotations = collected.project.documents.reduce((n, d) => n + d.annotations.length, 0);
        return { file: target.toString(), format, documents: collected.project.documents.length, annotations, warnings: collected.warnings };
      });
      for (const w of result.warnings) logWarning(`export: ${w}`);
      const warned = result.warnings.length ? ` ${vscode.l10n.t('{0} warning(s) in the Policy Lens log.', result.warnings.length)}` : '';
      showInformation(vscode.l10n.t('Policy Lens: exported {0} annotation(s) of {1} document(s) to {2} ({3}).', result.annotations, result.documents, vscode.workspace.asRelativePath(target), format.toUpperCase()) + warned);
      return result;
    } catch (err) {
      return reportError(err);
    }
  });
}
