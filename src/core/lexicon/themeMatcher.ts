import type { Theme } from '../data/model';
import { themePatterns } from './lexicon';
import { BEFORE_WORD, INLINE_SEPARATOR, WRAPPED_SEPARATOR } from './phrasePattern';

export interface ThemeMatch {
  readonly themeId: string;
  /** Offsets into the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** True when the phrase is broken across a line break (invisible to a line-based grammar). */
  readonly wrapped: boolean;
}

interface Compiled {
  readonly re: RegExp;
  readonly themeIds: readonly string[];
}

/**
 * Finds themed phrases with one JavaScript regex: the grammar's per-theme patterns joined in the grammar's
 * order. Both engines take the leftmost match and, at one position, the first pattern that matches, so the
 * inline mode finds exactly the grammar's tokens. The wrapped mode also crosses line breaks.
 */
export class ThemeMatcher {
  private readonly inline: Compiled;
  private readonly wrappedMode: Compiled;
  readonly size: number;

  constructor(themes: readonly Theme[]) {
    this.inline = compile(themes, INLINE_SEPARATOR);
    this.wrappedMode = compile(themes, `(?:${INLINE_SEPARATOR}|${WRAPPED_SEPARATOR})`);
    this.size = themes.reduce((n, t) => n + t.phrases.filter((p) => !p.ambiguous).reduce((k, p) => k + 1 + p.variants.length, 0), 0);
  }

  /** Matches within one line (or any text without line breaks), as the grammar finds them. */
  matchLine(text: string, offset = 0): ThemeMatch[] {
    return scan(this.inline, text, offset, false);
  }

  /** Every match in a multi-line text, wrapped ones included and flagged. */
  matchText(text: string): ThemeMatch[] {
    return scan(this.wrappedMode, text, 0, true);
  }

  /** Only the matches broken across a line break. */
  matchWrapped(text: string): ThemeMatch[] {
    return this.matchText(text).filter((m) => m.wrapped);
  }
}

function compile(themes: readonly Theme[], separator: string): Compiled {
  const patterns = themePatterns(themes, separator);
  // Every pattern starts with the same look-behind: test it once per position, not once per theme.
  const body = patterns.map((p) => `(${p.source.slice(BEFORE_WORD.length)})`).join('|') || '(?!)';
  const source = `${BEFORE_WORD}(?:${body})`;
  return { re: new RegExp(source, 'gi'), themeIds: patterns.map((p) => p.themeId) };
}

function scan({ re, themeIds }: Compiled, text: string, offset: number, markWrapped: boolean): ThemeMatch[] {
  const out: ThemeMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const themeId = themeIds[g - 1];
    if (themeId !== undefined && m[0].length > 0) {
      const wrapped = markWrapped && /[\r\n]/.test(m[0]);
      out.push({ themeId, start: m.index + offset, end: m.index + m[0].length + offset, text: m[0], wrapped });
    } else re.lastIndex++;
  }
  return out;
}
