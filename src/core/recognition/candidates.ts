import { headingTokens, numberValue } from './headingText';
import { inlineHeading, isTitleCase, wrappedHeadingEnd } from './inlineHeading';
import { endsWithDotLeader, isMarkdownHeading, isSpaceCode, markdownHeading } from './lineScan';

/** `inline`: an unnumbered title-case first sentence run into its paragraph ("Seizing … Together. We call …"). */
export type HeadingStyle = 'markdown' | 'pillar' | 'numbered' | 'bullet' | 'inline' | 'plain';

/** Forms of unnumbered headings run into their paragraph; siblings of one of these forms share it. */
export const BULLET_INLINE = 'bullet-inline';
export const TITLE_INLINE = 'title-inline';
const INLINE_FORMS = new Set([BULLET_INLINE, TITLE_INLINE]);

/** A line (or two joined lines) that might be a provision heading. */
export interface HeadingCandidate {
  readonly line: number;
  /** Last line of the heading; equals `line` unless the heading wraps onto the next line. */
  readonly endLine: number;
  /** Where the heading ends on `endLine` when a paragraph's body follows it there ("1. Heading. Body"). */
  readonly endCharacter?: number;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly style: HeadingStyle;
  /** Value of the printed number (7 for "7.", "VII.", "七、"), or NaN. */
  readonly number: number;
  /** The number as printed ("VII", "七"), or empty. */
  readonly numberText: string;
  /**
   * How the number is set, with the digits generalised: "9." for "7.", "  (9)" for "  (12)", "## I." for
   * "## VII.", "一、" for "十三、"; BULLET_INLINE or TITLE_INLINE for unnumbered headings run into their
   * paragraph; empty otherwise. Sibling headings share it.
   */
  readonly form: string;
  /** Numbered, and the previous or next candidate of the same form has the number before or after it. */
  readonly sequenced: boolean;
}

// Every pattern here runs on document text, so none may backtrack over a run of blanks (issue 13): each
// matches a bounded prefix and checks with a lookahead that text follows; the heading's text is the rest of
// the line (stripInline trims it). Markdown headings and dot leaders are scanned by hand (lineScan.ts).
const PILLAR = /^\s*(?:[*_]{1,2})?pillar\s+([ivxlc]+|\d+)\s*[:.\-–—](?=.)/i;
const NUMBERED = /^\s*(?:[*_]{1,2})?(?:\(?(\d{1,2}|[IVXLC]{1,6})[.)]|\((\d{1,2})\)|([一二三四五六七八九十]{1,3})[、.．])(?=.)/;
const BULLET = /^\s*[-*•+]\s(?=.)/;
const PAGE_NUMBER = /^\s*(?:page\s+)?(\d{1,4}|[ivxlc]{1,6})\s*$/i;
const CONTENTS = /^\s*(?:#+\s*)?(?:table of )?contents\s*$/i;
const INLINE_MARKS = /[*_`]+/g;
// Link text and target may not contain brackets or parentheses: each attempt then stops at the next one.
const LINK = /\[([^[\]]*)\]\([^()]*\)/g;
const MAX_HEADING = 160;
/**
 * A Markdown heading may run longer than a plain one, but a "heading" of a whole page is none (issue 13:
 * one 20 MB line). Counted without blanks: PDF conversions pad a heading's page number with thousands.
 */
const MAX_MARKDOWN_HEADING = 1_000;

function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) n++;
  return n;
}

function stripInline(text: string): string {
  return text
    .replace(INLINE_MARKS, '')
    .replace(LINK, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Lines that cannot be headings in a PDF conversion: page numbers, running headers/footers (short lines
 * repeated three times or more) and the table of contents (dot leaders and their wrapped first halves).
 */
export function noiseLines(lines: readonly string[]): Set<number> {
  const noise = new Set<number>();
  const counts = new Map<string, number>();
  // Only short lines are compared, so only they are lower-cased (a 20 MB line is not copied).
  const keyOf = (l: string): string => {
    const t = l.trim();
    return t.length <= 60 ? t.toLowerCase() : t;
  };
  for (const l of lines) {
    const key = keyOf(l);
    if (key && key.length <= 60) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let inContents = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const key = keyOf(l);
    if (!key) continue;
    if (PAGE_NUMBER.test(l) || (key.length <= 60 && (counts.get(key) ?? 0) >= 3 && !isMarkdownHeading(l))) {
      noise.add(i);
      continue;
    }
    if (CONTENTS.test(l)) {
      noise.add(i);
      inContents = true;
      continue;
    }
    if (endsWithDotLeader(l) && /[A-Za-z]/.test(l)) {
      noise.add(i);
      // A TOC entry that wrapped: its first half has no leader but the next non-blank line has one.
      for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
        if (!lines[k]!.trim()) continue;
        if (inContents && !endsWithDotLeader(lines[k]!)) noise.add(k);
        break;
      }
      continue;
    }
    if (inContents && l.length > MAX_HEADING) inContents = false;
  }
  return noise;
}

function candidate(line: number, endLine: number, text: string, style: HeadingStyle, num: string | undefined, form = '', endCharacter?: number): HeadingCandidate {
  // Curly apostrophes as straight ones (recognise leaves long lines as they are: a 50 MB text is not copied).
  const clean = stripInline(text).replace(/\u2019/g, "'");
  const number = num === undefined ? NaN : numberValue(num);
  const kept = Number.isNaN(number) && !INLINE_FORMS.has(form) ? '' : form;
  const numberText = Number.isNaN(number) ? '' : num!.trim();
  const c: HeadingCandidate = { line, endLine, text: clean, tokens: interned(headingTokens(clean)), style, number, numberText, form: kept, sequenced: false };
  return endCharacter === undefined ? c : { ...c, endCharacter };
}

/**
 * The tokens of the headingCandidates call in progress, one string per distinct token: a 50 MB text has a
 * candidate on most of its short lines, and their tokens repeat (issue 13: peak memory).
 */
let tokenTable: Map<string, string> | undefined;
const NO_TOKENS: readonly string[] = Object.freeze([]);

function interned(tokens: string[]): readonly string[] {
  if (tokens.length === 0) return NO_TOKENS;
  const table = tokenTable;
  if (!table) return tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const known = table.get(t);
    if (known === undefined) table.set(t, t);
    else tokens[i] = known;
  }
  return tokens;
}

/**
 * A numbered or bulleted line whose text starts at `from`: its heading run into the paragraph, else its
 * heading wrapped onto the next line (a PDF's hard wrap), else the whole line when it is short enough.
 */
function markedHeading(lines: readonly string[], noise: ReadonlySet<number>, i: number, from: number, style: HeadingStyle, num: string | undefined, form: string, inlineForm: string): HeadingCandidate | undefined {
  const l = lines[i]!;
  const inline = inlineHeading(l, from);
  if (inline) return candidate(i, i, l.slice(inline.start, inline.end), style, num, inlineForm || form, inline.end);
  if (l.trim().length > MAX_HEADING) return undefined;
  const next = lines[i + 1];
  const wrapped = next !== undefined && !noise.has(i + 1) ? wrappedHeadingEnd(l, next) : undefined;
  if (wrapped) return candidate(i, i + 1, `${l.slice(from).trim()} ${next!.slice(wrapped.start, wrapped.end)}`, style, num, inlineForm || form, wrapped.end);
  return candidate(i, i, l.slice(from), style, num, form);
}

/** A number's printed form with its digits generalised, so that "9." stands for "1." to "99.". */
function numberForm(prefix: string): string {
  return prefix.replace(/\d+/g, '9').replace(/[IVXLC]+/g, 'I').replace(/[一二三四五六七八九十]+/g, '一');
}

/** Marks the numbered candidates that continue, or are continued by, the previous one of the same form. */
function markSequences(candidates: HeadingCandidate[]): void {
  const last = new Map<string, number>();
  candidates.forEach((c, k) => {
    if (!c.form) return;
    const prev = last.get(c.form);
    if (prev !== undefined && candidates[prev]!.number === c.number - 1) {
      candidates[prev] = { ...candidates[prev]!, sequenced: true };
      candidates[k] = { ...c, sequenced: true };
    }
    last.set(c.form, k);
  });
}

/** Every line that could be a heading, in document order; plain lines also as two-line headings. */
export interface CandidateOptions {
  /**
   * Keeps a plain line (no number, bullet or heading form) only when this says its heading words could be
   * a provision's: recognition passes what its plans' headings allow, so the short lines of 50 MB of
   * prose are not all held as candidates (issue 13: peak memory). Default: every one.
   */
  readonly keepPlain?: (tokens: readonly string[]) => boolean;
}

export function headingCandidates(lines: readonly string[], isMarkdown: boolean, options: CandidateOptions = {}): HeadingCandidate[] {
  tokenTable = new Map();
  try {
    return collectCandidates(lines, isMarkdown, options.keepPlain ?? (() => true));
  } finally {
    tokenTable = undefined;
  }
}

function collectCandidates(lines: readonly string[], isMarkdown: boolean, keepPlain: (tokens: readonly string[]) => boolean): HeadingCandidate[] {
  const noise = noiseLines(lines);
  const out: HeadingCandidate[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isMarkdown && /^ {0,3}(```|~~~)/.test(l)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || noise.has(i) || !l.trim()) continue;
    const md = isMarkdown ? markdownHeading(l) : undefined;
    if (md && md.inner.length > MAX_MARKDOWN_HEADING && visibleLength(md.inner) > MAX_MARKDOWN_HEADING) continue;
    if (md) {
      const inner = md.inner;
      const pillar = PILLAR.exec(inner);
      const numbered = NUMBERED.exec(inner);
      const marks = '#'.repeat(md.level);
      const form = pillar ? `${marks} pillar` : numbered ? `${marks} ${numberForm(numbered[0])}` : '';
      out.push(candidate(i, i, inner, 'markdown', pillar?.[1] ?? numbered?.[1] ?? numbered?.[2] ?? numbered?.[3], form));
      continue;
    }
    const long = l.trim().length > MAX_HEADING;
    const pillar = long ? null : PILLAR.exec(l);
    if (pillar) {
      out.push(candidate(i, i, l.trim(), 'pillar', pillar[1], 'pillar'));
      continue;
    }
    // A bullet may carry a number ("• I. Heading. Body", unofficial translations).
    const bullet = BULLET.exec(l);
    const afterBullet = bullet ? bullet[0].length : 0;
    const numbered = NUMBERED.exec(bullet ? l.slice(afterBullet, afterBullet + 16) : l);
    if (numbered) {
      const prefix = afterBullet + numbered[0].length;
      const c = markedHeading(lines, noise, i, prefix, 'numbered', numbered[1] ?? numbered[2] ?? numbered[3], numberForm(l.slice(0, prefix)), '');
      if (c) out.push(c);
      continue;
    }
    if (bullet) {
      const c = markedHeading(lines, noise, i, afterBullet, 'bullet', undefined, '', BULLET_INLINE);
      if (c) out.push(c);
      continue;
    }
    const inline = inlineHeading(l, 0);
    if (inline && isTitleCase(l.slice(inline.start, inline.end))) {
      out.push(candidate(i, i, l.slice(inline.start, inline.end), 'inline', undefined, TITLE_INLINE, inline.end));
      continue;
    }
    if (long) continue;
    const plain = candidate(i, i, l, 'plain', undefined);
    if (keepPlain(plain.tokens)) out.push(plain);
    const next = lines[i + 1];
    if (next !== undefined && next.trim() && !noise.has(i + 1) && l.trim().length + next.trim().length <= MAX_HEADING) {
      const twoLines = candidate(i, i + 1, `${l.trim()} ${next.trim()}`, 'plain', undefined);
      if (keepPlain(twoLines.tokens)) out.push(twoLines);
    }
  }
  markSequences(out);
  return out;
}
