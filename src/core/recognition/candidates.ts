import { headingTokens, numberValue } from './headingText';

export type HeadingStyle = 'markdown' | 'pillar' | 'numbered' | 'bullet' | 'plain';

/** A line (or two joined lines) that might be a provision heading. */
export interface HeadingCandidate {
  readonly line: number;
  /** Last line of the heading; equals `line` unless the heading wraps onto the next line. */
  readonly endLine: number;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly style: HeadingStyle;
  /** Value of the printed number (7 for "7.", "VII.", "七、"), or NaN. */
  readonly number: number;
}

const MARKDOWN = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const PILLAR = /^\s*(?:[*_]{1,2})?(pillar\s+([ivxlc]+|\d+))\s*[:.\-–—]\s*(.+)$/i;
const NUMBERED = /^\s*(?:[*_]{1,2})?(?:\(?(\d{1,2}|[IVXLC]{1,6})[.)]|\((\d{1,2})\)|([一二三四五六七八九十]{1,3})[、.．])\s*(.+)$/;
const BULLET = /^\s*[-*•+]\s+(.+)$/;
const PAGE_NUMBER = /^\s*(?:page\s+)?(\d{1,4}|[ivxlc]{1,6})\s*$/i;
const DOT_LEADER = /(?:\.\s?){4,}\s*\d*\s*$|\s{2,}\d{1,3}\s*$/;
const CONTENTS = /^\s*(?:#+\s*)?(?:table of )?contents\s*$/i;
const MAX_HEADING = 160;

function stripInline(text: string): string {
  return text
    .replace(/[*_`]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
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
  for (const l of lines) {
    const key = l.trim().toLowerCase();
    if (key && key.length <= 60) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let inContents = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const key = l.trim().toLowerCase();
    if (!key) continue;
    if (PAGE_NUMBER.test(l) || (key.length <= 60 && (counts.get(key) ?? 0) >= 3 && !MARKDOWN.test(l))) {
      noise.add(i);
      continue;
    }
    if (CONTENTS.test(l)) {
      noise.add(i);
      inContents = true;
      continue;
    }
    if (DOT_LEADER.test(l) && /[A-Za-z]/.test(l)) {
      noise.add(i);
      // A TOC entry that wrapped: its first half has no leader but the next non-blank line has one.
      for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
        if (!lines[k]!.trim()) continue;
        if (inContents && !DOT_LEADER.test(lines[k]!)) noise.add(k);
        break;
      }
      continue;
    }
    if (inContents && l.length > MAX_HEADING) inContents = false;
  }
  return noise;
}

function candidate(line: number, endLine: number, text: string, style: HeadingStyle, num: string | undefined): HeadingCandidate {
  const clean = stripInline(text);
  return { line, endLine, text: clean, tokens: headingTokens(clean), style, number: num === undefined ? NaN : numberValue(num) };
}

/** Every line that could be a heading, in document order; plain lines also as two-line headings. */
export function headingCandidates(lines: readonly string[], isMarkdown: boolean): HeadingCandidate[] {
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
    const md = isMarkdown ? MARKDOWN.exec(l) : null;
    if (md) {
      const inner = md[2]!;
      const pillar = PILLAR.exec(inner);
      const numbered = NUMBERED.exec(inner);
      out.push(candidate(i, i, inner, 'markdown', pillar?.[2] ?? numbered?.[1] ?? numbered?.[2] ?? numbered?.[3]));
      continue;
    }
    if (l.trim().length > MAX_HEADING) continue;
    const pillar = PILLAR.exec(l);
    if (pillar) {
      out.push(candidate(i, i, l.trim(), 'pillar', pillar[2]));
      continue;
    }
    const numbered = NUMBERED.exec(l);
    if (numbered) {
      out.push(candidate(i, i, numbered[4]!, 'numbered', numbered[1] ?? numbered[2] ?? numbered[3]));
      continue;
    }
    const bullet = BULLET.exec(l);
    if (bullet) {
      out.push(candidate(i, i, bullet[1]!, 'bullet', undefined));
      continue;
    }
    out.push(candidate(i, i, l, 'plain', undefined));
    const next = lines[i + 1];
    if (next !== undefined && next.trim() && !noise.has(i + 1) && l.trim().length + next.trim().length <= MAX_HEADING) {
      out.push(candidate(i, i + 1, `${l.trim()} ${next.trim()}`, 'plain', undefined));
    }
  }
  return out;
}
