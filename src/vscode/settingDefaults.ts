import { HOVER_DETAIL_SETTINGS, type HoverDetailSetting } from '../core/hover/hoverCard';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';

/**
 * The `policyLens.*` settings, mirroring package.json's contributes.configuration (test/unit/contributions.test.ts
 * holds the two to the same keys, types and defaults). Free of `vscode`, so plain Node tests can read it;
 * the editor reads the values through settings.ts only.
 */
export interface PolicyLensSettings {
  readonly autoDetect: boolean;
  readonly 'wrappedPhrases.enabled': boolean;
  readonly 'statusBar.enabled': boolean;
  readonly sidecarFolder: string;
  readonly sidecarMaxBytes: number;
  readonly author: string;
  /** Workspace-relative knowledge pack folders, merged after `.policy-lens/pack` (see packWatcher.ts). */
  readonly packFolders: readonly string[];
  /** How much a hover card says (see hoverDetailAt). */
  readonly 'hover.detail': HoverDetailSetting;
  /** Jump to Counterpart opens the counterpart beside the current editor. */
  readonly 'jump.openToSide': boolean;
  /** Theme ids the analyst toggled off: not highlighted (see themeToggle.ts). */
  readonly 'themes.hidden': readonly string[];
  /** Globs of Markdown/plain-text documents that get theme decorations (see themeDecorations/themeChoice.ts). */
  readonly 'themes.include': readonly string[];
}

export const SETTINGS_SECTION = 'policyLens';

export const SETTING_DEFAULTS: PolicyLensSettings = {
  autoDetect: true,
  'wrappedPhrases.enabled': true,
  'statusBar.enabled': true,
  sidecarFolder: '',
  sidecarMaxBytes: DEFAULT_SIDECAR_MAX_BYTES,
  author: '',
  packFolders: [],
  'hover.detail': 'auto',
  'jump.openToSide': false,
  'themes.hidden': [],
  'themes.include': [],
};

/** Settings that take one of a few strings: any other value reads as the default. */
export const SETTING_CHOICES: { readonly [K in keyof PolicyLensSettings]?: readonly PolicyLensSettings[K][] } = {
  'hover.detail': HOVER_DETAIL_SETTINGS,
};
