import type { Theme } from '../data/model';
import { normalisePhrase } from './phrasePattern';

/** One highlightable phrase form (a phrase text or one of its variants) and the theme it signals. */
export interface LexiconEntry {
  readonly form: string;
  readonly key: string;
  readonly themeId: string;
}

/**
 * The highlightable forms of all themes, longest first so that at any position the longest phrase wins
 * (both regex engines take the first alternative that matches). Ambiguous phrases are left out.
 */
export function lexiconEntries(themes: readonly Theme[]): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  const seen = new Set<string>();
  for (const theme of themes) {
    for (const phrase of theme.phrases) {
      if (phrase.ambiguous) continue;
      for (const form of [phrase.text, ...phrase.variants]) {
        const key = normalisePhrase(form);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        entries.push({ form, key, themeId: theme.id });
      }
    }
  }
  return entries.sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key));
}

/** The TextMate scope of a theme's phrases. The rest of the name is ours; colours come from contributed defaults. */
export function themeScope(themeId: string): string {
  return `entity.other.policy-theme.${themeId}`;
}
