import Fuse from 'fuse.js';
import type { Plan } from '../data/model';
import { trimSet } from './lineScan';

const TITLE_LINES = 60;
/** Title matching reads this much of each line: a title is short, and a 20 MB line must not be fuzzy-searched whole. */
const TITLE_PREFIX = 240;
/** Only lines up to this long are joined with their neighbours: a title set over several lines has short lines. */
const MAX_JOINED_LINE = 120;
/** Title scores remembered per plan (documents being edited keep their first lines; several are open). */
const REMEMBERED = 32;

/** The document's first lines that could hold its title, and neighbours joined (titles set over several lines). */
interface TitleTexts {
  readonly texts: readonly string[];
  /** Length of each text before it was cut to TITLE_PREFIX (the length penalty uses the whole line). */
  readonly lengths: readonly number[];
  /** The document line each text ends on. */
  readonly lastLines: readonly number[];
  readonly key: string;
}

function titleTexts(lines: readonly string[]): TitleTexts {
  const head: string[] = [];
  const headLengths: number[] = [];
  const headLines: number[] = [];
  for (let n = 0; n < lines.length && head.length < TITLE_LINES; n++) {
    const t = trimSet(lines[n]!, '#*_', '*_');
    if (!t) continue;
    // Curly apostrophes as straight ones, as recognition reads every line (long ones are left as they are).
    head.push((t.length > TITLE_PREFIX ? t.slice(0, TITLE_PREFIX) : t).replace(/\u2019/g, "'"));
    headLengths.push(t.length);
    headLines.push(n);
  }
  const texts = [...head];
  const lengths = [...headLengths];
  const lastLines = [...headLines];
  const short = (i: number): boolean => headLengths[i]! <= MAX_JOINED_LINE;
  for (let i = 1; i < head.length; i++) {
    if (!short(i - 1) || !short(i)) continue;
    texts.push(`${head[i - 1]} ${head[i]}`);
    lengths.push(headLengths[i - 1]! + 1 + headLengths[i]!);
    lastLines.push(headLines[i]!);
  }
  for (let i = 2; i < head.length; i++) {
    if (!short(i - 2) || !short(i - 1) || !short(i)) continue;
    texts.push(`${head[i - 2]} ${head[i - 1]} ${head[i]}`);
    lengths.push(headLengths[i - 2]! + headLengths[i - 1]! + headLengths[i]! + 2);
    lastLines.push(headLines[i]!);
  }
  return { texts, lengths, lastLines, key: `${headLengths.join(',')}\n${head.join('\n')}` };
}

/** A plan's title and title variants as documents spell them, and its last title scores by document head. */
/** A plan's title score in a document, and the line its best match ends on (-1 when none matched). */
export interface TitleScore {
  readonly score: number;
  readonly line: number;
}

const planCache = new WeakMap<Plan, { titles: readonly string[]; scores: Map<string, TitleScore> }>();
function cached(plan: Plan): { titles: readonly string[]; scores: Map<string, TitleScore> } {
  let entry = planCache.get(plan);
  if (!entry) {
    entry = { titles: [plan.title, ...plan.titleVariants].map((t) => t.replace(/\u2019/g, "'")), scores: new Map() };
    planCache.set(plan, entry);
  }
  return entry;
}

/**
 * Scores plans by their title: the best fuzzy match (fuse.js) of the plan's title or a title variant among
 * the document's first lines, 0..1. The index over those lines is built at most once per document text
 * and only when a plan has not scored the same first lines before.
 */
export function titleMatcher(lines: readonly string[]): (plan: Plan) => TitleScore {
  const head = titleTexts(lines);
  let fuse: Fuse<string> | undefined;
  return (plan) => {
    const entry = cached(plan);
    const known = entry.scores.get(head.key);
    if (known !== undefined) return known;
    fuse ??= new Fuse(head.texts, { includeScore: true, ignoreLocation: true, threshold: 0.35, isCaseSensitive: false });
    let best: TitleScore = { score: 0, line: -1 };
    for (const title of entry.titles) {
      const hit = fuse.search(title, { limit: 1 })[0];
      if (hit && hit.score !== undefined) {
        // Penalise a short line that merely contains the title words among many others.
        const lengthRatio = Math.min(1, title.length / Math.max(title.length, head.lengths[hit.refIndex]!));
        const score = (1 - hit.score) * (0.5 + 0.5 * lengthRatio);
        if (score > best.score) best = { score, line: head.lastLines[hit.refIndex]! };
      }
    }
    if (entry.scores.size >= REMEMBERED) entry.scores.delete(entry.scores.keys().next().value!);
    entry.scores.set(head.key, best);
    return best;
  };
}
