import { stringify } from 'yaml';
import type { KnowledgePack, ProvisionKind } from '../data/model';
import { ThemeMatcher } from '../lexicon/themeMatcher';
import { trimSet } from '../recognition/lineScan';
import { outline, type OutlineEntry } from '../recognition/outline';
import { LineIndex } from '../text/lineIndex';
import { distinctivePhrases } from './keyPhrases';
import { PLAN_ID } from './planId';

export { PLAN_ID };

export interface DraftOptions {
  /** The plan id (the plan schema's id: lower case, digits and hyphens). */
  readonly id: string;
  readonly title?: string;
  readonly markdown?: boolean;
  /** Where the text came from, for the header comment. */
  readonly source?: string;
}

export const DRAFT_MARK = 'DRAFT';
const KEY_PHRASES = 6;
const MAX_THEMES = 4;
const SUMMARY_WORDS = 40;
const MAX_SHORT_TITLE = 60;
const MAX_TITLE = 160;

/** The theme matcher compiles the lexicon's regex once per pack (a few hundred milliseconds). */
const matchers = new WeakMap<KnowledgePack, ThemeMatcher>();
function matcherOf(pack: KnowledgePack): ThemeMatcher {
  let m = matchers.get(pack);
  if (!m) matchers.set(pack, (m = new ThemeMatcher(pack.themes)));
  return m;
}

interface DraftProvision {
  id: string;
  kind: ProvisionKind;
  number: string | null;
  parent: string | null;
  heading: string;
  summary: string;
  keyPhrases: string[];
  themes: string[];
}

/** A prefix for provision ids ("[a-z]+", as the schema wants) that no provision of the pack uses yet. */
export function provisionPrefix(id: string, pack: KnowledgePack): string {
  const parts = id.split('-').map((p) => p.replace(/[^a-z]/g, '')).filter(Boolean);
  const tries = [parts.map((p) => p[0]).join(''), parts[0] ?? '', parts.join('')].filter((p) => p.length > 0);
  const taken = (prefix: string): boolean => pack.provision(`${prefix}-0`) !== undefined || pack.provision(`${prefix}-1`) !== undefined || pack.plans.some((pl) => pl.provisions.some((p) => p.id.startsWith(`${prefix}-`)));
  for (const t of tries) if (!taken(t)) return t;
  let p = tries[0] ?? 'p';
  while (taken(p)) p += 'x';
  return p;
}

function firstWords(text: string, n: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
}

/** The document's title: a lone top-level Markdown heading first in the document, else its first short line. */
function findTitle(lines: LineIndex, entries: OutlineEntry[]): { title: string; entry?: OutlineEntry; line: number } {
  const top = entries.filter((e) => e.level === 1);
  if (top.length === 1 && entries[0] === top[0] && entries.length > 1 && entries[1]!.level > 1) return { title: top[0]!.heading, entry: top[0], line: top[0]!.start.line };
  const firstHeading = entries[0]?.start.line ?? lines.lineCount;
  for (let i = 0; i < firstHeading; i++) {
    const t = trimSet(lines.lineText(i), '#*_', '*_');
    if (t) return t.length <= MAX_TITLE ? { title: t, line: i } : { title: '', line: -1 };
  }
  return { title: '', line: -1 };
}

function shortTitle(title: string): string {
  if (title.length <= MAX_SHORT_TITLE) return title;
  const cut = title.slice(0, MAX_SHORT_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Other ways a title is written: the part before a colon or dash, without a leading article. */
function titleVariants(title: string): string[] {
  const out = new Set<string>();
  const main = title.split(/\s[:–—-]\s|:\s/)[0]!.trim();
  if (main !== title && main.split(' ').length >= 2) out.add(main);
  for (const t of [title, main]) if (/^the\s/i.test(t)) out.add(t.slice(4));
  out.delete(title);
  return [...out];
}

/**
 * A plan drafted from a document's own structure (see `outline`): its title, a preamble for the text before
 * the first heading, the outermost headings as pillars (when headings nest under them) or actions/sections,
 * the next level as their sections; key phrases are each section's distinctive phrases, themes the lexicon's
 * most frequent in it, and summaries are marked drafts for the analyst to write. Linear in the text.
 */
export function draftPlan(text: string, pack: KnowledgePack, options: DraftOptions): { yaml: string; provisions: number } {
  if (!PLAN_ID.test(options.id)) throw new Error(`plan id '${options.id}': use lower-case letters, digits and single hyphens, starting with a letter (e.g. eu-ai-continent-2025)`);
  const lines = new LineIndex(text);
  let entries = outline(text, { markdown: options.markdown });
  const found = findTitle(lines, entries);
  if (found.entry) entries = entries.filter((e) => e !== found.entry);
  const title = options.title?.trim() || found.title || options.id;
  const levels = [...new Set(entries.map((e) => e.level))].sort((a, b) => a - b);
  const [outer, inner] = levels;
  const kept = entries.filter((e) => e.level === outer || e.level === inner);
  const prefix = provisionPrefix(options.id, pack);

  // Each provision's text: from its heading to the next kept heading (a pillar's own text ends at its first section).
  const offsets = kept.map((e) => lines.offsetAt(e.start));
  const bodyStart = found.line < 0 ? 0 : found.line + 1 < lines.lineCount ? lines.lineStart(found.line + 1) : text.length;
  const preambleText = text.slice(bodyStart, Math.max(bodyStart, offsets[0] ?? text.length));
  const hasPreamble = preambleText.replace(/\s+/g, ' ').trim().split(' ').length >= 12;
  // Headings included: their words are the section's most distinctive.
  const sections = kept.map((_, k) => text.slice(offsets[k]!, offsets[k + 1] ?? text.length));
  const spans = [...(hasPreamble ? [preambleText] : []), ...sections];

  const phrases = distinctivePhrases(spans, [...(hasPreamble ? [''] : []), ...kept.map((e) => e.heading)], KEY_PHRASES);
  const themeCounts = spans.map(() => new Map<string, number>());
  const spanStarts = [...(hasPreamble ? [bodyStart] : []), ...offsets];
  const spanEnds = [...(hasPreamble ? [offsets[0] ?? text.length] : []), ...kept.map((_, k) => offsets[k + 1] ?? text.length)];
  let s = 0;
  for (const m of matcherOf(pack).matchText(text)) {
    while (s < spans.length && m.start >= spanEnds[s]!) s++;
    if (s >= spans.length) break;
    if (m.start < spanStarts[s]!) continue;
    themeCounts[s]!.set(m.themeId, (themeCounts[s]!.get(m.themeId) ?? 0) + 1);
  }
  const themesOf = (k: number): string[] =>
    [...themeCounts[k]!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_THEMES).map(([id]) => id);
  const summaryOf = (body: string): string => {
    const opening = firstWords(body, SUMMARY_WORDS);
    return `${DRAFT_MARK}: to be written by the analyst.${opening ? ` Opens: ${opening}` : ''}`;
  };

  const provisions: DraftProvision[] = [];
  if (hasPreamble) provisions.push({ id: `${prefix}-0`, kind: 'preamble', number: null, parent: null, heading: 'Preamble', summary: summaryOf(preambleText), keyPhrases: phrases[0]!, themes: themesOf(0) });
  const nested = inner !== undefined;
  let outerCount = 0;
  let innerCount = 0;
  let parent: string | null = null;
  kept.forEach((e, k) => {
    const span = k + (hasPreamble ? 1 : 0);
    const base = { number: e.number, heading: e.heading, summary: summaryOf(text.slice(lines.offsetAt(e.end), offsets[k + 1] ?? text.length)), keyPhrases: phrases[span]!, themes: themesOf(span) };
    if (e.level === outer) {
      outerCount++;
      innerCount = 0;
      const id = `${prefix}-${outerCount}`;
      parent = id;
      const kind: ProvisionKind = nested ? 'pillar' : e.number ? 'action' : 'section';
      provisions.push({ id, kind, parent: null, ...base });
    } else {
      innerCount++;
      // Sections before the first pillar hang from none.
      const id = parent ? `${parent}.${innerCount}` : `${prefix}-${++outerCount}`;
      provisions.push({ id, kind: 'section', parent, ...base });
    }
  });
  if (provisions.length === 0) provisions.push({ id: `${prefix}-0`, kind: 'preamble', number: null, parent: null, heading: 'Preamble', summary: summaryOf(text), keyPhrases: phrases[0] ?? [], themes: themesOf(0) });

  const doc = {
    version: 1,
    plan: { id: options.id, title, shortTitle: shortTitle(title), titleVariants: titleVariants(title), description: `${DRAFT_MARK}: drafted by policy-lens draft-plan; review every field.` },
    provisions: provisions.map((p) => ({ id: p.id, kind: p.kind, number: p.number, parent: p.parent, heading: p.heading, headingVerified: true, summary: p.summary, keyPhrases: p.keyPhrases, themes: p.themes })),
  };
  const header = [
    `# Drafted by policy-lens draft-plan${options.source ? ` from ${options.source}` : ''}.`,
    `# Headings, numbers and parents come from the document's own structure; key phrases are each section's`,
    `# distinctive phrases and themes the lexicon's most frequent in it. Summaries marked ${DRAFT_MARK} are yours to write.`,
    '',
  ].join('\n');
  return { yaml: header + stringify(doc, { lineWidth: 0 }), provisions: provisions.length };
}
