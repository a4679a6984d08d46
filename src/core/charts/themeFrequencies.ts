import type { KnowledgePack } from '../data/model';
import { ThemeMatcher } from '../lexicon/themeMatcher';
import { recognise } from '../recognition/recognise';
import { excerpt, type ChartDocument, type Passage } from './passages';

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Words counted one match at a time (`match` would hold every word of a 50 MB text in one array). */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

/** Occurrences per 1,000 words, to one decimal (0 for an empty text). */
export function per1000(count: number, words: number): number {
  return words ? Math.round((count * 10000) / words) / 10 : 0;
}

export interface ThemeTally {
  readonly theme: string;
  readonly label: string;
  readonly count: number;
  readonly per1000: number;
}

export interface PlanFrequencies {
  readonly plan: string;
  readonly title: string;
  readonly shortTitle: string;
  /** The documents recognised as this plan, in the order given. */
  readonly documents: readonly string[];
  readonly words: number;
  /** One tally per theme of the pack, in the pack's order (zeros included: the chart compares like with like). */
  readonly themes: readonly ThemeTally[];
}

export interface ThemeFrequencies {
  /** By plan id. */
  readonly plans: readonly PlanFrequencies[];
  readonly unrecognised: readonly string[];
  /** The themed phrases behind one bar (plan, theme), in document order. */
  passages(plan: string, theme: string): readonly Passage[];
}

export interface FrequencyDocument extends ChartDocument {
  /** Markdown documents are recognised with Markdown headings. */
  readonly markdown: boolean;
}

/**
 * Theme frequencies per recognised plan, side by side: every themed phrase the core matcher finds in each
 * document (wrapped phrases included, as `report` has always counted), summed over the documents of a plan,
 * as counts and per 1,000 words. Documents that are no known plan are listed, not counted.
 */
export function themeFrequencies(pack: KnowledgePack, documents: readonly FrequencyDocument[], options: { readonly passages?: boolean; readonly matcher?: ThemeMatcher } = {}): ThemeFrequencies {
  const matcher = options.matcher ?? new ThemeMatcher(pack.themes);
  // The CLI's table needs no passages: without them a large corpus is counted without keeping every match.
  const keep = options.passages ?? true;
  interface Tally {
    plan: string;
    title: string;
    shortTitle: string;
    documents: string[];
    words: number;
    counts: Map<string, number>;
    passages: Map<string, Passage[]>;
  }
  const tallies = new Map<string, Tally>();
  const unrecognised: string[] = [];
  for (const d of documents) {
    const { plan } = recognise(d.text, pack, { markdown: d.markdown });
    if (!plan) {
      unrecognised.push(d.document);
      continue;
    }
    let t = tallies.get(plan.id);
    if (!t) tallies.set(plan.id, (t = { plan: plan.id, title: plan.title, shortTitle: plan.shortTitle, documents: [], words: 0, counts: new Map(), passages: new Map() }));
    t.documents.push(d.document);
    t.words += countWords(d.text);
    const tally = t;
    matcher.eachMatchInText(d.text, (m) => {
      tally.counts.set(m.themeId, (tally.counts.get(m.themeId) ?? 0) + 1);
      if (!keep) return;
      let list = tally.passages.get(m.themeId);
      if (!list) tally.passages.set(m.themeId, (list = []));
      list.push({ document: d.document, start: m.start, end: m.end, excerpt: excerpt(d.text, m.start, m.end) });
    });
  }
  const sorted = [...tallies.values()].sort((a, b) => (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0));
  const plans: PlanFrequencies[] = sorted.map((t) => ({
    plan: t.plan,
    title: t.title,
    shortTitle: t.shortTitle,
    documents: t.documents,
    words: t.words,
    themes: pack.themes.map((th) => {
      const count = t.counts.get(th.id) ?? 0;
      return { theme: th.id, label: th.label, count, per1000: per1000(count, t.words) };
    }),
  }));
  return { plans, unrecognised, passages: (plan, theme) => tallies.get(plan)?.passages.get(theme) ?? [] };
}
