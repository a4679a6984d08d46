import { excerpt, type AnnotatedDocument, type Passage } from './passages';

export interface ChartCode {
  readonly id: string;
  readonly label: string;
}

export interface DocumentCodes {
  readonly document: string;
  readonly label: string;
  /** Annotations per code, for the codes this document uses, in the order of `CodeCounts.codes`. */
  readonly counts: readonly { readonly code: string; readonly count: number }[];
}

export interface CodeCounts {
  /** Every code used somewhere: the known codes in their order (themes, then the codebook), then unknown ones by id. */
  readonly codes: readonly ChartCode[];
  /** Documents with at least one annotation, in the order given. */
  readonly documents: readonly DocumentCodes[];
  /** The annotated passages behind one bar (document, code), in document order. */
  passages(document: string, code: string): readonly Passage[];
}

/**
 * The codes used in the given annotations, ordered as `known` lists them (the codebook's order, themes
 * first); codes nobody defined (a sidecar may name any) come last, by id, labelled with their id.
 */
export function usedCodes(documents: readonly AnnotatedDocument[], known: readonly ChartCode[]): ChartCode[] {
  const used = new Set<string>();
  for (const d of documents) for (const a of d.annotations) for (const c of a.codes) used.add(c);
  const out = known.filter((c) => used.has(c.id));
  const knownIds = new Set(known.map((c) => c.id));
  const unknown = [...used].filter((c) => !knownIds.has(c)).sort();
  return [...out, ...unknown.map((id) => ({ id, label: id }))];
}

/** The team's codes per document: how many annotations carry each code (a code twice on one annotation counts once). */
export function codeCounts(documents: readonly AnnotatedDocument[], known: readonly ChartCode[]): CodeCounts {
  const codes = usedCodes(documents, known);
  const passages = new Map<string, Map<string, Passage[]>>();
  const rows: DocumentCodes[] = [];
  for (const d of documents) {
    if (d.annotations.length === 0) continue;
    const byCode = new Map<string, Passage[]>();
    const ordered = [...d.annotations].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const a of ordered) {
      for (const c of new Set(a.codes)) {
        let list = byCode.get(c);
        if (!list) byCode.set(c, (list = []));
        list.push({ document: d.document, start: a.start, end: a.end, excerpt: excerpt(d.text, a.start, a.end), annotations: [a.id] });
      }
    }
    passages.set(d.document, byCode);
    rows.push({ document: d.document, label: d.label, counts: codes.filter((c) => byCode.has(c.id)).map((c) => ({ code: c.id, count: byCode.get(c.id)!.length })) });
  }
  return { codes, documents: rows, passages: (document, code) => passages.get(document)?.get(code) ?? [] };
}
