import type { Provision, ProvisionKind } from '../data/model';
import { tokenize, type Token } from '../similarity/tokens';

/** An explicit reference in a text: a numbered part ("Pillar II", "action 12") or a part on a topic. */
export interface Reference {
  readonly start: number;
  readonly end: number;
  /** The provision kinds the word names (pillar, action, …); empty: any kind. */
  readonly kinds: readonly ProvisionKind[];
  /** The number, as an integer (Roman numerals and ordinals read), or undefined for a topic reference. */
  readonly number?: number;
  /** For "the section on export controls": the topic words' span. */
  readonly topic?: { readonly start: number; readonly end: number };
}

const KIND_WORDS: Readonly<Record<string, readonly ProvisionKind[]>> = {
  pillar: ['pillar'],
  action: ['action'],
  item: ['action'],
  point: ['action'],
  measure: ['action'],
  section: [],
  chapter: [],
  part: [],
  article: [],
  provision: [],
  passage: [],
};
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];

/** The topic runs to the next punctuation mark or clause word, at most this many characters. */
const TOPIC_END = /[,;:.!?()"\u201C\u201D]|\s(?:and[ \t]+(?:the|its|a)|which|that|where|while|but|is|are|was|were|has|have|calls?|says?)\s/giu;
const MAX_TOPIC = 80;
const TOPIC_WORDS = new Set(['on', 'about', 'concerning']);
const TOPIC_PAIRS = new Set(['dealing with', 'devoted to']);
const NUMBER = /^(?:\d{1,3}|[IVXL]{1,6})$/;
const ORDINAL_NUMBER = /^\d{1,2}(?:st|nd|rd|th)$/;
/** Between the words of a reference: blanks on one line. */
const BLANKS = /^[ \t]+$/;
/** After "No": the full stop and optional blanks. */
const NO_GAP = /^\.[ \t]*$/;

/** The regexes run on document text, for the ReDoS check. */
export const REFERENCE_PATTERNS: readonly RegExp[] = [TOPIC_END, NUMBER, ORDINAL_NUMBER, BLANKS, NO_GAP];

/** Index terms (see tokens.ts) of the kind words and their plurals -> the kind word. */
const KIND_TERMS = new Map<string, string>();
for (const w of Object.keys(KIND_WORDS)) for (const form of [w, `${w}s`]) for (const t of tokenize(form)) KIND_TERMS.set(t.term, w);

/** Whether a token's term is a kind word ("pillar", "actions", …): a passage with none has no reference. */
export function isKindTerm(term: string): boolean {
  return KIND_TERMS.has(term);
}

export function romanValue(s: string): number | undefined {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!];
    const b = v[s[i + 1] ?? ''] ?? 0;
    if (a === undefined) return undefined;
    total += a < b ? -a : a;
  }
  return total || undefined;
}

/** A provision's number as an integer ("II" -> 2, "12" -> 12), if it has one. */
export function numberValue(n: string | null): number | undefined {
  if (!n) return undefined;
  if (/^\d+$/.test(n)) return Number(n);
  return /^[IVXL]+$/.test(n) ? romanValue(n) : undefined;
}

/**
 * Every explicit reference in a text, in order: "Pillar II", "action 12", "Action No. 3" (the kind word, then
 * a number or an upper-case Roman numeral), "the second pillar", "3rd action", and "the section on export
 * controls" (a kind word, "on"/"about"/…, then the topic up to the next punctuation or clause word). Found
 * from the document's tokens (tokens[from, to)): only kind words and their neighbours are looked at.
 */
export function findReferences(text: string, tokens: readonly Token[], from = 0, to = tokens.length): Reference[] {
  const out: Reference[] = [];
  const word = (i: number): string => (i >= from && i < to ? text.slice(tokens[i]!.start, tokens[i]!.end) : '');
  const blankBetween = (i: number, j: number): boolean => BLANKS.test(text.slice(tokens[i]!.end, tokens[j]!.start));
  for (let i = from; i < to; i++) {
    const kindWord = KIND_TERMS.get(tokens[i]!.term);
    if (kindWord === undefined) continue;
    const tok = tokens[i]!;
    const kinds = KIND_WORDS[kindWord] ?? [];
    // The number right after the kind word, or after "No." ("Action No. 3").
    let n = i + 1;
    const joined = n < to && blankBetween(i, n);
    if (joined && /^no$/i.test(word(n)) && n + 1 < to && NO_GAP.test(text.slice(tokens[n]!.end, tokens[n + 1]!.start))) n++;
    const num = word(n);
    if (joined && NUMBER.test(num)) {
      const number = /^\d/.test(num) ? Number(num) : romanValue(num);
      if (number !== undefined) out.push({ start: tok.start, end: tokens[n]!.end, kinds, number });
      continue;
    }
    const before = word(i - 1).toLowerCase();
    if (i > from && blankBetween(i - 1, i) && (ORDINALS.includes(before) || ORDINAL_NUMBER.test(before))) {
      out.push({ start: tokens[i - 1]!.start, end: tok.end, kinds, number: /^\d/.test(before) ? parseInt(before, 10) : ORDINALS.indexOf(before) + 1 });
      continue;
    }
    const after = word(i + 1).toLowerCase();
    const steps = TOPIC_WORDS.has(after) ? 1 : TOPIC_PAIRS.has(`${after} ${word(i + 2).toLowerCase()}`) ? 2 : 0;
    if (steps && i + steps + 1 < to && blankBetween(i, i + 1) && blankBetween(i + steps, i + steps + 1)) {
      const from = tokens[i + steps + 1]!.start;
      const rest = text.slice(from, from + MAX_TOPIC);
      TOPIC_END.lastIndex = 0;
      const stop = TOPIC_END.exec(rest);
      const to = from + (stop ? stop.index : rest.length);
      out.push({ start: tok.start, end: to, kinds, topic: { start: from, end: to } });
    }
  }
  return out;
}

/** Provisions a numbered reference can mean: the kind fits (any, if the word names none) and the number is theirs. */
export function numberedTargets(ref: Reference, provisions: readonly Provision[]): Provision[] {
  return provisions.filter((p) => (ref.kinds.length === 0 || ref.kinds.includes(p.kind)) && numberValue(p.number) === ref.number);
}
