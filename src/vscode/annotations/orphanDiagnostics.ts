import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';

/** The diagnostics' source; their code is the annotation's id (the Quick Fixes read both). */
export const ANNOTATION_DIAGNOSTIC_SOURCE = 'Policy Lens';

/** Orphaned and fuzzily attached annotations as Problems entries on their document. */
export function registerOrphanDiagnostics(store: AnnotationStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('policy-lens-annotations');
  const update = (uri: vscode.Uri): void => {
    const state = store.peek(uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!state || !document) return collection.delete(uri);
    const out: vscode.Diagnostic[] = [];
    for (const [id, a] of state.annotations) {
      const status = state.status.get(id);
      const quote = a.target.quote.exact.replace(/\s+/g, ' ').slice(0, 60);
      if (status === 'orphaned') {
        // Point at where the passage used to be, clamped into the document.
        const at = document.positionAt(Math.min(a.target.position.start, document.getText().length));
        const d = new vscode.Diagnostic(new vscode.Range(at, at), vscode.l10n.t('Orphaned annotation ({0}): "{1}" is no longer in the document. Re-attach or delete it (Quick Fix).', a.codes.join(', ') || vscode.l10n.t('no code'), quote), vscode.DiagnosticSeverity.Warning);
        d.source = ANNOTATION_DIAGNOSTIC_SOURCE;
        d.code = id;
        out.push(d);
      } else if (status === 'fuzzy') {
        const r = state.ranges.get(id);
        if (r && r !== 'orphaned') {
          const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)), vscode.l10n.t('Annotation re-attached by a fuzzy match to changed text; check it ("{0}"): accept the new place, re-attach or delete it (Quick Fix).', quote), vscode.DiagnosticSeverity.Information);
          d.source = ANNOTATION_DIAGNOSTIC_SOURCE;
          d.code = id;
          out.push(d);
        }
      }
    }
    collection.set(uri, out);
  };
  return vscode.Disposable.from(collection, store.onDidChange(update), vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)));
}
