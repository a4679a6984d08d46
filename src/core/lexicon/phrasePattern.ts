/**
 * Regex sources for signal phrases, written once for both engines that use them: Oniguruma (the TextMate
 * grammar, in VS Code) and JavaScript (the matcher behind hovers, decorations and the CLI). The sources use
 * only syntax both engines read the same way, so grammar and matcher agree token for token.
 */

const HYPHENS = '\\-\u2010\u2011';
const BLANK = ' \t\u00A0';
/**
 * Most blanks in one run between two words of a phrase: farther apart, they are layout, not a phrase. The
 * bound also keeps an engine's backtracking stack small: V8 overflows it (a RangeError) after some
 * millions of blanks in an unbounded run after a phrase's first word.
 */
export const MAX_SEPARATOR_BLANKS = 100;
const BLANKS = `[${BLANK}]{0,${MAX_SEPARATOR_BLANKS}}`;
const SOME_BLANKS = `[${BLANK}]{1,${MAX_SEPARATOR_BLANKS}}`;
/*
 * The separators are unambiguous: each way through them reads a different string (blanks, then at most one
 * hyphen and the blanks after it, then at most one line break and the blanks after it), never two runs of
 * blanks side by side. A backtracking engine then gives a failed phrase back one blank at a time, once, so
 * an attempt costs at most the length of the blank run (a run of n blanks after a phrase's first word used
 * to cost n² steps in `[ ]*-?[ ]*\n`). Whatever the order of the ways through, the separator must end
 * where the run of blanks, hyphens and line breaks ends (a phrase's next word starts with none of them), so
 * the matches are the same as before (for runs of at most MAX_SEPARATOR_BLANKS blanks).
 */
/** Between two words on one line: spaces, or a hyphen with optional spaces around it. */
export const INLINE_SEPARATOR = `(?:${SOME_BLANKS}(?:[${HYPHENS}]${BLANKS})?|[${HYPHENS}]${BLANKS})`;
/** Between two words broken across lines (hard-wrapped text), optionally after a hyphen. */
export const WRAPPED_SEPARATOR = `(?:${BLANKS}(?:[${HYPHENS}]${BLANKS})?\\r?\\n${BLANKS})`;
/**
 * Either separator, in one unambiguous pattern (`INLINE|WRAPPED` would read a blank run twice): blanks, an
 * optional hyphen and blanks, an optional line break and blanks; not empty.
 */
export const ANY_SEPARATOR = `(?=[${BLANK}${HYPHENS}]|\\r?\\n)${BLANKS}(?:[${HYPHENS}]${BLANKS})?(?:\\r?\\n${BLANKS})?`;
/** A letter, digit or underscore: a phrase may not start or end next to one (no hits inside longer words). */
export const WORD_CHAR = '[0-9A-Za-z_\u00C0-\u024F]';
export const BEFORE_WORD = `(?<!${WORD_CHAR})`;
export const AFTER_WORD = `(?!${WORD_CHAR})`;

/** Splits a phrase into words (exported for the linearity test's registry of regexes). */
export const WORD_SPLIT = new RegExp(`[\\s${HYPHENS}]+`, 'u');

/** The comparison key of a phrase: lower case, straight apostrophes, one space where spaces or hyphens were. */
export function normalisePhrase(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .split(WORD_SPLIT)
    .filter(Boolean)
    .join(' ');
}

function escapeWord(word: string): string {
  let out = '';
  for (const ch of word) {
    if (ch === "'" || ch === '\u2019') out += "['\u2019]";
    else if ('\\^$.*+?()[]{}|/'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** Regex source for one phrase form, case handled by the caller's flags. */
export function phraseSource(phrase: string, separator: string = INLINE_SEPARATOR): string {
  return normalisePhrase(phrase).split(' ').map(escapeWord).join(separator);
}
