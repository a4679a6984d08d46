import * as vscode from 'vscode';
import type { AnchorStatus } from '../../core/anchoring';
import type { Code } from '../../core/codebook/codebook';
import { themeColourId } from '../../core/lexicon/contributions';
import { FirstLevel, groupByProvision, type ExplorerFilter, type GroupMode, type GroupNode, type IndexedAnnotation, type ProvisionSpan, type SidecarEntry, type WorkspaceIndex } from '../../core/workspaceIndex';
import { CommandId } from '../commandIds';

export interface GroupElement {
  readonly type: 'group';
  readonly node: GroupNode;
  readonly parent: GroupElement | undefined;
}

export interface AnnotationElement {
  readonly type: 'annotation';
  readonly item: IndexedAnnotation;
  readonly parent: GroupElement;
  readonly status: AnchorStatus | undefined;
}

interface MoreElement {
  readonly type: 'more';
  readonly parent: GroupElement;
  readonly hidden: number;
}

export type ExplorerElement = GroupElement | AnnotationElement | MoreElement;

/** Annotations listed under one group at most; the rest are one "… more" line (a filter narrows them). */
const MAX_ITEMS_PER_GROUP = 500;

export interface TreeSources {
  readonly index: WorkspaceIndex;
  readonly codes: () => Promise<Code[]>;
  /** The document's provisions, recognised by the core (only when its group is expanded). */
  readonly provisions: (document: string) => Promise<ProvisionSpan[]>;
  /** Where an annotation stands: the open document's live status first, else the check against the disk. */
  readonly status: (a: IndexedAnnotation) => AnchorStatus | undefined;
  /** The same for all of a sidecar's annotations, where its document is open (else the index's check). */
  readonly liveStatus: (entry: SidecarEntry) => ReadonlyMap<string, AnchorStatus> | undefined;
  /** Told the number of top-level groups after each build. */
  readonly built?: (groups: number) => void;
}

const oneLine = (s: string, max: number): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/**
 * The explorer's tree: groups from the core (FirstLevel: counted per sidecar, so a refresh after a file event
 * counts that sidecar again), built once per refresh from the index and handed out level by level, each
 * group's annotations collected when it is expanded; a document's provisions are recognised then too.
 */
export class ExplorerTree implements vscode.TreeDataProvider<ExplorerElement>, vscode.Disposable {
  private mode: GroupMode = 'code';
  private filter: ExplorerFilter = {};
  private top: GroupElement[] | undefined;
  private readonly withProvisions = new Map<string, Promise<GroupNode>>();
  private readonly firstLevel = new FirstLevel();
  private readonly changed = new vscode.EventEmitter<ExplorerElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly sources: TreeSources) {}

  get groupMode(): GroupMode {
    return this.mode;
  }

  get activeFilter(): ExplorerFilter {
    return this.filter;
  }

  setMode(mode: GroupMode): void {
    this.mode = mode;
    this.refresh();
  }

  setFilter(filter: ExplorerFilter): void {
    this.filter = filter;
    this.refresh();
  }

  refresh(): void {
    this.top = undefined;
    this.withProvisions.clear();
    this.changed.fire(undefined);
  }

  /** The top level as built for the last refresh (after getChildren); undefined before. */
  topLevel(): readonly GroupElement[] | undefined {
    return this.top;
  }

  async getChildren(element?: ExplorerElement): Promise<ExplorerElement[]> {
    if (!element) return (this.top ??= await this.build());
    if (element.type !== 'group') return [];
    let node = element.node;
    if (node.kind === 'document' && node.document !== undefined) {
      const document = node.document;
      let p = this.withProvisions.get(node.key);
      if (!p) {
        const plain = node;
        p = this.sources.provisions(document).then(
          (spans) => groupByProvision(plain, spans),
          () => plain,
        );
        this.withProvisions.set(node.key, p);
      }
      node = await p;
    }
    const groups: ExplorerElement[] = node.children.map((c) => ({ type: 'group', node: c, parent: element }));
    const shown = node.items.slice(0, MAX_ITEMS_PER_GROUP);
    const items: ExplorerElement[] = shown.map((item) => ({ type: 'annotation', item, parent: element, status: this.sources.status(item) }));
    if (node.items.length > shown.length) items.push({ type: 'more', parent: element, hidden: node.items.length - shown.length });
    return [...groups, ...items];
  }

  getParent(element: ExplorerElement): ExplorerElement | undefined {
    return element.parent;
  }

  getTreeItem(element: ExplorerElement): vscode.TreeItem {
    if (element.type === 'more') {
      const t = new vscode.TreeItem(vscode.l10n.t('… {0} more', element.hidden), vscode.TreeItemCollapsibleState.None);
      t.tooltip = vscode.l10n.t('Filter the explorer (by code, author or text) to see them.');
      t.command = { command: CommandId.explorerFilter, title: vscode.l10n.t('Filter') };
      return t;
    }
    return element.type === 'group' ? this.groupItem(element.node) : this.annotationItem(element);
  }

  private async build(): Promise<GroupElement[]> {
    await this.sources.index.ready();
    const codes = await this.sources.codes();
    const nodes = this.firstLevel.group(this.sources.index.sidecars(), {
      mode: this.mode,
      filter: this.filter,
      codes,
      liveStatus: this.sources.liveStatus,
      documentLabel: (d) => vscode.workspace.asRelativePath(vscode.Uri.parse(d)),
    });
    this.sources.built?.(nodes.length);
    return nodes.map((node) => ({ type: 'group', node, parent: undefined }));
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const t = new vscode.TreeItem(groupLabel(node), node.kind === 'orphans' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    t.id = node.key;
    t.description = String(node.count);
    t.contextValue = `policyLens.group.${node.kind}`;
    switch (node.kind) {
      case 'code':
        t.iconPath = node.code?.source === 'theme' ? new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(themeColourId(node.code.id))) : new vscode.ThemeIcon(node.unknownCode ? 'question' : 'tag');
        t.tooltip = node.unknownCode ? vscode.l10n.t('{0}: not a code of the knowledge pack or the codebook', node.label) : `${node.label} (${node.code?.source === 'theme' ? vscode.l10n.t('theme') : vscode.l10n.t('codebook')} · ${node.code?.id})${node.code?.description ? `\n${node.code.description}` : ''}`;
        break;
      case 'document':
        t.iconPath = vscode.ThemeIcon.File;
        t.resourceUri = node.document !== undefined ? vscode.Uri.parse(node.document) : undefined;
        break;
      case 'provision':
        t.iconPath = new vscode.ThemeIcon('symbol-namespace');
        break;
      case 'author':
        t.iconPath = new vscode.ThemeIcon('person');
        break;
      case 'orphans':
        t.iconPath = new vscode.ThemeIcon('warning');
        t.tooltip = vscode.l10n.t('Annotations whose passage is no longer in their document: Re-attach from the context menu.');
        break;
    }
    return t;
  }

  private annotationItem(element: AnnotationElement): vscode.TreeItem {
    const { annotation: a, document } = element.item;
    const t = new vscode.TreeItem(oneLine(a.target.quote.exact, 80), vscode.TreeItemCollapsibleState.None);
    t.id = `${element.parent.node.key}/${element.item.sidecar}#${a.id}`;
    const where = vscode.workspace.asRelativePath(vscode.Uri.parse(document));
    t.description = this.mode === 'document' ? a.codes.join(', ') : `${where} · ${a.codes.join(', ')}`;
    // Plain text: notes come from anyone's sidecar and are never rendered as Markdown.
    t.tooltip = [`“${oneLine(a.target.quote.exact, 300)}”`, vscode.l10n.t('codes: {0}', a.codes.join(', ')), a.note ? vscode.l10n.t('note: {0}', a.note) : '', a.author ? vscode.l10n.t('author: {0}', a.author) : '', vscode.l10n.t('created: {0}', a.created), element.status === 'orphaned' ? vscode.l10n.t('orphaned: its passage is no longer in the document') : '', where]
      .filter(Boolean)
      .join('\n');
    t.iconPath = new vscode.ThemeIcon(element.status === 'orphaned' ? 'warning' : element.status === 'fuzzy' ? 'question' : 'note');
    t.contextValue = element.status === 'orphaned' ? 'policyLens.annotation.orphaned' : 'policyLens.annotation';
    t.command = { command: CommandId.explorerReveal, title: vscode.l10n.t('Reveal in Editor'), arguments: [element] };
    return t;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The group names the core gives in English that are our words, not data: translated here. */
function groupLabel(node: GroupNode): string {
  if (node.kind === 'orphans') return vscode.l10n.t('Orphaned');
  return node.kind === 'author' && node.author === undefined ? vscode.l10n.t('(no author)') : node.label;
}
