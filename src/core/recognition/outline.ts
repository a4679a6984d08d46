import { LineIndex, type Position } from '../text/lineIndex';
import { BULLET_INLINE, headingCandidates, TITLE_INLINE, type HeadingCandidate } from './candidates';
import { numberValue } from './headingText';

/** One heading of a document's own structure, found without any knowledge pack. */
export interface OutlineEntry {
  /** 1 for the outermost headings; Markdown headings keep their `#` count, other forms nest by first appearance. */
  readonly level: number;
  /** The number as printed ("7", "VII", "十三"), or null. */
  readonly number: string | null;
  readonly heading: string;
  /** From the heading line's first character (its number or mark) to the heading's end (before a body run into it). */
  readonly start: Position;
  readonly end: Position;
}

/** "Part II", "Chapter 3", "Section 4": divisions named by a word and a number, on a line of their own. */
const DIVISION = /^\s*(?:[*_]{1,2})?(part|chapter|section|title|article)\s+([IVXLC]{1,6}|\d{1,3})(?![\p{L}\p{N}])/iu;
/** Unnumbered headings run into their paragraph count as structure only when this many share their form. */
const MIN_INLINE_SIBLINGS = 3;
/** A numbered line beginning with a web address is a footnote or reference, not a heading. */
const FOOTNOTE_START = /^(?:https?:\/\/|www\.)/i;
/** A Markdown heading's own number ("## 3. Heading"), left out of the heading as numbered lines leave theirs. */
const MARKDOWN_NUMBER = /^\(?(?:\d{1,2}|[IVXLC]{1,6}|[一二三四五六七八九十]{1,3})[.)、．]\s*/;

interface Marked {
  readonly c: HeadingCandidate;
  /** What nests: the Markdown level, or the form shared with sibling headings. */
  readonly form: string;
  readonly markdownLevel: number;
  readonly number: string | null;
  readonly heading: string;
}

function structural(c: HeadingCandidate, lines: readonly string[], inlineCounts: ReadonlyMap<string, number>): Marked | undefined {
  if (c.style === 'markdown') {
    const level = /^ {0,3}(#{1,6})/.exec(lines[c.line]!)?.[1]?.length ?? 1;
    const pillar = c.form.endsWith(' pillar');
    const heading = c.numberText && !pillar ? c.text.replace(MARKDOWN_NUMBER, '') || c.text : c.text;
    return { c, form: '', markdownLevel: level, number: c.numberText || null, heading };
  }
  if (c.style === 'pillar') return { c, form: 'pillar', markdownLevel: 0, number: c.numberText, heading: c.text };
  if (c.style === 'numbered') {
    if (!c.sequenced || FOOTNOTE_START.test(c.text) || !c.tokens.length) return undefined;
    return { c, form: c.form, markdownLevel: 0, number: c.numberText, heading: c.text };
  }
  if ((c.form === BULLET_INLINE || c.form === TITLE_INLINE) && (inlineCounts.get(c.form) ?? 0) >= MIN_INLINE_SIBLINGS) {
    return { c, form: c.form, markdownLevel: 0, number: null, heading: c.text };
  }
  if (c.style === 'plain' && c.endLine === c.line) {
    const d = DIVISION.exec(lines[c.line]!);
    if (d && !Number.isNaN(numberValue(d[2]!))) return { c, form: `division ${d[1]!.toLowerCase()}`, markdownLevel: 0, number: d[2]!, heading: c.text };
  }
  return undefined;
}

/**
 * The document's own structure: Markdown headings, numbered headings in runs (1., (1), I., 一、, a heading run
 * into its paragraph), pillars, parts and chapters, unnumbered headings run into paragraphs of one form. The
 * table of contents, running headers, page numbers and footnotes are not headings (the candidates' noise
 * filter and the rules above). Levels: a Markdown heading's `#` count; below it, each new form one deeper
 * than the form it appears under, a form seen before back at its level.
 */
export function outline(text: string, options: { markdown?: boolean } = {}): OutlineEntry[] {
  const lines = new LineIndex(text);
  const raw: string[] = [];
  for (let i = 0; i < lines.lineCount; i++) raw.push(lines.lineText(i).replace(/\u2019/g, "'"));
  const markdown = options.markdown ?? /^ {0,3}#{1,6}\s/m.test(text);
  const candidates = headingCandidates(raw, markdown);
  const inlineCounts = new Map<string, number>();
  for (const c of candidates) if (c.form === BULLET_INLINE || c.form === TITLE_INLINE) inlineCounts.set(c.form, (inlineCounts.get(c.form) ?? 0) + 1);
  const out: OutlineEntry[] = [];
  let base = 0;
  let stack: string[] = [];
  let lastLine = -1;
  for (const c of candidates) {
    if (c.line <= lastLine) continue; // one heading per line
    const m = structural(c, raw, inlineCounts);
    if (!m) continue;
    lastLine = c.endLine;
    let level: number;
    if (m.markdownLevel > 0) {
      base = m.markdownLevel;
      stack = [];
      level = base;
    } else {
      const k = stack.indexOf(m.form);
      if (k >= 0) stack = stack.slice(0, k + 1);
      else stack.push(m.form);
      level = base + stack.length;
    }
    const first = lines.lineText(c.line);
    const start: Position = { line: c.line, character: first.length - first.trimStart().length };
    const endText = lines.lineText(c.endLine);
    const end: Position = { line: c.endLine, character: c.endCharacter ?? endText.trimEnd().length };
    out.push({ level, number: m.number, heading: m.heading, start, end });
  }
  return out;
}
