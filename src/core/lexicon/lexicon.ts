import type { Theme } from '../data/model';
import { AFTER_WORD, BEFORE_WORD, INLINE_SEPARATOR, normalisePhrase, WORD_CHAR } from './phrasePattern';

/** One highlightable phrase form (a phrase text or one of its variants) and the theme it signals. */
export interface LexiconEntry {
  readonly form: string;
  readonly key: string;
  readonly themeId: string;
}

/** The highlightable forms of all themes (ambiguous phrases are left out), in theme order. */
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
  return entries;
}

/** The TextMate scope of a theme's phrases. The rest of the name is ours; colours come from contributed defaults. */
export function themeScope(themeId: string): string {
  return `entity.other.policy-theme.${themeId}`;
}

/** One regex per theme: the grammar gives each its scope, the matcher joins them in the same order. */
export interface ThemePattern {
  readonly themeId: string;
  readonly source: string;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  terminal: boolean;
  /** Continuations that belong to another theme's longer phrase: stopping here must not steal them. */
  readonly blocked: string[];
}

const node = (): TrieNode => ({ children: new Map(), terminal: false, blocked: [] });
const SPECIAL = '\\^$.*+?()[]{}|/';

/** How one character of a phrase key is written; `caseClasses` spells letters as `[Xx]` (no case-insensitive flag needed). */
type Atom = (ch: string) => string;

function atomWriter(separator: string, caseClasses: boolean): Atom {
  return (ch) => {
    if (ch === ' ') return separator;
    if (ch === "'") return "['\u2019]";
    if (SPECIAL.includes(ch)) return `\\${ch}`;
    if (caseClasses) {
      const upper = ch.toUpperCase();
      // Only simple one-to-one case pairs: both engines then read the class the same way.
      if (upper !== ch && upper.length === 1 && upper.toLowerCase() === ch) return `[${upper}${ch}]`;
    }
    return ch;
  };
}

/** Keys of other themes' longer phrases that continue a key after a space (see TrieNode.blocked). */
function blockedContinuations(entries: readonly LexiconEntry[], e: LexiconEntry): string[] {
  const out: string[] = [];
  for (const other of entries) {
    if (other.themeId !== e.themeId && other.key.startsWith(`${e.key} `)) out.push(other.key.slice(e.key.length + 1));
  }
  return out;
}

function buildTrie(mine: readonly LexiconEntry[], all: readonly LexiconEntry[]): TrieNode {
  const root = node();
  for (const e of mine) {
    let n = root;
    for (const ch of e.key) {
      let next = n.children.get(ch);
      if (!next) n.children.set(ch, (next = node()));
      n = next;
    }
    n.terminal = true;
    n.blocked.push(...blockedContinuations(all, e));
  }
  return root;
}

/**
 * Phrases compiled into a prefix tree, then into one regex whose alternatives share their prefixes: at
 * each position the engine tests a handful of first letters instead of hundreds of phrases. Longer phrases
 * are tried before shorter ones, as a greedy regex does; each path ends with the word-boundary check.
 */
function trieSource(root: TrieNode, separator: string, atom: Atom): string {
  const keySource = (key: string): string => [...key].map(atom).join('');
  const emit = (n: TrieNode): string => {
    const alts = [...n.children].sort(([a], [b]) => a.localeCompare(b)).map(([ch, child]) => atom(ch) + emit(child));
    if (n.terminal) {
      const guard = n.blocked.length ? `(?!${separator}(?:${n.blocked.map(keySource).join('|')})${AFTER_WORD})` : '';
      alts.push(guard + AFTER_WORD);
    }
    return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  };
  return emit(root);
}

/**
 * One pattern per theme with phrases, in theme order, for a given separator between words; case-insensitive
 * only with the engine's flag. The design before the combined pattern: kept as the benchmarks' reference.
 */
export function themePatterns(themes: readonly Theme[], separator: string = INLINE_SEPARATOR): ThemePattern[] {
  const entries = lexiconEntries(themes);
  const atom = atomWriter(separator, false);
  const out: ThemePattern[] = [];
  for (const theme of themes) {
    const mine = entries.filter((e) => e.themeId === theme.id);
    if (mine.length === 0) continue;
    out.push({ themeId: theme.id, source: `${BEFORE_WORD}${trieSource(buildTrie(mine, entries), separator, atom)}` });
  }
  return out;
}

/** The single regex the grammars and the matcher share. */
export interface CombinedThemePattern {
  /**
   * Regex source for Oniguruma and JavaScript alike, without flags (letters are written `[Xx]`). At a
   * position it tries the themes in theme order, as the per-theme patterns joined in order would.
   */
  readonly source: string;
  /** The theme of each capture group: group i (1-based) is `groupThemes[i - 1]`. Exactly one group takes part in a match. */
  readonly groupThemes: readonly string[];
  /** Whether group i (1-based: `groupHasSeparate[i - 1]`) holds the phrases with a character of `separate` (see options). */
  readonly groupHasSeparate: readonly boolean[];
  /**
   * The leading word (run of WORD_CHAR, lower case) of every phrase: a match can start only where the text's
   * word, lower-cased, is one of these (or at a character of `otherStarts`). Lets the matcher skip the rest.
   */
  readonly firstWords: ReadonlySet<string>;
  /** First characters of phrases that do not start with a word character (rare; none in the bundled pack). */
  readonly otherStarts: string;
}

const WORD_START = new RegExp(`^${WORD_CHAR}*`);

/**
 * All themes in one regex, one capture group per theme, built for Oniguruma's costs:
 *
 * - a look-ahead first, one prefix tree of every phrase of every theme with no capture group: at a word
 *   start the engine walks a few letters and gives up, as it does at nearly every word of a document;
 * - only where some phrase matches, the themes' own prefix trees in theme order, each in its capture group
 *   and behind a look-ahead for its first letters (and each with the guards that keep a shorter phrase of
 *   one theme from stealing a longer phrase of another), which decide the theme and the length exactly as
 *   the per-theme patterns tried in order would.
 *
 * Oniguruma resets every capture group at every position it tries; one group per theme (not per theme and
 * first letter), and the tree without groups in front, make the regex several times faster.
 */
export function combinedThemePattern(themes: readonly Theme[], separator: string = INLINE_SEPARATOR, options: CombinedOptions = {}): CombinedThemePattern {
  const entries = lexiconEntries(themes);
  const atom = atomWriter(separator, true);
  const groupThemes: string[] = [];
  const groupHasSeparate: boolean[] = [];
  const groups: string[] = [];
  const special = (e: LexiconEntry): boolean => [...(options.separate ?? '')].some((c) => e.key.includes(c));
  for (const theme of themes) {
    const all = entries.filter((e) => e.themeId === theme.id);
    // A theme's phrases with a `separate` character first, in a group of their own: of two of its phrases
    // matching at one position one extends the other, so the longer has the character too and wins as before.
    for (const mine of [all.filter(special), all.filter((e) => !special(e))]) {
      if (mine.length === 0) continue;
      groupThemes.push(theme.id);
      groupHasSeparate.push(special(mine[0]!));
      const firsts = [...new Set(mine.map((e) => e.key[0]!))].sort((a, b) => a.localeCompare(b));
      const gate = `(?=${firsts.length === 1 ? atom(firsts[0]!) : `(?:${firsts.map(atom).join('|')})`})`;
      groups.push(`(${gate}${trieSource(buildTrie(mine, entries), separator, atom)})`);
    }
  }
  const anyPhrase = entries.map((e) => ({ ...e, themeId: '' }));
  const filter = `(?=${trieSource(buildTrie(anyPhrase, anyPhrase), separator, atom)})`;
  const firstWords = new Set<string>();
  let otherStarts = '';
  for (const e of entries) {
    const word = WORD_START.exec(e.key)![0];
    if (word) firstWords.add(word);
    else if (!otherStarts.includes(e.key[0]!)) otherStarts += e.key[0]!;
  }
  const source = groups.length ? `${BEFORE_WORD}${filter}(?:${groups.join('|')})` : '(?!)';
  return { source, groupThemes, groupHasSeparate, firstWords, otherStarts };
}

export interface CombinedOptions {
  /**
   * Characters that put a phrase in a group of its own (per theme), so that a grammar can re-tokenise those
   * groups: Markdown scopes `&` (R&D) inside prose, and the fork keeps that scope inside a themed phrase.
   */
  readonly separate?: string;
}
