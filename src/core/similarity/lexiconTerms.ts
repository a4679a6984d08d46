import type { Theme } from '../data/model';
import { lexiconEntries } from '../lexicon/lexicon';
import { normalisePhrase } from '../lexicon/phrasePattern';
import { TermTrie } from './termTrie';
import { tokenize, type Token } from './tokens';

/** A themed phrase found in a text, under its canonical form (the phrase a variant belongs to). */
export interface LexiconHit {
  readonly start: number;
  readonly end: number;
  /** Index term of the phrase: "~" + the canonical phrase, the same for every variant. */
  readonly term: string;
  readonly themeId: string;
}

interface Form {
  readonly term: string;
  readonly themeId: string;
}

/**
 * The lexicon as a source of synonyms: every highlightable form of a themed phrase (text and variants, as
 * lexiconEntries gives them to the grammar and the theme matcher) becomes one term for its canonical phrase,
 * so that "international co-operation" and "international cooperation", or "onshoring" and "reshoring",
 * count as the same evidence, and the hit says which theme the text touches.
 *
 * Matched over the tokens the similarity code makes anyway (a trie of the forms' terms), not with the theme
 * matcher's regex: the same phrases, longest first, hyphen and space alike, across line breaks — and plurals
 * the stemmer folds — at a fraction of the cost (figure 10 measures both). Built once per pack.
 */
export class LexiconTerms {
  private readonly trie = new TermTrie<Form>();
  /** Canonical term -> the phrase as the lexicon writes it (for evidence). */
  private readonly labels = new Map<string, string>();
  /** Normalised forms of every lexicon phrase, ambiguous ones included: a key phrase among them is theme vocabulary. */
  readonly forms: ReadonlySet<string>;

  constructor(readonly themes: readonly Theme[]) {
    const canonical = new Map<string, string>();
    for (const theme of themes) {
      for (const phrase of theme.phrases) {
        const key = normalisePhrase(phrase.text);
        this.labels.set(`~${key}`, phrase.text);
        for (const form of [phrase.text, ...phrase.variants]) {
          const k = normalisePhrase(form);
          if (!canonical.has(k)) canonical.set(k, key);
        }
      }
    }
    this.forms = new Set(canonical.keys());
    const added = new Set<string>();
    for (const e of lexiconEntries(themes)) {
      const terms = tokenize(e.form).map((t) => t.term);
      const seq = terms.join(' ');
      // Two forms the stemmer folds together ("data center", "data centers") are one path in the trie.
      if (!terms.length || added.has(seq)) continue;
      added.add(seq);
      this.trie.add(terms, { term: `~${canonical.get(e.key) ?? e.key}`, themeId: e.themeId });
    }
  }

  /** Themed phrases among tokens[from, to). */
  hitsIn(tokens: readonly Token[], from = 0, to = tokens.length): LexiconHit[] {
    return this.trie.match(tokens, from, to).map((m) => ({ start: tokens[m.first]!.start, end: tokens[m.last]!.end, term: m.values[0]!.term, themeId: m.values[0]!.themeId }));
  }

  /** Themed phrases of a text. */
  hits(text: string): LexiconHit[] {
    return this.hitsIn(tokenize(text));
  }

  /** How a phrase term reads in evidence ("~data center" -> "data center" as the lexicon spells it). */
  label(term: string): string {
    return this.labels.get(term) ?? term.replace(/^~/, '');
  }
}
