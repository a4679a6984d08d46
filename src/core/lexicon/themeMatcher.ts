import type { Theme } from '../data/model';
import { combinedThemePattern } from './lexicon';
import { ANY_SEPARATOR, INLINE_SEPARATOR, WORD_CHAR } from './phrasePattern';

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
  /** The grammar's combined regex, sticky: tried only where a phrase can start. */
  readonly sticky: RegExp;
  readonly groupThemes: readonly string[];
  /** Lower-cased first words of the phrases; undefined when one is not plain ASCII (then every word runs the regex). */
  readonly firstWords: ReadonlySet<string> | undefined;
  /** Allowed first two characters (ASCII, lower-cased with |32) of a first word: a cheap test before the Set. */
  readonly heads: Uint8Array;
  /** Characters that start a phrase but are not word characters (rare). */
  readonly otherStarts: string;
  readonly minWord: number;
  readonly maxWord: number;
  readonly word: Uint8Array;
}

/**
 * Finds themed phrases with the grammar's own regex (combinedThemePattern), so the inline mode finds exactly
 * the grammar's tokens: leftmost match, and at one position the first theme that matches. The wrapped mode
 * also crosses line breaks.
 *
 * Fast because the regex runs only where a phrase can start: a cheap scan visits each word, and only a word
 * that is the first word of some phrase (a Set lookup) runs the regex, sticky, at that word. Every match of
 * the regex starts at such a word — the phrase's first word is followed by a separator, an apostrophe or the
 * phrase's end, none of them a word character — so nothing is skipped that the regex would find.
 */
export class ThemeMatcher {
  private readonly inline: Compiled;
  private readonly wrappedMode: Compiled;
  readonly size: number;

  constructor(themes: readonly Theme[]) {
    this.inline = compile(themes, INLINE_SEPARATOR);
    this.wrappedMode = compile(themes, ANY_SEPARATOR);
    this.size = themes.reduce((n, t) => n + t.phrases.filter((p) => !p.ambiguous).reduce((k, p) => k + 1 + p.variants.length, 0), 0);
  }

  /** Matches within one line (or any text without line breaks), as the grammar finds them. */
  matchLine(text: string, offset = 0): ThemeMatch[] {
    return collect((visit) => scan(this.inline, text, offset, 'inline', visit));
  }

  /** Every match in a multi-line text, wrapped ones included and flagged. */
  matchText(text: string): ThemeMatch[] {
    return collect((visit) => this.eachMatchInText(text, visit));
  }

  /** matchText one match at a time, holding none: counting the themes of 50 MB needs no list of them. */
  eachMatchInText(text: string, visit: (m: ThemeMatch) => void): void {
    scan(this.wrappedMode, text, 0, 'all', visit);
  }

  /**
   * eachMatchInText for the matches that start in [from, to), the regex still seeing the whole text. Returns
   * where the next part starts (past `to` when a match or a word runs across it): parts resumed there find
   * exactly what one pass finds, so 50 MB can be matched a piece at a time, holding one piece's matches.
   */
  eachMatchInPart(text: string, from: number, to: number, visit: (m: ThemeMatch) => void): number {
    return scan(this.wrappedMode, text, 0, 'all', visit, from, to);
  }

  /** Only the matches broken across a line break. */
  matchWrapped(text: string): ThemeMatch[] {
    // The same scan as matchText, keeping only the wrapped ones as it goes: on 50 MB, every match held
    // and then filtered was hundreds of MB (issue 13).
    return collect((visit) => scan(this.wrappedMode, text, 0, 'wrapped', visit));
  }
}

/** WORD_CHAR as a table over UTF-16 code units (it is a class of BMP characters); built on first use. */
let WORD: Uint8Array | undefined;
function wordTable(): Uint8Array {
  if (!WORD) {
    const re = new RegExp(`^${WORD_CHAR}$`);
    WORD = new Uint8Array(0x10000);
    for (let c = 0; c < WORD.length; c++) WORD[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return WORD;
}
const END = 0;

function compile(themes: readonly Theme[], separator: string): Compiled {
  const combined = combinedThemePattern(themes, separator);
  const words = [...combined.firstWords];
  // The Set lookup stands in for the regex's [Xx] classes: exact for ASCII, where lower-casing a character
  // gives the one the class pairs it with. Any other first word: no shortcut.
  const ascii = words.every((w) => /^[\x00-\x7f]*$/.test(w));
  const heads = new Uint8Array(128 * 128);
  for (const w of words) heads[(w.charCodeAt(0) | 32) * 128 + (w.length > 1 ? w.charCodeAt(1) | 32 : END)] = 1;
  return {
    sticky: new RegExp(combined.source, 'y'),
    groupThemes: combined.groupThemes,
    firstWords: ascii ? combined.firstWords : undefined,
    heads,
    otherStarts: combined.otherStarts,
    minWord: words.length ? Math.min(...words.map((w) => w.length)) : 1,
    maxWord: words.length ? Math.max(...words.map((w) => w.length)) : 0,
    word: wordTable(),
  };
}

/** inline: no match is wrapped; all: wrapped ones flagged; wrapped: only those. */
type ScanMode = 'inline' | 'all' | 'wrapped';

function collect(run: (visit: (m: ThemeMatch) => void) => void): ThemeMatch[] {
  const out: ThemeMatch[] = [];
  run((m) => out.push(m));
  return out;
}

/** Visits the matches that start in [from, to); returns where a scan of the rest resumes. */
function scan(c: Compiled, text: string, offset: number, mode: ScanMode, visit: (m: ThemeMatch) => void, from = 0, to = text.length): number {
  const { sticky, firstWords, heads, otherStarts, groupThemes, minWord, maxWord, word } = c;
  const n = text.length;
  let i = from;
  while (i < to) {
    const ch = text.charCodeAt(i);
    let at = -1;
    if (word[ch] === 1) {
      // A run of word characters: a phrase can start only at its first character, and only if the run is a
      // phrase's first word (the regex requires a non-word character or the phrase's end right after it).
      const start = i;
      while (i < n && word[text.charCodeAt(i)] === 1) i++;
      const len = i - start;
      if (!firstWords) at = start;
      else if (len >= minWord && len <= maxWord) {
        const c1 = len > 1 ? text.charCodeAt(start + 1) : END;
        if (ch < 128 && c1 < 128 && heads[(ch | 32) * 128 + (len > 1 ? c1 | 32 : END)] === 1 && firstWords.has(text.slice(start, i).toLowerCase())) at = start;
      }
    } else {
      if (otherStarts && otherStarts.includes(text[i]!)) at = i;
      i++;
    }
    if (at < 0) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (!m || m[0].length === 0) continue;
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const themeId = groupThemes[g - 1];
    if (themeId === undefined) continue;
    const end = at + m[0].length;
    const wrapped = mode !== 'inline' && /[\r\n]/.test(m[0]);
    if (wrapped || mode !== 'wrapped') visit({ themeId, start: at + offset, end: end + offset, text: m[0], wrapped });
    i = end;
  }
  return i;
}
