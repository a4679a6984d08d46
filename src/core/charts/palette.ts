import type { Code } from '../codebook/codebook';
import type { Theme } from '../data/model';

/** The colour schemes VS Code has (its ColorThemeKind), and the one a standalone SVG assumes first. */
export type ColourScheme = 'light' | 'dark' | 'highContrast' | 'highContrastLight';
export const COLOUR_SCHEMES: readonly ColourScheme[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

export type SchemeColours = Readonly<Record<ColourScheme, string>>;

/** Colours of a chart's own marks (text, grid, matrix cells) per scheme; VS Code's defaults for each kind. */
export interface ChromeColours {
  readonly text: SchemeColours;
  readonly muted: SchemeColours;
  readonly neutral: SchemeColours;
  readonly grid: SchemeColours;
  readonly background: SchemeColours;
  /** Matrix cells: the foreground colour at an opacity from the count, so every scheme reads them. */
  readonly cell: SchemeColours;
}

export const CHROME: ChromeColours = {
  text: { light: '#1F1F1F', dark: '#CCCCCC', highContrast: '#FFFFFF', highContrastLight: '#000000' },
  muted: { light: '#616161', dark: '#9D9D9D', highContrast: '#FFFFFF', highContrastLight: '#000000' },
  /** Bars of a code without a colour of its own. */
  neutral: { light: '#8A8A8A', dark: '#8A8A8A', highContrast: '#FFFFFF', highContrastLight: '#000000' },
  grid: { light: '#C8C8C8', dark: '#454545', highContrast: '#6FC3DF', highContrastLight: '#0F4A85' },
  background: { light: '#FFFFFF', dark: '#1F1F1F', highContrast: '#000000', highContrastLight: '#FFFFFF' },
  cell: { light: '#005FB8', dark: '#4DAAFC', highContrast: '#FFFFFF', highContrastLight: '#0F4A85' },
};

/** A theme's colours as package.json contributes them (high-contrast light uses the light colour). */
export function themeColours(t: Theme): SchemeColours {
  return { light: t.colour.light, dark: t.colour.dark, highContrast: t.colour.highContrast, highContrastLight: t.colour.light };
}

/**
 * Colours for every code: a theme's own, a codebook code's own (its one colour in every scheme, the light
 * variant where it has one), and a neutral grey for a code without one — borrowing a theme's
 * colour would make it look like that theme (the label next to each bar names it either way).
 */
export function codeColours(themes: readonly Theme[], codes: readonly Pick<Code, 'id' | 'colour' | 'lightColour'>[]): Map<string, SchemeColours> {
  const out = new Map<string, SchemeColours>();
  for (const t of themes) out.set(t.id, themeColours(t));
  for (const c of codes) {
    if (out.has(c.id)) continue;
    if (c.colour) {
      const light = c.lightColour ?? c.colour;
      out.set(c.id, { light, dark: c.colour, highContrast: c.colour, highContrastLight: light });
    } else out.set(c.id, CHROME.neutral);
  }
  return out;
}
