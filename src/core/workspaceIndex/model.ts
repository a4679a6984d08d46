import type { AnchorStatus } from '../anchoring';
import type { Annotation } from '../sidecar/model';

/** One annotation of the workspace, with where it is stored and which document it annotates. */
export interface IndexedAnnotation {
  readonly annotation: Annotation;
  /** The sidecar's location (port-specific string). */
  readonly sidecar: string;
  /** The annotated document's location, resolved from the sidecar's `document:` field. */
  readonly document: string;
  /**
   * What the first level shows, known without reading the whole annotation (a sidecar only scanned:
   * lazySidecar.ts); read them with the accessors below, which fall back to `annotation`.
   */
  readonly id?: string;
  readonly codes?: readonly string[];
  readonly author?: string;
  readonly start?: number;
}

export const idOf = (a: IndexedAnnotation): string => a.id ?? a.annotation.id;
export const codesOf = (a: IndexedAnnotation): readonly string[] => a.codes ?? a.annotation.codes;
export const authorOf = (a: IndexedAnnotation): string | undefined => (a.id !== undefined ? a.author : a.annotation.author);
export const startOf = (a: IndexedAnnotation): number => a.start ?? a.annotation.target.position.start;

/** What the index knows of one sidecar: what loaded, and how it fared against its document. */
export interface SidecarEntry {
  readonly sidecar: string;
  readonly document: string;
  readonly annotations: readonly IndexedAnnotation[];
  /** Problems the reader reported (the explorer shows their count; the Problems panel has them once opened). */
  readonly problemCount: number;
  /** The file has errors: the editor shows it read-only. */
  readonly readOnly: boolean;
  /** Why the file could not be read at all (too large, not a file, permission), else undefined. */
  readonly error?: string;
  /** Per annotation id, where it stands in the document as it is on disk; undefined until checked. */
  readonly status?: ReadonlyMap<string, AnchorStatus>;
}

/** Where the sidecars are and which document a sidecar annotates (the layout is the adapter's business). */
export interface SidecarLayout {
  /** Every sidecar location in the workspace now. */
  list(): Promise<readonly string[]>;
  /** Whether a location names a sidecar (file events for other files are ignored). */
  isSidecar(location: string): boolean;
  /** The document a sidecar annotates, where the layout pairs them (the `document:` field is only checked, by the editor). */
  documentOf(sidecar: string): string;
}
