/**
 * Words of a text as index terms: lower-cased, lightly stemmed, function words dropped. The same analysis
 * runs on provisions (suggestions) and on any document (mentions), so their terms meet.
 */

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

/** The regexes run on document text, for the ReDoS check. */
export const TOKEN_PATTERNS: readonly RegExp[] = [WORD];

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
export function stem(word: string): string {
  let w = word.replace(/['\u2019]s$/, '').replace(/['\u2019]/g, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
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

/** Every word of `text`, in order, with its offsets and term. */
export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const lower = m[0].toLowerCase();
    const stop = STOP.has(lower);
    out.push({ start: m.index + offset, end: m.index + m[0].length + offset, term: stop ? lower : stem(lower), stop });
  }
  return out;
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
