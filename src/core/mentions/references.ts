import type { Provision, ProvisionKind } from '../data/model';

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

const KIND = '(pillar|action|item|point|measure|section|chapter|part|article)';
const KIND_CASED = KIND.replace(/\(|\)/g, '').split('|').map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`).join('|');
/**
 * "Pillar II", "action 12", "Action No. 3": the kind word (either case for its first letter), then a number
 * or an upper-case Roman numeral. "Part I" of ordinary prose ("in part I think") is rare enough to accept.
 */
const NUMBERED = new RegExp(`(?<![\\p{L}\\p{N}])(${KIND_CASED})s?[ \\t]+(?:[Nn]o\\.[ \\t]*)?(\\d{1,3}|[IVXL]{1,6})(?![\\p{L}\\p{N}])`, 'gu');
/** "the second pillar", "its twelfth action", "3rd action". */
const ORDINAL = new RegExp(`(?<![\\p{L}\\p{N}])(${ORDINALS.join('|')}|\\d{1,2}(?:st|nd|rd|th))[ \\t]+${KIND}(?![\\p{L}\\p{N}])`, 'giu');
/** "section on export controls", "the pillar about infrastructure", "passage dealing with data". */
const TOPIC = new RegExp(`(?<![\\p{L}\\p{N}])(${Object.keys(KIND_WORDS).join('|')})s?[ \\t]+(?:on|about|dealing[ \\t]+with|concerning|devoted[ \\t]+to)[ \\t]+`, 'giu');
/** The topic runs to the next punctuation mark or clause word, at most this many characters. */
const TOPIC_END = /[,;:.!?()"\u201C\u201D]|\s(?:and[ \t]+(?:the|its|a)|which|that|where|while|but|is|are|was|were|has|have|calls?|says?)\s/giu;
const MAX_TOPIC = 80;

/** The regexes run on document text, for the ReDoS check. */
export const REFERENCE_PATTERNS: readonly RegExp[] = [NUMBERED, ORDINAL, TOPIC, TOPIC_END];

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

export function findReferences(text: string, start: number, end: number): Reference[] {
  const chunk = text.slice(start, end);
  const out: Reference[] = [];
  NUMBERED.lastIndex = 0;
  for (let m = NUMBERED.exec(chunk); m; m = NUMBERED.exec(chunk)) {
    const number = /^\d/.test(m[2]!) ? Number(m[2]) : romanValue(m[2]!);
    if (number !== undefined) out.push({ start: start + m.index, end: start + m.index + m[0].length, kinds: KIND_WORDS[m[1]!.toLowerCase()] ?? [], number });
  }
  ORDINAL.lastIndex = 0;
  for (let m = ORDINAL.exec(chunk); m; m = ORDINAL.exec(chunk)) {
    const word = m[1]!.toLowerCase();
    const number = /^\d/.test(word) ? parseInt(word, 10) : ORDINALS.indexOf(word) + 1;
    out.push({ start: start + m.index, end: start + m.index + m[0].length, kinds: KIND_WORDS[m[2]!.toLowerCase()] ?? [], number });
  }
  TOPIC.lastIndex = 0;
  for (let m = TOPIC.exec(chunk); m; m = TOPIC.exec(chunk)) {
    const from = m.index + m[0].length;
    const rest = chunk.slice(from, from + MAX_TOPIC);
    TOPIC_END.lastIndex = 0;
    const stop = TOPIC_END.exec(rest);
    const to = from + (stop ? stop.index : rest.length);
    if (to > from) out.push({ start: start + m.index, end: start + to, kinds: KIND_WORDS[m[1]!.toLowerCase()] ?? [], topic: { start: start + from, end: start + to } });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Provisions a numbered reference can mean: the kind fits (any, if the word names none) and the number is theirs. */
export function numberedTargets(ref: Reference, provisions: readonly Provision[]): Provision[] {
  return provisions.filter((p) => (ref.kinds.length === 0 || ref.kinds.includes(p.kind)) && numberValue(p.number) === ref.number);
}
