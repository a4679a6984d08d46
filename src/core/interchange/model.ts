/**
 * The interchange model: what every export format (QDPX, QDC, W3C, CSV) is written from and every import
 * is read into. One model, so the formats cannot disagree on what a workspace holds.
 */
import type { Code } from '../codebook/codebook';
import type { Annotation } from '../sidecar/model';
import type { Position } from '../text/lineIndex';

/** One annotated document, with the exact text the annotations' offsets refer to. */
export interface InterchangeDocument {
  /** Workspace-relative path, '/' separators (e.g. "plans/us.policy.md"). */
  readonly path: string;
  /** The text as the editor sees it: BOM dropped, line ends normalised as `decodeDocumentBytes` does. */
  readonly text: string;
  /** Id of the plan the document is recognised as, when one is. */
  readonly plan?: string;
  /** Provision id for each annotation id, when the annotation lies in a recognised provision. */
  readonly provisions?: ReadonlyMap<string, string>;
  /** Offsets are UTF-16 units into `text` (as in sidecars). */
  readonly annotations: readonly Annotation[];
  /**
   * Set by an import from a file that does not carry the document's text (W3C JSON, CSV): `text` is then ''
   * and each annotation's position is 0-0 until `attachText` (attachText.ts) is given the document as it
   * is on disk; where each annotation was is in `positionHints`, in the file's own units.
   */
  readonly textMissing?: boolean;
  /** Where each annotation (by id) was, as the imported file said, when `textMissing`. */
  readonly positionHints?: ReadonlyMap<string, PositionHint>;
}

/** A position as a file without the text gives it: code points (W3C TextPositionSelector) or lines (CSV). */
export type PositionHint =
  | { readonly unit: 'codePoint'; readonly start: number; readonly end: number }
  | { readonly unit: 'lineCharacter'; readonly start: Position; readonly end: Position };

/** Everything an export writes and an import yields. */
export interface InterchangeProject {
  readonly name: string;
  /** Themes and workspace codes, hierarchy via `parent`. */
  readonly codes: readonly Code[];
  readonly documents: readonly InterchangeDocument[];
}

/** Something an import could not carry over (a PDF source, a picture selection, a variable …): never dropped silently. */
export interface DataLossItem {
  /** What kind of thing was left out, e.g. "PDFSource", "PictureSelection", "Variable". */
  readonly kind: string;
  /** Its name or guid in the imported file, so the user can find it there. */
  readonly where: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly project: InterchangeProject;
  readonly dataLoss: readonly DataLossItem[];
}
