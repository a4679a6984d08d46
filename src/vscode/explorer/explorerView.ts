import * as vscode from 'vscode';
import type { AnchorStatus } from '../../core/anchoring';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { WorkspaceIndex, describeFilter, idOf, isEmptyFilter, type IndexedAnnotation, type ProvisionSpan, type SidecarEntry } from '../../core/workspaceIndex';
import type { AnnotationStore } from '../annotations/annotationStore';
import type { CodebookService } from '../annotations/codebookService';
import type { DocumentAnalysis } from '../documentAnalysis';
import { logFailure } from '../logger';
import { setting } from '../settings';
import { registerExplorerCommands } from './explorerCommands';
import { editorLayout } from './explorerLayout';
import { ExplorerTree, type ExplorerElement } from './explorerTree';

export const EXPLORER_VIEW = 'policyLens.annotations';
const FILTERED_CONTEXT = 'policyLens.explorer.filtered';
/** File events come in bursts (a checkout, a save that replaces the file): the tree is rebuilt once per burst. */
const REFRESH_DELAY_MS = 150;

/** What the extension-host tests read of the tree: what the user sees, level by level. */
export interface ExplorerRow {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
}

export interface ExplorerApi {
  rows(parentId?: string): Promise<ExplorerRow[]>;
  /** The element behind a row (for the explorer's commands, as a click or a context menu passes it). */
  element(id: string): Promise<ExplorerElement | undefined>;
  readonly view: vscode.TreeView<ExplorerElement>;
  /** Resolves once the index is built and every document was checked for orphans. */
  settled(): Promise<void>;
}

/**
 * The annotations explorer: a tree of every annotation in the workspace (WorkspaceIndex, built when the
 * view is first shown), refreshed from sidecar and document file events and from the annotation store's
 * live state of open documents; it follows the active editor.
 */
export function registerExplorer(store: AnnotationStore, codebook: CodebookService, analysis: DocumentAnalysis, port: FileSystemPort): { disposable: vscode.Disposable; api: ExplorerApi } {
  const index = new WorkspaceIndex(port, editorLayout(), { maxBytes: setting('sidecarMaxBytes') });
  const status = (a: IndexedAnnotation): AnchorStatus | undefined => store.peek(vscode.Uri.parse(a.document))?.status.get(idOf(a)) ?? index.entry(a.sidecar)?.status?.get(idOf(a));
  const liveStatus = (e: SidecarEntry): ReadonlyMap<string, AnchorStatus> | undefined => store.peek(vscode.Uri.parse(e.document))?.status;
  const tree = new ExplorerTree({ index, codes: () => codebook.codes(), provisions: (d) => provisionsOf(analysis, d), status, liveStatus, built: (n) => showEmpty(n) });
  const view = vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: tree, showCollapseAll: true });

  const quietly = (p: Promise<unknown>): void => void p.catch(logFailure('annotations explorer'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = (): void => {
    if (!index.started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      tree.refresh();
    }, REFRESH_DELAY_MS);
  };
  const showFilter = (): void => {
    const f = tree.activeFilter;
    view.description = isEmptyFilter(f) ? undefined : vscode.l10n.t('filter: {0}', describeFilter(f));
    quietly(Promise.resolve(vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, !isEmptyFilter(f))));
  };
  // With no annotation at all the welcome view says what to do first; a filter that hides all says so here.
  function showEmpty(groups: number): void {
    view.message = groups === 0 && !isEmptyFilter(tree.activeFilter) ? vscode.l10n.t('No annotation matches the filter.') : undefined;
  }

  const sidecars = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
  const documents = vscode.workspace.createFileSystemWatcher('**/*.{md,txt}');
  const onSidecar = (uri: vscode.Uri): void => quietly(index.fileChanged(uri.toString()));
  const onDocument = (uri: vscode.Uri): void => {
    if (!uri.path.endsWith('.annotations.yaml')) quietly(index.documentChanged(uri.toString()));
  };

  const follow = (editor: vscode.TextEditor | undefined): void => {
    if (!editor || !view.visible || tree.groupMode !== 'document') return;
    const key = editor.document.uri.toString();
    const node = tree.topLevel()?.find((e) => e.node.document === key);
    if (node) quietly(Promise.resolve(view.reveal(node, { select: true, focus: false, expand: false })));
  };

  const disposable = vscode.Disposable.from(
    tree,
    view,
    sidecars,
    documents,
    sidecars.onDidCreate(onSidecar),
    sidecars.onDidChange(onSidecar),
    sidecars.onDidDelete(onSidecar),
    documents.onDidCreate(onDocument),
    documents.onDidChange(onDocument),
    documents.onDidDelete(onDocument),
    index.onDidChange(refreshSoon),
    store.onDidChange(() => view.visible && refreshSoon()),
    codebook.onDidChange(refreshSoon),
    vscode.window.onDidChangeActiveTextEditor(follow),
    view.onDidChangeVisibility((e) => e.visible && follow(vscode.window.activeTextEditor)),
    registerExplorerCommands({ tree, store, showFilter, index }),
    { dispose: () => (timer && clearTimeout(timer), index.dispose()) },
  );
  showFilter();

  const rows = async (parentId?: string): Promise<ExplorerRow[]> => {
    const parent = parentId === undefined ? undefined : await findById(tree, parentId);
    if (parentId !== undefined && !parent) return [];
    return (await tree.getChildren(parent)).map((e) => {
      const t = tree.getTreeItem(e);
      const label = typeof t.label === 'string' ? t.label : (t.label?.label ?? '');
      return { id: t.id ?? label, label, description: typeof t.description === 'string' ? t.description : '', contextValue: t.contextValue ?? '' };
    });
  };
  return { disposable, api: { rows, element: (id) => findById(tree, id), view, settled: () => index.anchored() } };
}

/** The element with this tree item id, searched level by level (tests; small trees). */
async function findById(tree: ExplorerTree, id: string, under?: ExplorerElement): Promise<ExplorerElement | undefined> {
  for (const e of await tree.getChildren(under)) {
    const itemId = tree.getTreeItem(e).id;
    if (itemId === id) return e;
    if (e.type === 'group') {
      const inner = await findById(tree, id, e);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A document's provisions by the core recognition (the analysis the outline and hovers share), as offsets. */
async function provisionsOf(analysis: DocumentAnalysis, document: string): Promise<ProvisionSpan[]> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(document));
  const { recognition } = await analysis.analyse(doc);
  return recognition.provisions.map((lp) => ({
    id: lp.provision.id,
    label: lp.provision.number ? `${lp.provision.number} ${lp.provision.heading}` : lp.provision.heading,
    start: doc.offsetAt(new vscode.Position(lp.range.start.line, lp.range.start.character)),
    end: doc.offsetAt(new vscode.Position(lp.range.end.line, lp.range.end.character)),
    depth: lp.provision.depth,
  }));
}
