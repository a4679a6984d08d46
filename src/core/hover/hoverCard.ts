import type { Counterpart, KnowledgePack, Provision, Relation } from '../data/model';
import type { ThemeMatch } from '../lexicon/themeMatcher';
import type { LocatedProvision } from '../recognition/recognise';
import type { Position } from '../text/lineIndex';
import { OPEN_PROVISION_COMMAND } from './hoverCommands';
import { commandLink, escapeMarkdown } from './markdownText';
import { trimWhere } from '../text/trimChars';

export { HOVER_COMMANDS, OPEN_PROVISION_COMMAND } from './hoverCommands';

/** Relation at a glance, in text that reads the same in a hover, a terminal and a screen reader. */
export const RELATION_MARK: Record<Relation, string> = { aligned: '=', contrasting: '≠', partial: '≈' };

const KIND_LABEL: Record<Provision['kind'], string> = {
  introduction: 'Introduction',
  preamble: 'Preamble',
  pillar: 'Pillar',
  section: 'Section',
  action: 'Action',
};

/** How much a card says: `compact` fits VS Code's hover (about 250 px), `full` has every summary. */
export type HoverDetail = 'compact' | 'full';
/** The `policyLens.hover.detail` setting: `auto` is full on a provision's heading, compact elsewhere. */
export type HoverDetailSetting = 'auto' | HoverDetail;
export const HOVER_DETAIL_SETTINGS: readonly HoverDetailSetting[] = ['auto', 'compact', 'full'];

/** The detail of the card at a position: on the heading line(s) the analyst asks about the provision itself. */
export function hoverDetailAt(setting: HoverDetailSetting, located: LocatedProvision | undefined, pos: Position): HoverDetail {
  if (setting !== 'auto') return setting;
  const h = located?.headingRange;
  return h && pos.line >= h.start.line && pos.line <= h.end.line ? 'full' : 'compact';
}

export interface HoverCardInput {
  readonly pack: KnowledgePack;
  readonly located?: LocatedProvision;
  readonly themes: readonly ThemeMatch[];
  /** The analyst's annotations under the pointer, already rendered (annotationSection). */
  readonly annotations?: string;
  /** Default `full`. */
  readonly detail?: HoverDetail;
  /** Suggested counterparts, already rendered (suggestedSection): shown after the curated ones. */
  readonly suggested?: string;
}

/** A card stays readable: the strongest links first, the rest one keystroke away. */
export const MAX_COUNTERPARTS_IN_CARD = 6;
export const MAX_COUNTERPARTS_IN_COMPACT_CARD = 3;
/** A compact card's provision summary: its first sentence, at most this many characters. */
export const COMPACT_SUMMARY_CHARS = 140;

/**
 * The hover card's Markdown, or undefined when there is nothing to say at this position. The headline
 * comes first: which provision, and its counterparts one line each; then the analyst's annotations, the
 * theme under the pointer and the provision's summary (shortened in a compact card).
 */
export function buildHoverCard({ pack, located, themes, annotations, detail = 'full', suggested }: HoverCardInput): string | undefined {
  const parts: string[] = [];
  if (located) parts.push(`${provisionLine(pack, located.provision)}  \n${counterpartSection(pack, located.provision, detail)}${suggested ? `\n\n${suggested}` : ''}`);
  if (annotations) parts.push(annotations);
  const themeSection = themeLines(pack, themes, detail);
  if (themeSection) parts.push(themeSection);
  if (located) parts.push(summarySection(pack, located.provision, detail));
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}

function provisionLine(pack: KnowledgePack, p: Provision): string {
  const plan = pack.plan(p.planId);
  return `**${escapeMarkdown(plan?.shortTitle ?? p.planId)}** · ${KIND_LABEL[p.kind]} \`${p.id}\` · **${escapeMarkdown(p.heading)}**`;
}

function themeLines(pack: KnowledgePack, themes: readonly ThemeMatch[], detail: HoverDetail): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const m of themes) {
    const theme = pack.theme(m.themeId);
    if (!theme || seen.has(theme.id)) continue;
    seen.add(theme.id);
    const wrapped = m.wrapped ? ' (broken across lines)' : '';
    const line = `**Theme: ${escapeMarkdown(theme.label)}** — “${escapeMarkdown(m.text)}”${wrapped}`;
    lines.push(detail === 'full' ? `${line}  \n${escapeMarkdown(theme.description)}` : line);
  }
  return lines.join(detail === 'full' ? '\n\n' : '  \n');
}

function summarySection(pack: KnowledgePack, p: Provision, detail: HoverDetail): string {
  if (detail === 'compact') return `*${escapeMarkdown(shorten(p.summary, COMPACT_SUMMARY_CHARS))}*`;
  const themes = p.themes.map((id) => pack.theme(id)?.label ?? id).map(escapeMarkdown).join(' · ');
  return themes ? `${escapeMarkdown(p.summary)}\n\n*Themes:* ${themes}` : escapeMarkdown(p.summary);
}

/** The first sentence, cut at a word before `max` characters with an ellipsis when longer. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^.+?[.!?。！？](?=\s|$)/u.exec(flat)?.[0] ?? flat;
  if (sentence.length <= max) return sentence.length < flat.length ? `${sentence} …` : sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${trimWhere(space > max / 2 ? cut.slice(0, space) : cut, (ch) => /[\s,;:]/.test(ch), 'end')}…`;
}

function counterpartSection(pack: KnowledgePack, p: Provision, detail: HoverDetail): string {
  const counterparts = pack.counterpartsOf(p.id);
  if (counterparts.length === 0) return '*No counterpart provision in the other plan.*';
  const max = detail === 'full' ? MAX_COUNTERPARTS_IN_CARD : MAX_COUNTERPARTS_IN_COMPACT_CARD;
  const lines = counterparts.slice(0, max).map((c) => (detail === 'full' ? counterpartLine(c) : compactCounterpartLine(c)));
  const more = counterparts.length - max;
  if (more > 0) lines.push(`*…and ${more} more: Jump to Counterpart Provision lists them all.*`);
  return lines.join(detail === 'full' ? '\n\n' : '  \n');
}

function targetLink(c: Counterpart): string {
  return commandLink(escapeMarkdown(c.provision.heading), OPEN_PROVISION_COMMAND, [{ planId: c.plan.id, provisionId: c.provision.id }]);
}

/** One line: relation mark, the counterpart's heading (a link there), plan, id and relation. */
export function compactCounterpartLine(c: Counterpart): string {
  return `${RELATION_MARK[c.link.relation]} ${targetLink(c)} · ${escapeMarkdown(c.plan.shortTitle)} \`${c.provision.id}\` · *${c.link.relation}*`;
}

/** The compact line, then the link's explanation and confidence. */
export function counterpartLine(c: Counterpart): string {
  return `${compactCounterpartLine(c)}  \n${escapeMarkdown(c.link.summary)} *(${c.link.confidence} confidence)*`;
}
