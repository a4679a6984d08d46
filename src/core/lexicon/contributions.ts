import type { Theme } from '../data/model';
import { themeScope } from './lexicon';

/**
 * Colour contributions generated from the lexicon. Token colours are contributed as defaults of
 * `editor.tokenColorCustomizations` (the grammar's colours in every theme, no user settings needed); the
 * same colours are contributed as theme colours `policyLens.theme.<id>` for decorations (wrapped phrases).
 */

const LIGHT_THEMES = ['Default Light Modern', 'Default Light+', 'Visual Studio Light', 'Quiet Light', 'Solarized Light'];
const HIGH_CONTRAST_THEMES = ['Default High Contrast'];
const HIGH_CONTRAST_LIGHT_THEMES = ['Default High Contrast Light'];

type Colour = keyof Theme['colour'];

function rules(themes: readonly Theme[], colour: Colour) {
  return themes.map((t) => ({ scope: themeScope(t.id), settings: { foreground: t.colour[colour] } }));
}

export function tokenColorDefaults(themes: readonly Theme[]): Record<string, unknown> {
  const out: Record<string, unknown> = { textMateRules: rules(themes, 'dark') };
  for (const name of LIGHT_THEMES) out[`[${name}]`] = { textMateRules: rules(themes, 'light') };
  for (const name of HIGH_CONTRAST_THEMES) out[`[${name}]`] = { textMateRules: rules(themes, 'highContrast') };
  // High Contrast Light has a white background: the light colours meet contrast there.
  for (const name of HIGH_CONTRAST_LIGHT_THEMES) out[`[${name}]`] = { textMateRules: rules(themes, 'light') };
  return out;
}

export function themeColourId(themeId: string): string {
  return `policyLens.theme.${themeId.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}`;
}

export function colourContributions(themes: readonly Theme[]): object[] {
  return themes.map((t) => ({
    id: themeColourId(t.id),
    description: `Policy Lens: phrases of the theme "${t.label}".`,
    defaults: { dark: t.colour.dark, light: t.colour.light, highContrast: t.colour.highContrast, highContrastLight: t.colour.light },
  }));
}
