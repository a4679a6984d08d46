import * as vscode from 'vscode';
import { reportError } from '../errors';
import { anchorCandidates } from '../../core/anchoring';
import { withFreshSelectors } from '../../core/annotations/annotationFactory';
import { CommandId } from '../commandIds';
import { withEditor } from './annotateCommands';
import type { AnnotationStore } from './annotationStore';

const MAX_CANDIDATES = 8;

/** Re-attach Orphaned Annotation…: pick an orphan, then one of the spans that resemble its quote, or the selection. */
export function registerReattachCommand(store: AnnotationStore): vscode.Disposable {
  // args: the span to attach to, or only the orphan's id (the annotations explorer), then the span is picked.
  return withEditor(CommandId.reattachOrphan, async (editor, args?: { id: string; start?: number; end?: number }) => {
    const doc = editor.document;
    const state = await store.get(doc);
    // A fuzzily attached annotation can be moved too when it is named (its Quick Fix).
    const movable = (id: string): boolean => state?.status.get(id) === 'orphaned' || (id === args?.id && state?.status.get(id) === 'fuzzy');
    const orphans = state ? [...state.annotations.values()].filter((a) => movable(a.id)) : [];
    if (!state || orphans.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: this document has no orphaned annotations.'));
    let choice = args?.start !== undefined && args.end !== undefined ? { id: args.id, start: args.start, end: args.end } : undefined;
    if (!choice) {
      const given = orphans.find((a) => a.id === args?.id);
      const orphan = given
        ? { a: given }
        : await vscode.window.showQuickPick(
            orphans.map((a) => ({ label: a.target.quote.exact.replace(/\s+/g, ' ').slice(0, 80), description: a.codes.join(', '), detail: a.note, a })),
            { title: vscode.l10n.t('Re-attach which orphaned annotation?') },
          );
      if (!orphan) return undefined;
      const text = doc.getText();
      const quote = orphan.a.target.quote.exact;
      // Ranked look-alikes, including those below the score at which an annotation attaches by itself.
      const matches = anchorCandidates(text, orphan.a.target, { limit: MAX_CANDIDATES, minScore: 0 });
      const items: (vscode.QuickPickItem & { start: number; end: number })[] = matches.map((m) => {
        const pos = doc.positionAt(m.start);
        return { label: text.slice(m.start, m.end).replace(/\s+/g, ' ').slice(0, 100), description: vscode.l10n.t('line {0} · score {1}', pos.line + 1, m.score.toFixed(2)), start: m.start, end: m.end };
      });
      if (!editor.selection.isEmpty) items.unshift({ label: `$(selection) ${vscode.l10n.t('The current selection')}`, description: doc.getText(editor.selection).slice(0, 60), start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) });
      if (items.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: no similar passage found; select the new passage and run the command again.'));
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Attach "{0}" to…', quote.slice(0, 50)) });
      if (!picked) return undefined;
      choice = { id: orphan.a.id, start: picked.start, end: picked.end };
    }
    const a = state.annotations.get(choice.id);
    if (!a) return undefined;
    const next = { ...withFreshSelectors(doc.getText(), a, choice.start, choice.end), modified: new Date().toISOString() };
    try {
      await store.put(doc, [next], new Map([[a.id, { start: choice.start, end: choice.end }]]));
    } catch (err) {
      return reportError(err);
    }
    return a.id;
  });
}
