import type { Theme } from '../data/model';
import { lexiconEntries, type LexiconEntry } from './lexicon';
import { AFTER_WORD, BEFORE_WORD, phraseSource, WRAPPED_SEPARATOR, INLINE_SEPARATOR } from './phrasePattern';

export interface ThemeMatch {
  readonly themeId: string;
  /** Offsets into the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** True when the phrase is broken across a line break (invisible to a line-based grammar). */
  readonly wrapped: boolean;
}

/**
 * Finds themed phrases in text with one compiled JavaScript regex per mode. The inline mode sees exactly
 * what the grammar sees; the wrapped mode also crosses line breaks.
 */
export class ThemeMatcher {
  private readonly entries: LexiconEntry[];
  private readonly inline: RegExp;
  private readonly wrappedRe: RegExp;

  constructor(themes: readonly Theme[]) {
    this.entries = lexiconEntries(themes);
    this.inline = compile(this.entries, INLINE_SEPARATOR);
    this.wrappedRe = compile(this.entries, `(?:${INLINE_SEPARATOR}|${WRAPPED_SEPARATOR})`);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Matches within one line (or any text without line breaks), as the grammar finds them. */
  matchLine(text: string, offset = 0): ThemeMatch[] {
    return this.scan(this.inline, text, offset, false);
  }

  /** Every match in a multi-line text, wrapped ones included and flagged. */
  matchText(text: string): ThemeMatch[] {
    return this.scan(this.wrappedRe, text, 0, true);
  }

  /** Only the matches broken across a line break. */
  matchWrapped(text: string): ThemeMatch[] {
    return this.matchText(text).filter((m) => m.wrapped);
  }

  private scan(re: RegExp, text: string, offset: number, markWrapped: boolean): ThemeMatch[] {
    const out: ThemeMatch[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const g = groupIndex(m);
      const entry = this.entries[g - 1];
      if (entry) {
        const wrapped = markWrapped && /[\r\n]/.test(m[0]);
        out.push({ themeId: entry.themeId, start: m.index + offset, end: m.index + m[0].length + offset, text: m[0], wrapped });
      }
      if (m[0].length === 0) re.lastIndex++;
    }
    return out;
  }
}

function groupIndex(m: RegExpExecArray): number {
  for (let i = 1; i < m.length; i++) if (m[i] !== undefined) return i;
  return 0;
}

function compile(entries: readonly LexiconEntry[], separator: string): RegExp {
  const alternatives = entries.map((e) => `(${phraseSource(e.form, separator)})`).join('|');
  return new RegExp(`${BEFORE_WORD}(?:${alternatives || '(?!)'})${AFTER_WORD}`, 'giu');
}
