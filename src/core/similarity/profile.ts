import type { Provision } from '../data/model';
import type { LexiconTerms } from './lexiconTerms';
import { addTo, type Bag } from './sparse';
import { TokenBuffer } from './tokens';

/** What a text says, as bags of terms and of themes, before weighting against a corpus. */
export interface Profile {
  readonly terms: Bag;
  readonly themes: Bag;
  /** A readable form of each term (the first word or phrase it came from), for evidence. */
  readonly surface: Map<string, string>;
}

/** One weighted field of a text to profile (a heading, a key phrase, a summary, a sentence). */
export interface Field {
  readonly text: string;
  readonly weight: number;
}

/** Field weights: the heading and key phrases name what a provision is about; the summary describes it. */
const HEADING = 2;
const KEY_PHRASE = 2;
const VARIANTS = 1;
const SUMMARY = 1;
/** A theme found in the text counts this much per occurrence, up to one declared theme's weight. */
const MATCHED_THEME = 0.5;
const LATIN = /[A-Za-z]/;

export function emptyProfile(): Profile {
  return { terms: new Map(), themes: new Map(), surface: new Map() };
}

/**
 * A provision's fields: heading, heading variants in a Latin script (the others never meet an English text;
 * together they weigh as much as one more heading), key phrases and summary.
 */
export function provisionFields(p: Provision): Field[] {
  const variants = p.headingVariants.filter((v) => LATIN.test(v));
  return [
    { text: p.heading, weight: HEADING },
    ...variants.map((v) => ({ text: v, weight: VARIANTS / variants.length })),
    ...p.keyPhrases.map((k) => ({ text: k, weight: KEY_PHRASE })),
    { text: p.summary, weight: SUMMARY },
  ];
}

/**
 * Profiles of many texts: each field tokenised once, its words and the lexicon's phrases among them counted.
 * The readable forms wait until asked for: evidence needs them for a few provisions, the ranking for none.
 */
export function profileMany(lexicon: LexiconTerms, texts: readonly (readonly Field[])[]): { profile: Profile; matched: Bag }[] {
  // One field's tokens at a time, in the same objects.
  const buffer = new TokenBuffer();
  const tokens = buffer.tokens;
  return texts.map((fields) => {
    const profile = new LazyProfile(lexicon, fields);
    const { terms, origins } = profile;
    const matched: Bag = new Map();
    fields.forEach((f, k) => {
      const count = buffer.fill(f.text, 0, f.text.length);
      for (let i = 0; i < count; i++) {
        const t = tokens[i]!;
        if (t.stop) continue;
        const had = terms.get(t.term);
        terms.set(t.term, (had ?? 0) + f.weight);
        if (had === undefined) origins.push(k, t.start, t.end);
      }
      for (const h of lexicon.hitsIn(tokens, 0, count)) {
        if (!terms.has(h.term)) origins.push(-1, 0, 0);
        addTo(terms, h.term, f.weight);
        addTo(matched, h.themeId, 1);
      }
    });
    return { profile, matched };
  });
}

/**
 * A profile whose surface map is made on first use: each term's first word as written (lower case), or the
 * lexicon's label of a phrase, in the order the terms came (the order of `terms`). profileMany notes where
 * each new term came from (`origins`: field, start, end; field -1 for a phrase), which costs no string.
 */
class LazyProfile implements Profile {
  readonly terms: Bag = new Map();
  readonly themes: Bag = new Map();
  readonly origins: number[] = [];
  private surfaceMap: Map<string, string> | undefined;

  constructor(
    private readonly lexicon: LexiconTerms,
    private readonly fields: readonly Field[],
  ) {}

  get surface(): Map<string, string> {
    if (this.surfaceMap) return this.surfaceMap;
    const surface = new Map<string, string>();
    let j = 0;
    for (const term of this.terms.keys()) {
      if (j >= this.origins.length) break;
      const field = this.origins[j]!;
      surface.set(term, field < 0 ? this.lexicon.label(term) : this.fields[field]!.text.slice(this.origins[j + 1], this.origins[j + 2]).toLowerCase());
      j += 3;
    }
    return (this.surfaceMap = surface);
  }
}

/**
 * Provisions' profiles: their fields' terms, and their themes — the declared ones weighted by rank in the
 * list (the first is the main one), plus those the lexicon finds in their text.
 */
export function provisionProfiles(provisions: readonly Provision[], lexicon: LexiconTerms): Profile[] {
  return profileMany(lexicon, provisions.map(provisionFields)).map(({ profile, matched }, i) => {
    provisions[i]!.themes.forEach((id, rank) => addTo(profile.themes, id, 1 / (1 + 0.25 * rank)));
    for (const [id, n] of matched) addTo(profile.themes, id, Math.min(1, MATCHED_THEME * n));
    return profile;
  });
}
