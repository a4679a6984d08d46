import { TfIdf, type Bag } from '../similarity/sparse';
import { tokenize } from '../similarity/tokens';

/** Phrases of one to three content words in a row: the candidates for a section's key phrases. */
const MAX_WORDS = 3;
/** Longer phrases name a topic better than single words: a two-word phrase counts this much more. */
const LENGTH_BONUS = 0.35;
const MIN_WORD = 3;
const DIGIT = /\d/;
const SPAN = 2 ** 21;
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

/** A section's candidate phrases (stem keys), their word counts, and the first way the section writes each. */
function phrasesOf(text: string): { bag: Bag; words: Map<string, number>; surface: Map<string, number> } {
  const bag: Bag = new Map();
  const words = new Map<string, number>();
  // Where each phrase is first written: start and end offsets packed as start * 2^21 + length (short phrases).
  const surface = new Map<string, number>();
  const tokens = tokenize(text);
  let runStart = 0;
  const flush = (runEnd: number): void => {
    for (let i = runStart; i < runEnd; i++) {
      const first = tokens[i]!;
      let key = '';
      for (let n = 1; n <= MAX_WORDS && i + n <= runEnd; n++) {
        const last = tokens[i + n - 1]!;
        key = n === 1 ? first.term : `${key} ${last.term}`;
        if (n === 1 && (first.end - first.start < MIN_WORD || DIGIT.test(first.term))) continue;
        const seen = bag.get(key);
        bag.set(key, (seen ?? 0) + 1);
        if (seen === undefined) {
          words.set(key, n);
          surface.set(key, first.start * SPAN + (last.end - first.start));
        }
      }
    }
    runStart = runEnd;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.stop) {
      flush(k);
      runStart = k + 1;
      continue;
    }
    if (k > runStart && !joined(text, tokens[k - 1]!.end, t.start)) flush(k);
  }
  flush(tokens.length);
  return { bag, words, surface };
}

/**
 * The distinctive phrases of each section against the others (TF-IDF over the sections, as the similarity
 * code weighs provisions), longer phrases favoured, none contained in a better one. One pass over each
 * section's words: linear in the document.
 */
export function distinctivePhrases(sections: readonly string[], headings: readonly string[], perSection: number): string[][] {
  const profiles = sections.map(phrasesOf);
  const stats = new TfIdf(profiles.map((p) => p.bag));
  return profiles.map(({ bag, words: wordCounts, surface: where }, k) => {
    const text = sections[k]!;
    const surfaceOf = (key: string): string => {
      const packed = where.get(key)!;
      const start = Math.floor(packed / SPAN);
      return text.slice(start, start + (packed % SPAN)).replace(/\s+/g, ' ');
    };
    const headingTerms = new Set(tokenize(headings[k] ?? '').filter((t) => !t.stop).map((t) => t.term));
    const scored: { key: string; score: number }[] = [];
    for (const [key, count] of bag) {
      const df = stats.documentFrequency(key);
      // A phrase every section uses says nothing about this one; one said once may be chance.
      if (sections.length > 2 && df > Math.max(1, sections.length / 2)) continue;
      const words = wordCounts.get(key)!;
      // Single words and three-word runs only when repeated: once, they are mostly chance collocations.
      if (words !== 2 && count < 2) continue;
      if (key.length - key.lastIndexOf(' ') - 1 < 3) continue; // ends on a short word ("… sites go")
      // A phrase that repeats the heading's words is what the section is about.
      const inHeading = headingTerms.size > 0 && key.split(' ').some((t) => headingTerms.has(t)) ? HEADING_BONUS : 1;
      scored.push({ key, score: Math.log(1 + count) * stats.idf(key) * (1 + LENGTH_BONUS * (words - 1)) * inHeading });
    }
    scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chosen: string[] = [];
    for (const { key } of scored) {
      if (chosen.length >= perSection) break;
      if (chosen.some((c) => c.includes(key) || key.includes(c))) continue;
      chosen.push(key);
    }
    return chosen.map((k) => caseOf(surfaceOf(k)));
  });
}
