import * as vscode from 'vscode';
import { reportError } from '../errors';
import { createAnnotation } from '../../core/annotations/annotationFactory';
import { PickerIndex, type PickerRecord } from '../../core/search/pickerIndex';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import type { Annotation, AnnotationLink } from '../../core/sidecar/model';
import { CommandId } from '../commandIds';
import type { EditorPlatform } from '../editorPlatform';
import type { KnowledgePackService } from '../knowledgePackService';
import { annotationUnderCursor, author, rangeOf, withEditor } from './annotateCommands';
import type { AnnotationStore } from './annotationStore';
import type { CodebookService } from './codebookService';
import { relativeFromSidecar, sidecarUriFor } from './sidecarPaths';
import { workspaceAnnotations } from './workspaceAnnotations';

export type LinkTarget = { readonly planId: string; readonly provisionId: string } | { readonly document: string; readonly annotationId: string };

export interface LinkArgs {
  readonly target: LinkTarget;
  readonly relation: string;
  readonly note?: string;
}

interface TargetItem extends vscode.QuickPickItem {
  readonly target: LinkTarget;
  readonly record: PickerRecord;
}

/** A picker over every provision and every annotation elsewhere, filtered with our fuse.js index as the user types. */
async function pickTarget(packs: KnowledgePackService, port: FileSystemPort, here: vscode.Uri): Promise<LinkTarget | undefined> {
  const { pack } = await packs.get();
  const items: TargetItem[] = [];
  for (const plan of pack.plans) {
    for (const p of plan.provisions) {
      const record: PickerRecord = { kind: 'provision', id: p.id, label: p.heading, description: plan.shortTitle, detail: p.summary };
      items.push({ label: `$(law) ${p.heading}`, description: `${p.id} · ${plan.shortTitle}`, detail: p.summary, alwaysShow: true, target: { planId: plan.id, provisionId: p.id }, record });
    }
  }
  for (const w of await workspaceAnnotations(port)) {
    if (w.document.toString() === here.toString()) continue;
    const a = w.annotation;
    const quote = a.target.quote.exact.replace(/\s+/g, ' ');
    const record: PickerRecord = { kind: 'annotation', id: a.id, label: quote.slice(0, 200), description: a.codes.join(' '), detail: a.note };
    items.push({ label: `$(note) ${quote.slice(0, 80)}`, description: `${vscode.workspace.asRelativePath(w.document)} · ${a.codes.join(', ')}`, detail: a.note, alwaysShow: true, target: { document: w.document.toString(), annotationId: a.id }, record });
  }
  // The tuned fuse.js index (bench figure 5): pre-filtered, so each keystroke stays within a frame.
  const byRecord = new Map(items.map((i) => [i.record, i]));
  const index = new PickerIndex(items.map((i) => i.record));
  const qp = vscode.window.createQuickPick<TargetItem>();
  qp.title = vscode.l10n.t('Link selection as counterpart of…');
  qp.placeholder = vscode.l10n.t('Type to search provisions of every plan and annotations in other documents');
  qp.matchOnDescription = false;
  qp.items = items;
  const sub = qp.onDidChangeValue((v) => (qp.items = v.trim() ? index.search(v, 50).map((r) => byRecord.get(r)!) : items));
  const chosen = await new Promise<TargetItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  sub.dispose();
  qp.dispose();
  return chosen?.target;
}

/**
 * Link Selection as Counterpart…: the selection (or the annotation under the cursor) gets a link to a
 * provision or to another document's annotation; an annotation at the other end gets the reverse link.
 */
export function registerLinkCommand(store: AnnotationStore, codebook: CodebookService, packs: KnowledgePackService, platform: EditorPlatform): vscode.Disposable {
  return withEditor(CommandId.linkSelectionAsCounterpart, async (editor, args?: LinkArgs) => {
    const doc = editor.document;
    const existing = editor.selection.isEmpty ? await annotationUnderCursor(store, editor) : undefined;
    if (editor.selection.isEmpty && !existing) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: select a passage (or put the cursor in an annotation) to link it.'));
    const target = args?.target ?? (await pickTarget(packs, platform.fileSystem, doc.uri));
    if (!target) return undefined;
    const relation = args?.relation ?? (await vscode.window.showQuickPick(await codebook.relations(), { title: vscode.l10n.t('Relation') }));
    if (!relation) return undefined;
    const note = args ? args.note : await vscode.window.showInputBox({ title: vscode.l10n.t('Link note (optional)') });
    if (note === undefined && !args) return undefined;
    const mySidecar = sidecarUriFor(doc.uri);
    const link: AnnotationLink = 'planId' in target ? { plan: target.planId, provision: target.provisionId, relation } : { document: relativeFromSidecar(mySidecar, vscode.Uri.parse(target.document)), annotation: target.annotationId, relation };
    if (note?.trim()) link.note = note.trim();
    const base: Annotation = existing ?? createAnnotation({ text: doc.getText(), start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end), codes: [], author: author(platform.userName) });
    const mine: Annotation = { ...base, links: [...(base.links ?? []), link], ...(existing ? { modified: new Date().toISOString() } : {}) };
    try {
      await store.put(doc, [mine], existing ? rangeOf(store, doc, existing.id) : undefined);
      if ('document' in target) await addReverseLink(store, vscode.Uri.parse(target.document), target.annotationId, { document: '', annotation: mine.id, relation, ...(link.note ? { note: link.note } : {}) }, doc.uri);
    } catch (err) {
      return reportError(err);
    }
    return mine.id;
  });
}

async function addReverseLink(store: AnnotationStore, otherDoc: vscode.Uri, annotationId: string, link: AnnotationLink, myDoc: vscode.Uri): Promise<void> {
  const other = await vscode.workspace.openTextDocument(otherDoc);
  const state = await store.get(other);
  const a = state?.annotations.get(annotationId);
  if (!state || !a) throw new Error(vscode.l10n.t('the annotation {0} in {1} is gone; the link was stored on this side only.', annotationId, vscode.workspace.asRelativePath(otherDoc)));
  const reverse: AnnotationLink = { ...link, document: relativeFromSidecar(state.sidecar, myDoc) };
  await store.put(other, [{ ...a, links: [...(a.links ?? []), reverse], modified: new Date().toISOString() }], rangeOf(store, other, a.id));
}
