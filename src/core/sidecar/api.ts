/** The sidecar module API — annotation sidecars (`<document>.annotations.yaml`). Pure: no file system, no editor. */
export * from './model';
export { newAnnotationId, uniqueAnnotationId, ANNOTATION_ID_PATTERN } from './ids';
export { decodeSidecarBytes, type DecodedText } from './decode';
export { parseSidecar, type SidecarParseOptions, type SidecarParseResult } from './parse';
export { serializeSidecar, renderAnnotationItem, SIDECAR_YAML_OPTIONS } from './serialize';
export { updateSidecarText, updateSidecar, type SidecarUpdate } from './update';
export { mergeSidecars, type MergeConflict, type SidecarMerge } from './merge';
export { SIDECAR_SCHEMA, SIDECAR_SCHEMA_ID } from './schema';
