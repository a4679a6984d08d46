import type { Theme } from '../data/model';
import { normalisePhrase } from '../lexicon/phrasePattern';
import { ThemeMatcher } from '../lexicon/themeMatcher';

/** A themed phrase found in a text, under its canonical form (the phrase a variant belongs to). */
export interface LexiconHit {
  readonly start: number;
  readonly end: number;
  /** Index term of the phrase: "~" + the canonical phrase, the same for every variant. */
  readonly term: string;
  readonly themeId: string;
}

/**
 * The lexicon as a source of synonyms: the theme matcher finds themed phrases (variants, plurals, spellings,
 * phrases broken across lines), and each hit becomes one term for its canonical phrase, so that
 * "international co-operation" and "international cooperation", or "onshoring" and "reshoring", count as
 * the same evidence. Built once per pack.
 */
export class LexiconTerms {
  private readonly matcher: ThemeMatcher;
  /** Normalised form -> normalised canonical phrase text. */
  private readonly canonical = new Map<string, string>();
  /** Canonical term -> the phrase as the lexicon writes it (for evidence). */
  private readonly labels = new Map<string, string>();
  /** Normalised forms of every lexicon phrase, ambiguous ones included: a key phrase among them is theme vocabulary. */
  readonly forms: ReadonlySet<string>;

  constructor(readonly themes: readonly Theme[]) {
    this.matcher = new ThemeMatcher(themes);
    for (const theme of themes) {
      for (const phrase of theme.phrases) {
        const key = normalisePhrase(phrase.text);
        this.labels.set(`~${key}`, phrase.text);
        for (const form of [phrase.text, ...phrase.variants]) {
          const k = normalisePhrase(form);
          if (!this.canonical.has(k)) this.canonical.set(k, key);
        }
      }
    }
    this.forms = new Set(this.canonical.keys());
  }

  /** Themed phrases of a (multi-line) text, offsets relative to `offset`. */
  hits(text: string, offset = 0): LexiconHit[] {
    return this.matcher.matchText(text).map((m) => {
      const key = normalisePhrase(m.text);
      return { start: m.start + offset, end: m.end + offset, term: `~${this.canonical.get(key) ?? key}`, themeId: m.themeId };
    });
  }

  /** How a phrase term reads in evidence ("~data centre" -> "data centers" as the lexicon spells it). */
  label(term: string): string {
    return this.labels.get(term) ?? term.replace(/^~/, '');
  }
}
