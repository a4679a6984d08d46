/**
 * Every size limit in one place. Each limit is applied before the work it bounds (stat before read, line
 * length before matching), so a hostile file costs at most what its limit allows.
 */

/** Sidecars (and other YAML data files) larger than this are not loaded: the `policyLens.sidecarMaxBytes` default. */
export const DEFAULT_SIDECAR_MAX_BYTES = 10 * 1024 * 1024;

/** Documents larger than this are not read by the CLI nor analysed in the editor. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * Documents longer than this (characters) are not checked for a plan to switch to, nor searched for mentions,
 * nor given theme decorations in the editor: each is a whole-document pass, and past this size it would cost
 * seconds of the extension host for every edit's refresh.
 */
export const MAX_EDITOR_ANALYSIS_CHARS = 20_000_000;

/** VS Code's `editor.maxTokenizationLineLength` default: longer lines are not tokenised (no theme colours). */
export const MAX_TOKENIZATION_LINE_LENGTH = 20_000;

/** Problems reported for one file before the rest are summarised in one line ("… N more"). */
export const MAX_PROBLEMS_PER_FILE = 100;

/** Plan files read from one workspace knowledge pack's plans/ folder; the rest are reported, not read. */
export const MAX_PACK_PLAN_FILES = 200;
