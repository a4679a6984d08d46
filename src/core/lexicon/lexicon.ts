import type { Theme } from '../data/model';
import { AFTER_WORD, BEFORE_WORD, INLINE_SEPARATOR, normalisePhrase } from './phrasePattern';

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

function atom(ch: string, separator: string): string {
  if (ch === ' ') return separator;
  if (ch === "'") return "['\u2019]";
  return '\\^$.*+?()[]{}|/'.includes(ch) ? `\\${ch}` : ch;
}

function keySource(key: string, separator: string): string {
  return [...key].map((c) => atom(c, separator)).join('');
}

/**
 * Phrases compiled into a prefix tree, then into one regex whose alternatives share their prefixes: at
 * each position the engine tests a handful of first letters instead of hundreds of phrases. Longer phrases
 * are tried before shorter ones, as a greedy regex does; each path ends with the word-boundary check.
 */
function trieSource(root: TrieNode, separator: string): string {
  const emit = (n: TrieNode): string => {
    const alts = [...n.children].sort(([a], [b]) => a.localeCompare(b)).map(([ch, child]) => atom(ch, separator) + emit(child));
    if (n.terminal) {
      const guard = n.blocked.length ? `(?!${separator}(?:${n.blocked.map((b) => keySource(b, separator)).join('|')})${AFTER_WORD})` : '';
      alts.push(guard + AFTER_WORD);
    }
    return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  };
  return emit(root);
}

/** One pattern per theme with phrases, in theme order, for a given separator between words. */
export function themePatterns(themes: readonly Theme[], separator: string = INLINE_SEPARATOR): ThemePattern[] {
  const entries = lexiconEntries(themes);
  const out: ThemePattern[] = [];
  for (const theme of themes) {
    const mine = entries.filter((e) => e.themeId === theme.id);
    if (mine.length === 0) continue;
    const root = node();
    for (const e of mine) {
      let n = root;
      for (const ch of e.key) {
        let next = n.children.get(ch);
        if (!next) n.children.set(ch, (next = node()));
        n = next;
      }
      n.terminal = true;
      for (const other of entries) {
        if (other.themeId !== theme.id && other.key.startsWith(`${e.key} `)) n.blocked.push(other.key.slice(e.key.length + 1));
      }
    }
    out.push({ themeId: theme.id, source: `${BEFORE_WORD}${trieSource(root, separator)}` });
  }
  return out;
}
