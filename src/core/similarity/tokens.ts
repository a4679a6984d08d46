/**
 * Words of a text as index terms: lower-cased, lightly stemmed, function words dropped. The same analysis
 * runs on provisions (suggestions) and on any document (mentions), so their terms meet.
 */

import { WordTable } from './wordTable';

export interface Token {
  /** Offsets into the analysed text (UTF-16 units). */
  readonly start: number;
  readonly end: number;
  /** The stemmed, lower-case index term. */
  readonly term: string;
  /** True for function words: they are kept for phrase matching and never weigh as terms. */
  readonly stop: boolean;
}

/**
 * A word: letters and digits, with inner apostrophes ("America's") and a trailing plus ("AI+"). Linear:
 * the repeated group must begin with an apostrophe, which a letter run cannot hold, so there is one way to
 * match any input.
 */
const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*\+?/gu;


const STOP = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each either few for from further had has have having he her here hers him his how ' +
    'i if in into is it its itself just may me might more most must my no nor not now of off on once only or other our ours out ' +
    'over own same shall she should so some such than that the their theirs them then there these they this those through to too ' +
    'under until up upon us very via was we were what when where which while who whom why will with within without would you your ' +
    // Words every AI plan uses everywhere: they name the genre, not a provision.
    'ai artificial intelligence plan plans action actions provision provisions section sections ' +
    // Editorial words of the pack's summaries (how a provision is sourced, not what it says).
    'secondary reporting reported summary summaries known checked verified wording reading readings text entry ' +
    // The verbs and fillers our summaries use to report what a provision does.
    'want wants seek seeks ask asks call calls urge urges back backs see sees invite invites aim aims argue argues ' +
    'instance example like well details detail'
  ).split(' '),
);

export function isStopWord(lower: string): boolean {
  return STOP.has(lower);
}

/**
 * A light suffix stripper (plural, -ing, -ed, -ation and kin): enough for "seizing"/"seize" and
 * "standards"/"standard" to meet, explainable, and stable. Not a full Porter stemmer on purpose: terms stay
 * recognisable in the evidence.
 */
const POSSESSIVE = /['\u2019]s$/;
const APOSTROPHES = /['\u2019]/g;
const DIGIT = /\d/;

/** The regexes run on document text, for the ReDoS check (WORD, first, defines what tokenize's scan finds). */
export const TOKEN_PATTERNS: readonly RegExp[] = [WORD, POSSESSIVE, APOSTROPHES, DIGIT];

export function stem(word: string): string {
  let w = word.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
  if (w.length <= 3 || DIGIT.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of ['ational', 'ation', 'ative', 'ising', 'izing', 'ised', 'ized', 'ing', 'ed', 'ive', 'ment']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // Doubled final consonant left by -ing/-ed ("planning" -> "plann"): one is enough.
  if (w.length > 4 && w[w.length - 1] === w[w.length - 2] && !/[aeiousl]/.test(w[w.length - 1]!)) w = w.slice(0, -1);
  return w;
}

/** What the tokenizer makes of a word: its term, and whether it is a function word. */
interface Word {
  readonly term: string;
  readonly stop: boolean;
}

/** Words seen, since a text repeats its vocabulary (bounded: cleared when full). */
const MAX_WORDS = 100_000;
const byLower = new Map<string, Word>();
/** The same words looked up from the text's characters (ASCII words: nearly all), so a hit makes no string. */
const bySpan = new WordTable<Word>(MAX_WORDS);

function wordOf(lower: string): Word {
  let w = byLower.get(lower);
  if (w === undefined) {
    if (byLower.size >= MAX_WORDS) byLower.clear();
    const stop = STOP.has(lower);
    byLower.set(lower, (w = { term: stop ? lower : stem(lower), stop }));
  }
  return w;
}

/** Letters and digits (one flag per UTF-16 unit of the BMP), built on first use from WORD's own class. */
let LETTER: Uint8Array | undefined;
function letters(): Uint8Array {
  if (!LETTER) {
    const re = /^[\p{L}\p{N}]$/u;
    LETTER = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) LETTER[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return LETTER;
}
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const PLUS = 0x2b;

/**
 * Every word of `text`, in order, with its offsets and term: the words WORD matches (letters and digits of
 * the BMP, inner apostrophes, a trailing plus), found by a scan over a table rather than the regex, which
 * costs several times more on a long document.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const out: Slot[] = [];
  scanInto(out, text, 0, text.length, offset);
  return out;
}

/**
 * The words of text[from, to), with offsets into `text`: the same tokens as `tokenize(text.slice(from, to),
 * from)`, without copying the slice.
 */
export function tokenizeSpan(text: string, from: number, to: number): Token[] {
  const out: Slot[] = [];
  scanInto(out, text, Math.max(0, from), Math.min(text.length, to), 0);
  return out;
}

/**
 * Tokens of one span after another in the same objects: a reader of a long document, passage by passage,
 * makes no token objects after the first passages (150,000 of them in 1 MB otherwise). `fill` returns the
 * count; tokens[0, count) are the span's, the rest are stale. A token is valid until the next fill.
 */
export class TokenBuffer {
  private readonly slots: Slot[] = [];

  get tokens(): readonly Token[] {
    return this.slots;
  }

  fill(text: string, from: number, to: number): number {
    return scanInto(this.slots, text, Math.max(0, from), Math.min(text.length, to), 0);
  }
}

interface Slot {
  start: number;
  end: number;
  term: string;
  stop: boolean;
}

/** Scans text[from, n) into out[0, count) (reusing the objects already there) and returns the count. */
function scanInto(out: Slot[], text: string, from: number, n: number, offset: number): number {
  const table = letters();
  let k = 0;
  let i = from;
  while (i < n) {
    if (table[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (i < n && table[text.charCodeAt(i)] === 1) i++;
      if (i + 1 >= n) break;
      const c = text.charCodeAt(i);
      if ((c === APOSTROPHE || c === RIGHT_QUOTE) && table[text.charCodeAt(i + 1)] === 1) i++;
      else break;
    }
    if (i < n && text.charCodeAt(i) === PLUS) i++;
    let w = bySpan.get(text, start, i);
    if (w === undefined) {
      w = wordOf(text.slice(start, i).toLowerCase());
      bySpan.set(text, start, i, w);
    }
    if (k < out.length) {
      const slot = out[k]!;
      slot.start = start + offset;
      slot.end = i + offset;
      slot.term = w.term;
      slot.stop = w.stop;
    } else out.push({ start: start + offset, end: i + offset, term: w.term, stop: w.stop });
    k++;
  }
  return k;
}

/** The terms of a short text (a phrase, a heading) as one key: stems joined by spaces, function words kept. */
export function phraseKey(text: string): string {
  return tokenize(text)
    .map((t) => t.term)
    .join(' ');
}

/** Content terms (function words dropped) of a text. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);
}
