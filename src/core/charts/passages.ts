/** A stretch of a document behind a bar or a matrix cell: what the chart lists when it is clicked. */
export interface Passage {
  /** The document as the caller named it (a path for the CLI, a URI string in the editor). */
  readonly document: string;
  /** UTF-16 offsets into the document's text; end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The passage's text, cut to EXCERPT_CHARS. */
  readonly excerpt: string;
  /** The annotations behind it (codes charts), in document order. */
  readonly annotations?: readonly string[];
}

export const EXCERPT_CHARS = 200;

/** The text of a passage on one line (line breaks as spaces), cut to EXCERPT_CHARS. */
export function excerpt(text: string, start: number, end: number): string {
  const s = text.slice(start, Math.min(end, start + EXCERPT_CHARS + 1)).replace(/\s+/g, ' ');
  return end - start > EXCERPT_CHARS ? `${s.slice(0, EXCERPT_CHARS - 1)}…` : s;
}

/** A document with its text, as the charts read it. */
export interface ChartDocument {
  readonly document: string;
  /** What to call it on a chart (a workspace-relative path, a file name). */
  readonly label: string;
  readonly text: string;
}

/** An annotation where it is now in its document (re-anchored; orphans are left out by the caller). */
export interface PlacedAnnotation {
  readonly id: string;
  readonly codes: readonly string[];
  readonly start: number;
  readonly end: number;
}

export interface AnnotatedDocument extends ChartDocument {
  readonly annotations: readonly PlacedAnnotation[];
}
