import * as vscode from 'vscode';
import { compareCoders, type AgreementReport, type CodedSpan } from '../../core/agreement/agreement';
import { anchorAnnotations } from '../../core/annotations/annotationFactory';
import type { OffsetRange } from '../../core/anchoring';
import type { Annotation } from '../../core/sidecar/model';
import type { AnnotationStore } from '../annotations/annotationStore';
import { workspaceAnnotations } from '../annotations/workspaceAnnotations';
import { WorkspaceFileSystem } from '../workspaceFileSystem'; // reads only: workspace.fs is enough

/** A document's annotations with their current ranges: what Compare Coders compares. */
export interface Coding {
  readonly annotations: readonly Annotation[];
  readonly ranges: ReadonlyMap<string, OffsetRange | 'orphaned'>;
}

/**
 * The live state of the editor (ranges that followed every edit, unsaved ones too) when the annotation store
 * holds the document; otherwise its sidecar, re-anchored in the document's text by the core.
 */
export async function codingOf(store: AnnotationStore, doc: vscode.TextDocument): Promise<Coding | undefined> {
  const live = await store.get(doc);
  if (live) return { annotations: [...live.annotations.values()], ranges: live.ranges };
  const annotations = (await workspaceAnnotations(new WorkspaceFileSystem())).filter((w) => w.document.toString() === doc.uri.toString()).map((w) => w.annotation);
  if (annotations.length === 0) return undefined;
  const ranges = new Map<string, OffsetRange | 'orphaned'>();
  for (const { annotation, anchor } of anchorAnnotations(doc.getText(), annotations)) ranges.set(annotation.id, anchor.status === 'orphaned' ? 'orphaned' : { start: anchor.start, end: anchor.end });
  return { annotations, ranges };
}

/** The coders of a document: its annotations' authors, sorted. */
export function authorsOf(coding: Coding): string[] {
  return [...new Set(coding.annotations.map((a) => a.author).filter((a): a is string => !!a))].sort();
}

/** The two coders' agreement on the document's current text; orphans are left out (and counted). */
export function agreementOf(coding: Coding, length: number, coders: readonly [string, string]): { report: AgreementReport; orphaned: number } {
  let orphaned = 0;
  const spans = (name: string): CodedSpan[] => {
    const out: CodedSpan[] = [];
    for (const a of coding.annotations) {
      if (a.author !== name) continue;
      const r = coding.ranges.get(a.id);
      if (!r || r === 'orphaned') orphaned++;
      else out.push({ start: r.start, end: r.end, codes: a.codes });
    }
    return out;
  };
  const report = compareCoders(length, spans(coders[0]), spans(coders[1]));
  return { report, orphaned };
}
