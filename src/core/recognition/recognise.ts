import Fuse from 'fuse.js';
import type { KnowledgePack, Plan, Provision } from '../data/model';
import { LineIndex, type Position, type Range } from '../text/lineIndex';
import { headingCandidates, type HeadingCandidate } from './candidates';
import { trimSet } from './lineScan';
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
/** Title matching reads this much of each line: a title is short, and a 20 MB line must not be fuzzy-searched whole. */
const TITLE_PREFIX = 400;
const MIN_PLAN_SCORE = 0.35;
/** How much a provision found by its number alone counts towards the plan's coverage. */
const SEQUENCE_WEIGHT = 0.5;

/** Identifies which plan a document is (title and headings) and where each of its provisions is. */
export function recognise(text: string, pack: KnowledgePack, options: RecogniseOptions = {}): Recognition {
  const lines = new LineIndex(text);
  const rawLines: string[] = [];
  for (let i = 0; i < lines.lineCount; i++) rawLines.push(lines.lineText(i).replace(/\u2019/g, "'"));
  const markdown = options.markdown ?? /^ {0,3}#{1,6}\s/m.test(text);
  const candidates = headingCandidates(rawLines, markdown);
  const plans = options.planId ? pack.plans.filter((p) => p.id === options.planId) : pack.plans;

  const titles = titleTexts(rawLines);
  let best: { plan: Plan; score: number; matches: HeadingMatch[] } | undefined;
  for (const plan of plans) {
    const matches = locateHeadings(plan, candidates);
    // A heading found by its place in a numbered run alone is weaker evidence that this is the plan.
    const found = matches.reduce((n, m) => n + (m.bySequence ? SEQUENCE_WEIGHT : 1), 0);
    const coverage = found / plan.provisions.length;
    const title = titleScore(plan, titles);
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

/** The document's first lines that could hold its title, and the fuse.js index over them (one per document). */
interface TitleTexts {
  readonly fuse: Fuse<string>;
  /** Length of each text before it was cut to TITLE_PREFIX (the length penalty uses the whole line). */
  readonly lengths: readonly number[];
}

function titleTexts(lines: readonly string[]): TitleTexts {
  const head: string[] = [];
  const headLengths: number[] = [];
  for (const l of lines) {
    if (head.length >= TITLE_LINES) break;
    const t = trimSet(l, '#*_', '*_');
    if (!t) continue;
    head.push(t.length > TITLE_PREFIX ? t.slice(0, TITLE_PREFIX) : t);
    headLengths.push(t.length);
  }
  // Titles set over several lines (cover pages): also try neighbours joined.
  const texts = [...head];
  const lengths = [...headLengths];
  for (let i = 1; i < head.length; i++) {
    texts.push(`${head[i - 1]} ${head[i]}`);
    lengths.push(headLengths[i - 1]! + 1 + headLengths[i]!);
  }
  for (let i = 2; i < head.length; i++) {
    texts.push(`${head[i - 2]} ${head[i - 1]} ${head[i]}`);
    lengths.push(headLengths[i - 2]! + headLengths[i - 1]! + headLengths[i]! + 2);
  }
  return { fuse: new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.35, isCaseSensitive: false }), lengths };
}

/** A plan's title and title variants as the documents spell them, once per plan. */
const titleCache = new WeakMap<Plan, readonly string[]>();
function planTitles(plan: Plan): readonly string[] {
  let titles = titleCache.get(plan);
  if (!titles) {
    titles = [plan.title, ...plan.titleVariants].map((t) => t.replace(/\u2019/g, "'"));
    titleCache.set(plan, titles);
  }
  return titles;
}

/** Best fuzzy match (fuse.js) of the plan's title or a title variant among the document's first lines, 0..1. */
function titleScore(plan: Plan, { fuse, lengths }: TitleTexts): number {
  let best = 0;
  for (const title of planTitles(plan)) {
    const hit = fuse.search(title, { limit: 1 })[0];
    if (hit && hit.score !== undefined) {
      // Penalise a short line that merely contains the title words among many others.
      const lengthRatio = Math.min(1, title.length / Math.max(title.length, lengths[hit.refIndex]!));
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
