import { addTo, TfIdf, type Bag } from '../similarity/sparse';
import { tokenize, type Token } from '../similarity/tokens';

/** Phrases of one to three content words in a row: the candidates for a section's key phrases. */
const MAX_WORDS = 3;
/** Longer phrases name a topic better than single words: a two-word phrase counts this much more. */
const LENGTH_BONUS = 0.35;
const MIN_WORD = 3;
const HEADING_BONUS = 1.5;

/** A sentence's capital is not part of a phrase ("Grid operators" → "grid operators"); "Global South" keeps its own. */
function caseOf(phrase: string): string {
  const words = phrase.split(' ');
  const capitalised = words.filter((w) => w[0] !== undefined && w[0] !== w[0].toLowerCase()).length;
  const first = words[0] ?? '';
  if (capitalised === 1 && first.slice(1) === first.slice(1).toLowerCase()) return first.toLowerCase() + phrase.slice(first.length);
  return phrase;
}

/** Whether only blanks or one hyphen separate two words (no punctuation: a phrase does not cross a comma). */
function joined(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 45 && c !== 9) return false;
  }
  return true;
}

/** A section's candidate phrases (stem keys) and the first way the section writes each. */
function phrasesOf(text: string): { bag: Bag; surface: Map<string, string> } {
  const bag: Bag = new Map();
  const surface = new Map<string, string>();
  const tokens = tokenize(text);
  let run: Token[] = [];
  const flush = (): void => {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= MAX_WORDS && i + n <= run.length; n++) {
        const words = run.slice(i, i + n);
        if (n === 1 && words[0]!.end - words[0]!.start < MIN_WORD) continue;
        if (words.some((w) => /\d/.test(w.term)) && n === 1) continue;
        const key = words.map((w) => w.term).join(' ');
        addTo(bag, key, 1);
        if (!surface.has(key)) surface.set(key, text.slice(words[0]!.start, words[n - 1]!.end).replace(/\s+/g, ' '));
      }
    }
    run = [];
  };
  for (const t of tokens) {
    if (t.stop) {
      flush();
      continue;
    }
    const prev = run[run.length - 1];
    if (prev && !joined(text, prev.end, t.start)) flush();
    run.push(t);
  }
  flush();
  return { bag, surface };
}

/**
 * The distinctive phrases of each section against the others (TF-IDF over the sections, as the similarity
 * code weighs provisions), longer phrases favoured, none contained in a better one. One pass over each
 * section's words: linear in the document.
 */
export function distinctivePhrases(sections: readonly string[], headings: readonly string[], perSection: number): string[][] {
  const profiles = sections.map(phrasesOf);
  const stats = new TfIdf(profiles.map((p) => p.bag));
  return profiles.map(({ bag, surface }, k) => {
    const headingTerms = new Set(tokenize(headings[k] ?? '').filter((t) => !t.stop).map((t) => t.term));
    const scored: { key: string; score: number }[] = [];
    for (const [key, count] of bag) {
      const df = stats.documentFrequency(key);
      // A phrase every section uses says nothing about this one; one said once may be chance.
      if (sections.length > 2 && df > Math.max(1, sections.length / 2)) continue;
      const words = key.split(' ').length;
      // Single words and three-word runs only when repeated: once, they are mostly chance collocations.
      if (words !== 2 && count < 2) continue;
      const surfaceText = surface.get(key)!;
      if (surfaceText.length - surfaceText.lastIndexOf(' ') - 1 < 4) continue; // ends on a short word ("… sites go")
      // A phrase that repeats the heading's words is what the section is about.
      const inHeading = key.split(' ').some((t) => headingTerms.has(t)) ? HEADING_BONUS : 1;
      scored.push({ key, score: Math.log(1 + count) * stats.idf(key) * (1 + LENGTH_BONUS * (words - 1)) * inHeading });
    }
    scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chosen: string[] = [];
    for (const { key } of scored) {
      if (chosen.length >= perSection) break;
      if (chosen.some((c) => c.includes(key) || key.includes(c))) continue;
      chosen.push(key);
    }
    return chosen.map((k) => caseOf(surface.get(k)!));
  });
}
