import type { Annotation } from '../sidecar/model';
import { documentPathOf, ImportedCodes } from './importValues';
import type { DataLossItem, ImportResult, InterchangeDocument, PositionHint } from './model';

interface DocumentDraft {
  readonly annotations: Annotation[];
  readonly hints: Map<string, PositionHint>;
  readonly provisions: Map<string, string>;
  plan?: string;
}

/**
 * What an import from a file without the documents' texts (W3C JSON, CSV) gathers: annotations grouped by
 * document in the order met, where each one was, the codes its tags name, and what could not be carried.
 */
export class ImportedProject {
  readonly codes = new ImportedCodes();
  readonly ids = new Set<string>();
  readonly dataLoss: DataLossItem[] = [];
  private readonly documents = new Map<string, DocumentDraft>();
  private readonly reported = new Set<string>();
  private readonly paths = new Map<string, ReturnType<typeof documentPathOf>>();

  add(path: string, annotation: Annotation, hint?: PositionHint, placement: { plan?: string; provision?: string } = {}): void {
    let doc = this.documents.get(path);
    if (!doc) {
      doc = { annotations: [], hints: new Map(), provisions: new Map() };
      this.documents.set(path, doc);
    }
    doc.annotations.push(annotation);
    if (hint) doc.hints.set(annotation.id, hint);
    if (placement.plan && !doc.plan) doc.plan = placement.plan;
    if (placement.provision) doc.provisions.set(annotation.id, placement.provision);
  }

  /** `documentPathOf(source)`, once per source (thousands of annotations name the same few documents). */
  documentPath(source: string): ReturnType<typeof documentPathOf> {
    let p = this.paths.get(source);
    if (p === undefined) {
      p = documentPathOf(source);
      this.paths.set(source, p);
    }
    return p;
  }

  /** Reports something not carried; the same report twice (one source of many annotations) is listed once. */
  lose(kind: string, where: string, reason: string): void {
    const key = JSON.stringify([kind, where, reason]);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.dataLoss.push({ kind, where, reason });
  }

  result(name: string): ImportResult {
    const documents = [...this.documents].map(([path, d]): InterchangeDocument => ({
      path,
      text: '',
      ...(d.plan ? { plan: d.plan } : {}),
      ...(d.provisions.size ? { provisions: d.provisions } : {}),
      annotations: d.annotations,
      textMissing: true,
      positionHints: d.hints,
    }));
    return { project: { name, codes: this.codes.codes, documents }, dataLoss: this.dataLoss };
  }
}

/** A file's name without folders and extension, for a project name. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.[^.]*$/, '') || last || 'Imported annotations';
}
