import type { Provision } from '../data/model';
import type { LexiconTerms } from '../similarity/lexiconTerms';
import { normalisePhrase } from '../lexicon/phrasePattern';
import { TermTrie } from '../similarity/termTrie';
import { tokenize, type Token } from '../similarity/tokens';

export type PhraseKind = 'heading' | 'key-phrase';

/** A heading or key phrase that can mark a mention of its provision. */
export interface PhraseEntry {
  readonly provisionId: string;
  readonly planId: string;
  readonly kind: PhraseKind;
  readonly phrase: string;
  /** Content words (function words not counted). */
  readonly content: number;
  /**
   * True when the phrase alone is evidence (a named instrument, a slogan, a heading of several words);
   * false when it needs support in its passage (a plan cue, another phrase, a close paraphrase).
   */
  readonly standalone: boolean;
  /** The provision's main heading (not a variant). */
  readonly main: boolean;
}

const LATIN = /[A-Za-z]/;
/** "Pillar I: " and the like, before the words of a heading. */
const HEADING_LABEL = /^(?:pillar|part|chapter|section|action)\s+[\dIVX]+\s*[:.\u2013\u2014-]\s*/i;
/** A coinage or a name: hyphenated words, digits, a plus, or inner capitals ("try-first", "14179", "AI+", "NAIRR"). */
const NAME_LIKE = /[\p{L}\p{N}]-[\p{L}\p{N}]|\d|\+|\p{Lu}{3,}/u;
/** Capitalised words: three or more words with at least two capitals read as a proper name. */
const CAPITALISED = /\p{Lu}/u;

function words(phrase: string): { tokens: Token[]; content: number } {
  const tokens = tokenize(phrase);
  return { tokens, content: tokens.filter((t) => !t.stop).length };
}

/**
 * Headings and key phrases of every provision, as sequences of terms in a trie, with the rules that keep
 * generic words from counting as mentions:
 * - a phrase several provisions use is nobody's (unless exactly one has it in a heading);
 * - a key phrase that is the lexicon's theme vocabulary is a theme, not a provision — unless it is a proper
 *   name of three or more words ("Pact for the Future"), or a coinage ("try-first", "AI+") that then needs
 *   support;
 * - one content word is never enough; two need support unless they are a coinage or a name.
 */
export class PhraseIndex {
  private readonly trie = new TermTrie<PhraseEntry>();
  readonly entries: PhraseEntry[] = [];

  constructor(provisions: readonly Provision[], lexicon: LexiconTerms) {
    const keyOf = (s: string): string => tokenize(s).map((t) => t.term).join(' ');
    // Every provision's text as one term string per field, to see who else uses a phrase.
    // Fields joined by " | ": no phrase's terms contain the bar, so a match never spans two fields.
    const fields = provisions.map((p) => ` ${[p.heading, ...p.headingVariants, ...p.keyPhrases, p.summary].map(keyOf).join(' | ')} `);
    const headings = provisions.map((p) => ` ${[p.heading, ...p.headingVariants].map(keyOf).join(' | ')} `);
    const seen = new Set<string>();
    provisions.forEach((p, i) => {
      const forms: { text: string; kind: PhraseKind; main: boolean }[] = [];
      for (const [n, h] of [p.heading, ...p.headingVariants].entries()) {
        if (!LATIN.test(h)) continue;
        forms.push({ text: h, kind: 'heading', main: n === 0 });
        const bare = h.replace(HEADING_LABEL, '');
        if (bare !== h) forms.push({ text: bare, kind: 'heading', main: n === 0 });
      }
      for (const k of p.keyPhrases) forms.push({ text: k, kind: 'key-phrase', main: false });
      for (const f of forms) {
        const { tokens, content } = words(f.text);
        const key = tokens.map((t) => t.term).join(' ');
        if (!key || content < 2 && !(content === 1 && NAME_LIKE.test(f.text) && f.kind === 'key-phrase')) continue;
        if (seen.has(`${p.id}\u0000${key}`)) continue;
        seen.add(`${p.id}\u0000${key}`);
        const needle = ` ${key} `;
        const users = fields.filter((x) => x.includes(needle)).length;
        const headingUsers = headings.filter((x) => x.includes(needle)).length;
        const mine = headings[i]!.includes(needle);
        if (users > 1 && !(mine && headingUsers === 1)) continue;
        const vocabulary = lexicon.forms.has(normalisePhrase(f.text));
        const capitals = f.text.split(/\s+/).filter((w) => CAPITALISED.test(w[0] ?? '')).length;
        const name = tokens.length >= 3 && capitals >= 2;
        const coinage = NAME_LIKE.test(f.text);
        if (vocabulary && !name && !coinage) continue;
        const standalone = f.kind === 'heading' ? content >= 2 : vocabulary ? name : content >= 3 || name || coinage;
        this.add(tokens, { provisionId: p.id, planId: p.planId, kind: f.kind, phrase: f.text, content, standalone, main: f.main });
      }
    });
  }

  private add(tokens: readonly Token[], entry: PhraseEntry): void {
    this.trie.add(tokens.map((t) => t.term), entry);
    this.entries.push(entry);
  }

  /** Longest phrase matches among tokens[from, to), left to right, not overlapping. */
  match(tokens: readonly Token[], from = 0, to = tokens.length): { first: number; last: number; values: readonly PhraseEntry[] }[] {
    return this.trie.match(tokens, from, to);
  }
}
