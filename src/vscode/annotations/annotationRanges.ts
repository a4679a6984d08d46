import type * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';

/** Where the editor has an annotation now, to write it there (undefined when it is orphaned or not loaded). */
export function rangeOf(store: AnnotationStore, document: vscode.TextDocument, id: string): ReadonlyMap<string, { start: number; end: number }> | undefined {
  const r = store.peek(document.uri)?.ranges.get(id);
  return r && r !== 'orphaned' ? new Map([[id, r]]) : undefined;
}
