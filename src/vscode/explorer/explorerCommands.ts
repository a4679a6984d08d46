import * as vscode from 'vscode';
import { authorOf, codesOf, NO_AUTHOR, type ExplorerFilter, type GroupMode, type IndexedAnnotation, type WorkspaceIndex } from '../../core/workspaceIndex';
import type { AnnotationStore } from '../annotations/annotationStore';
import { CommandId } from '../commandIds';
import { showWarning } from '../errors';
import { insideWorkspace } from '../workspaceScope';
import type { AnnotationElement, ExplorerTree } from './explorerTree';

export interface ExplorerCommandDeps {
  readonly tree: ExplorerTree;
  readonly store: AnnotationStore;
  readonly index: WorkspaceIndex;
  /** Shows the active filter in the view (description, context key for the clear button). */
  readonly showFilter: () => void;
}

/** Where a reveal put the cursor (offsets in the document as the editor has it); for scripts and tests. */
export interface Revealed {
  readonly document: string;
  readonly start: number;
  readonly end: number;
}

const isElement = (v: unknown): v is AnnotationElement => (v as Partial<AnnotationElement> | undefined)?.type === 'annotation';
/** Context menus pass the element, then VS Code may pass the selection: only a plain object is extra arguments. */
const extraArgs = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) && !isElement(v) ? (v as Record<string, unknown>) : {});

/**
 * Opens the annotation's document with its passage selected: where the editor's annotation store has it now
 * (it follows edits), else at the position the sidecar records when the quote is still there. A document
 * outside the workspace folders is never opened (sidecars come from anyone's repository).
 */
async function reveal(store: AnnotationStore, item: IndexedAnnotation): Promise<{ editor: vscode.TextEditor; revealed: Revealed } | undefined> {
  const uri = vscode.Uri.parse(item.document);
  if (!insideWorkspace(uri)) return void showWarning(vscode.l10n.t('Policy Lens: {0} is outside the workspace folders; not opened.', uri.toString(true)));
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    return void showWarning(vscode.l10n.t('Policy Lens: the document {0} does not exist; its sidecar is {1}.', vscode.workspace.asRelativePath(uri), vscode.workspace.asRelativePath(vscode.Uri.parse(item.sidecar))));
  }
  const a = item.annotation;
  const live = (await store.get(doc))?.ranges.get(a.id);
  let range: { start: number; end: number } | undefined = live && live !== 'orphaned' ? live : undefined;
  if (!live && doc.getText().startsWith(a.target.quote.exact, a.target.position.start)) range = a.target.position;
  const selection = range ? new vscode.Range(doc.positionAt(range.start), doc.positionAt(range.end)) : undefined;
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { editor, revealed: { document: doc.uri.toString(), start: range?.start ?? -1, end: range?.end ?? -1 } };
}

/** The explorer's commands: reveal, filter, group by, refresh, and edit/delete/re-attach through the annotation commands. */
export function registerExplorerCommands(deps: ExplorerCommandDeps): vscode.Disposable {
  const { tree, store, index, showFilter } = deps;
  const setFilter = (f: ExplorerFilter): void => {
    tree.setFilter(f);
    showFilter();
  };

  /** Runs one of the editor's annotation commands on the element's annotation, in its opened document. */
  const onAnnotation = (command: string) => async (element?: unknown, extra?: unknown) => {
    if (!isElement(element)) return undefined;
    const opened = await reveal(store, element.item);
    if (!opened) return undefined;
    return vscode.commands.executeCommand(command, { ...extraArgs(extra), id: element.item.annotation.id });
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.explorerReveal, async (element?: unknown) => (isElement(element) ? (await reveal(store, element.item))?.revealed : undefined)),
    vscode.commands.registerCommand(CommandId.explorerEdit, onAnnotation(CommandId.editAnnotation)),
    vscode.commands.registerCommand(CommandId.explorerDelete, onAnnotation(CommandId.deleteAnnotation)),
    vscode.commands.registerCommand(CommandId.explorerReattach, onAnnotation(CommandId.reattachOrphan)),
    vscode.commands.registerCommand(CommandId.explorerRefresh, () => tree.refresh()),
    vscode.commands.registerCommand(CommandId.explorerClearFilter, () => setFilter({})),
    vscode.commands.registerCommand(CommandId.explorerGroupBy, async (mode?: GroupMode) => {
      const modes: { label: string; mode: GroupMode }[] = [
        { label: `$(tag) ${vscode.l10n.t('By Code')}`, mode: 'code' },
        { label: `$(file) ${vscode.l10n.t('By Document and Provision')}`, mode: 'document' },
        { label: `$(person) ${vscode.l10n.t('By Author')}`, mode: 'author' },
      ];
      const chosen = mode ?? (await vscode.window.showQuickPick(modes, { title: vscode.l10n.t('Group annotations') }))?.mode;
      if (chosen) tree.setMode(chosen);
    }),
    vscode.commands.registerCommand(CommandId.explorerFilter, async (filter?: ExplorerFilter) => {
      if (filter && typeof filter === 'object') return setFilter(filter);
      await index.ready();
      const current = tree.activeFilter;
      const choice = await vscode.window.showQuickPick(
        [
          { label: `$(tag) ${vscode.l10n.t('Code…')}`, what: 'code' as const, description: current.codes?.join(', ') },
          { label: `$(person) ${vscode.l10n.t('Author…')}`, what: 'author' as const, description: current.author },
          { label: `$(search) ${vscode.l10n.t('Text…')}`, what: 'text' as const, description: current.text },
          { label: `$(clear-all) ${vscode.l10n.t('Clear Filter')}`, what: 'clear' as const },
        ],
        { title: vscode.l10n.t('Filter annotations') },
      );
      if (!choice) return undefined;
      const all = index.annotations();
      if (choice.what === 'clear') return setFilter({});
      if (choice.what === 'text') {
        const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter annotations: text in the quote, note or codes'), value: current.text ?? '' });
        return text === undefined ? undefined : setFilter({ ...current, text });
      }
      const counts = new Map<string, number>();
      for (const a of all) for (const key of choice.what === 'code' ? codesOf(a) : [authorOf(a) ?? NO_AUTHOR]) counts.set(key, (counts.get(key) ?? 0) + 1);
      const items = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([label, n]) => ({ label, description: String(n), picked: choice.what === 'code' ? current.codes?.includes(label) : current.author === label }));
      if (choice.what === 'code') {
        const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Filter annotations: codes'), canPickMany: true });
        return picked ? setFilter({ ...current, codes: picked.map((p) => p.label) }) : undefined;
      }
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Filter annotations: author') });
      return picked ? setFilter({ ...current, author: picked.label }) : undefined;
    }),
  );
}
