import type { Provision } from '../data/model';
import type { LexiconTerms } from './lexiconTerms';
import { addTo, type Bag } from './sparse';
import { tokenize } from './tokens';

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

/** Profiles of many texts: each field tokenised once, its words and the lexicon's phrases among them counted. */
export function profileMany(lexicon: LexiconTerms, texts: readonly (readonly Field[])[]): { profile: Profile; matched: Bag }[] {
  return texts.map((fields) => {
    const profile = emptyProfile();
    const matched: Bag = new Map();
    for (const f of fields) {
      const tokens = tokenize(f.text);
      for (const t of tokens) {
        if (t.stop) continue;
        addTo(profile.terms, t.term, f.weight);
        if (!profile.surface.has(t.term)) profile.surface.set(t.term, f.text.slice(t.start, t.end).toLowerCase());
      }
      for (const h of lexicon.hitsIn(tokens)) {
        addTo(profile.terms, h.term, f.weight);
        if (!profile.surface.has(h.term)) profile.surface.set(h.term, lexicon.label(h.term));
        addTo(matched, h.themeId, 1);
      }
    }
    return { profile, matched };
  });
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
