import type { KnowledgePack, Plan, Provision } from '../data/model';
import { LineIndex, type Position, type Range } from '../text/lineIndex';
import { headingCandidates, type HeadingCandidate } from './candidates';
import { locateHeadings, plainHeadingFilter, type HeadingMatch } from './locateProvisions';
import { titleMatcher } from './titleMatch';

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

const MIN_PLAN_SCORE = 0.35;
/**
 * Lines up to this long are read with curly apostrophes made straight; a longer line is a paragraph, whose
 * heading parts (candidates, title) are straightened when they are taken: a fifth of a 50 MB text was
 * copied for nothing (issue 13: peak memory). Longer than any heading a candidate may be.
 */
const QUOTES_READ_LINE = 1_000;
/** How much a provision found by its number alone counts towards the plan's coverage. */
const SEQUENCE_WEIGHT = 0.5;
/**
 * An excerpt (the preamble and the first actions, say) covers little of its plan but much of the run of
 * provisions it spans: with at least EXCERPT_MIN headings found by their words, the coverage of that run,
 * discounted, counts too.
 */
const EXCERPT_MIN = 3;
const EXCERPT_WEIGHT = 0.75;
/** A title match this good marks where the title is: a preamble starts after it, not at a news site's introduction. */
const TITLE_LINE_SCORE = 0.6;

/** Identifies which plan a document is (title and headings) and where each of its provisions is. */
export function recognise(text: string, pack: KnowledgePack, options: RecogniseOptions = {}): Recognition {
  const lines = new LineIndex(text);
  const rawLines: string[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const line = lines.lineText(i);
    rawLines.push(line.length <= QUOTES_READ_LINE ? line.replace(/\u2019/g, "'") : line);
  }
  const markdown = options.markdown ?? /^ {0,3}#{1,6}\s/m.test(text);
  const plans = options.planId ? pack.plans.filter((p) => p.id === options.planId) : pack.plans;
  const candidates = headingCandidates(rawLines, markdown, { keepPlain: plainHeadingFilter(plans) });

  const titleScore = titleMatcher(rawLines);
  let best: { plan: Plan; score: number; matches: HeadingMatch[]; titleLine: number } | undefined;
  for (const plan of plans) {
    const matches = locateHeadings(plan, candidates);
    const title = titleScore(plan);
    const score = Math.min(1, 0.35 * title.score + 0.65 * coverage(plan, matches));
    if (!best || score > best.score) best = { plan, score, matches, titleLine: title.score >= TITLE_LINE_SCORE ? title.line : -1 };
  }
  if (!best || (!options.planId && best.score < MIN_PLAN_SCORE)) {
    return { plan: null, score: best?.score ?? 0, provisions: [], lines };
  }
  return { plan: best.plan, score: round(best.score), provisions: toRanges(best.plan, best.matches, lines, rawLines, best.titleLine), lines };
}

/** How much of the plan the headings found cover, 0..1: of the whole plan, or of the run an excerpt spans. */
function coverage(plan: Plan, matches: readonly HeadingMatch[]): number {
  // A heading found by its place in a numbered run alone is weaker evidence that this is the plan.
  const found = matches.reduce((n, m) => n + (m.bySequence ? SEQUENCE_WEIGHT : 1), 0);
  const whole = found / plan.provisions.length;
  const byWords = matches.filter((m) => !m.bySequence);
  if (byWords.length < EXCERPT_MIN) return whole;
  const span = matches[matches.length - 1]!.provision.index - matches[0]!.provision.index + 1;
  return Math.max(whole, (EXCERPT_WEIGHT * found) / span);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function toRanges(plan: Plan, matches: readonly HeadingMatch[], lines: LineIndex, rawLines: readonly string[], titleLine: number): LocatedProvision[] {
  const found = new Map<string, HeadingCandidate>();
  for (const m of matches) found.set(m.provision.id, m.candidate);
  const starts: { provision: Provision; line: number; endLine: number; endCharacter?: number; text: string }[] = [];
  for (const p of plan.provisions) {
    const c = found.get(p.id);
    if (c) starts.push({ provision: p, line: c.line, endLine: c.endLine, endCharacter: c.endCharacter, text: c.text });
  }
  // An unmarked preamble or introduction runs from the first text after the title to the first heading found.
  const lead = plan.provisions[0];
  if (lead && !found.has(lead.id) && (lead.kind === 'preamble' || lead.kind === 'introduction') && starts.length > 0) {
    const first = starts[0]!.line;
    let line: number | undefined;
    if (titleLine >= 0 && titleLine < first) line = firstTextLine(rawLines, titleLine + 1, first);
    else {
      line = firstTextLine(rawLines, 0, first);
      if (line !== undefined) line = firstTextLine(rawLines, line + 1, first) ?? line; // skip the title line
    }
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
    const headingEnd: Position = s.text ? { line: s.endLine, character: s.endCharacter ?? lines.lineText(s.endLine).length } : start;
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
