import Fuse from 'fuse.js';
import type { KnowledgePack, Plan, Provision } from '../data/model';
import { LineIndex, type Position, type Range } from '../text/lineIndex';
import { headingCandidates, type HeadingCandidate } from './candidates';
import { locateHeadings, type HeadingMatch } from './locateProvisions';

/** A provision found in a document. */
export interface LocatedProvision {
  readonly provision: Provision;
  /** From the heading's first line to the last non-blank line before the next provision of the same or higher level. */
  readonly range: Range;
  readonly headingRange: Range;
  /** The heading as the document words it (empty for an unmarked preamble). */
  readonly documentHeading: string;
}

export interface Recognition {
  readonly plan: Plan | null;
  /** 0..1: how sure we are that the document is this plan. */
  readonly score: number;
  readonly provisions: readonly LocatedProvision[];
  readonly lines: LineIndex;
}

export interface RecogniseOptions {
  /** Markdown headings (`#`) are only read as headings in Markdown. Default: guessed from the text. */
  readonly markdown?: boolean;
  /** Skip identification and locate this plan's provisions. */
  readonly planId?: string;
}

const TITLE_LINES = 60;
const MIN_PLAN_SCORE = 0.35;

/** Identifies which plan a document is (title and headings) and where each of its provisions is. */
export function recognise(text: string, pack: KnowledgePack, options: RecogniseOptions = {}): Recognition {
  const lines = new LineIndex(text);
  const rawLines: string[] = [];
  for (let i = 0; i < lines.lineCount; i++) rawLines.push(lines.lineText(i).replace(/\u2019/g, "'"));
  const markdown = options.markdown ?? /^ {0,3}#{1,6}\s/m.test(text);
  const candidates = headingCandidates(rawLines, markdown);
  const plans = options.planId ? pack.plans.filter((p) => p.id === options.planId) : pack.plans;

  let best: { plan: Plan; score: number; matches: HeadingMatch[] } | undefined;
  for (const plan of plans) {
    const matches = locateHeadings(plan, candidates);
    const coverage = matches.length / plan.provisions.length;
    const title = titleScore(plan, rawLines);
    const score = Math.min(1, 0.35 * title + 0.65 * coverage);
    if (!best || score > best.score) best = { plan, score, matches };
  }
  if (!best || (!options.planId && best.score < MIN_PLAN_SCORE)) {
    return { plan: null, score: best?.score ?? 0, provisions: [], lines };
  }
  return { plan: best.plan, score: round(best.score), provisions: toRanges(best.plan, best.matches, lines, rawLines), lines };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Best fuzzy match (fuse.js) of the plan's title or a title variant among the document's first lines, 0..1. */
function titleScore(plan: Plan, lines: readonly string[]): number {
  const head: string[] = [];
  for (const l of lines) {
    if (head.length >= TITLE_LINES) break;
    const t = l.replace(/^[#\s*_]+|[*_\s]+$/g, '');
    if (t) head.push(t);
  }
  // Titles set over several lines (cover pages): also try neighbours joined.
  const texts = [...head, ...head.slice(1).map((t, i) => `${head[i]} ${t}`), ...head.slice(2).map((t, i) => `${head[i]} ${head[i + 1]} ${t}`)];
  const fuse = new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.35, isCaseSensitive: false });
  let best = 0;
  for (const title of [plan.title, ...plan.titleVariants]) {
    const hit = fuse.search(title.replace(/\u2019/g, "'"), { limit: 1 })[0];
    if (hit && hit.score !== undefined) {
      // Penalise a short line that merely contains the title words among many others.
      const lengthRatio = Math.min(1, title.length / Math.max(title.length, texts[hit.refIndex]!.length));
      best = Math.max(best, (1 - hit.score) * (0.5 + 0.5 * lengthRatio));
    }
  }
  return best;
}

function toRanges(plan: Plan, matches: readonly HeadingMatch[], lines: LineIndex, rawLines: readonly string[]): LocatedProvision[] {
  const found = new Map<string, HeadingCandidate>();
  for (const m of matches) found.set(m.provision.id, m.candidate);
  const starts: { provision: Provision; line: number; endLine: number; text: string }[] = [];
  for (const p of plan.provisions) {
    const c = found.get(p.id);
    if (c) starts.push({ provision: p, line: c.line, endLine: c.endLine, text: c.text });
  }
  // An unmarked preamble or introduction runs from the first text after the title to the first heading found.
  const lead = plan.provisions[0];
  if (lead && !found.has(lead.id) && (lead.kind === 'preamble' || lead.kind === 'introduction') && starts.length > 0) {
    const first = starts[0]!.line;
    let line = firstTextLine(rawLines, 0, first);
    if (line !== undefined) line = firstTextLine(rawLines, line + 1, first) ?? line; // skip the title line
    if (line !== undefined && line < first) starts.unshift({ provision: lead, line, endLine: line, text: '' });
  }
  const out: LocatedProvision[] = [];
  starts.forEach((s, k) => {
    let next = rawLines.length;
    for (let n = k + 1; n < starts.length; n++) {
      if (starts[n]!.provision.depth <= s.provision.depth) {
        next = starts[n]!.line;
        break;
      }
    }
    let last = next - 1;
    while (last > s.endLine && !rawLines[last]!.trim()) last--;
    const start = firstNonBlank(lines, s.line);
    const end: Position = { line: last, character: lines.lineText(last).length };
    const headingEnd: Position = s.text ? { line: s.endLine, character: lines.lineText(s.endLine).length } : start;
    out.push({ provision: s.provision, range: { start, end }, headingRange: { start, end: headingEnd }, documentHeading: s.text });
  });
  return out;
}

function firstTextLine(lines: readonly string[], from: number, before: number): number | undefined {
  for (let i = from; i < before; i++) if (lines[i]!.trim()) return i;
  return undefined;
}

function firstNonBlank(lines: LineIndex, line: number): Position {
  const text = lines.lineText(line);
  return { line, character: text.length - text.trimStart().length };
}

/** The innermost located provision containing a position. */
export function provisionAt(recognition: Recognition, pos: Position): LocatedProvision | undefined {
  let hit: LocatedProvision | undefined;
  for (const lp of recognition.provisions) {
    const { start, end } = lp.range;
    const inside = (pos.line > start.line || (pos.line === start.line && pos.character >= 0)) && (pos.line < end.line || (pos.line === end.line && pos.character <= end.character));
    if (inside && (!hit || lp.provision.depth >= hit.provision.depth)) hit = lp;
  }
  return hit;
}
