import * as vscode from 'vscode';
import { withFreshSelectors } from '../../core/annotations/annotationFactory';
import { reportError } from '../errors';
import { CommandId } from '../commandIds';
import { POLICY_SELECTOR } from '../languages';
import { withEditor } from './annotateCommands';
import type { AnnotationStore } from './annotationStore';
import { ANNOTATION_DIAGNOSTIC_SOURCE } from './orphanDiagnostics';

/**
 * Quick Fixes on the orphaned and fuzzy annotation diagnostics (their code is the annotation's id):
 * re-attach or delete an orphan; accept a fuzzy match's new place, re-attach it elsewhere, or delete it.
 * Each fix runs an existing command with the annotation's id, so the palette and the lightbulb agree.
 */
export function registerAnnotationQuickFixes(store: AnnotationStore): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const state = store.peek(document.uri);
      if (!state) return [];
      const out: vscode.CodeAction[] = [];
      for (const d of context.diagnostics) {
        if (d.source !== ANNOTATION_DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
        const id = d.code;
        const status = state.status.get(id);
        if (status === 'fuzzy') {
          const accept = fix(vscode.l10n.t('Accept the annotation’s new place'), d, CommandId.acceptAnnotationPlace, { id });
          accept.isPreferred = true;
          out.push(accept);
        }
        if (status === 'orphaned' || status === 'fuzzy') {
          out.push(fix(vscode.l10n.t('Re-attach the annotation…'), d, CommandId.reattachOrphan, { id }));
          out.push(fix(vscode.l10n.t('Delete the annotation'), d, CommandId.deleteAnnotation, { id }));
        }
      }
      return out;
    },
  };
  const accept = withEditor(CommandId.acceptAnnotationPlace, async (editor, args?: { id?: string }) => {
    const doc = editor.document;
    const state = await store.get(doc);
    const a = args?.id ? state?.annotations.get(args.id) : undefined;
    const r = a ? state?.ranges.get(a.id) : undefined;
    if (!a || !r || r === 'orphaned') return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: that annotation is not attached anywhere; re-attach it instead.'));
    // Fresh selectors from the span it is shown on: the match becomes exact and the diagnostic goes.
    const next = { ...withFreshSelectors(doc.getText(), a, r.start, r.end), modified: new Date().toISOString() };
    try {
      await store.put(doc, [next], new Map([[a.id, { start: r.start, end: r.end }]]));
    } catch (err) {
      return reportError(err);
    }
    return a.id;
  });
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(POLICY_SELECTOR, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    accept,
  );
}

function fix(title: string, diagnostic: vscode.Diagnostic, command: string, args: { id: string }): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { title, command, arguments: [args] };
  return action;
}
