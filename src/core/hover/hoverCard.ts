import type { Counterpart, KnowledgePack, Provision, Relation } from '../data/model';
import type { ThemeMatch } from '../lexicon/themeMatcher';
import type { LocatedProvision } from '../recognition/recognise';
import { OPEN_PROVISION_COMMAND } from './hoverCommands';
import { commandLink, escapeMarkdown } from './markdownText';

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

export interface HoverCardInput {
  readonly pack: KnowledgePack;
  readonly located?: LocatedProvision;
  readonly themes: readonly ThemeMatch[];
  /** The analyst's annotations under the pointer, already rendered (annotationSection). */
  readonly annotations?: string;
}

/** The hover card's Markdown, or undefined when there is nothing to say at this position. */
export function buildHoverCard({ pack, located, themes, annotations }: HoverCardInput): string | undefined {
  const parts: string[] = [];
  if (annotations) parts.push(annotations);
  if (located) parts.push(provisionSection(pack, located.provision));
  const seen = new Set<string>();
  const themeLines: string[] = [];
  for (const m of themes) {
    const theme = pack.theme(m.themeId);
    if (!theme || seen.has(theme.id)) continue;
    seen.add(theme.id);
    const wrapped = m.wrapped ? ' (broken across lines)' : '';
    themeLines.push(`**Theme: ${escapeMarkdown(theme.label)}** — “${escapeMarkdown(m.text)}”${wrapped}  \n${escapeMarkdown(theme.description)}`);
  }
  if (themeLines.length) parts.push(themeLines.join('\n\n'));
  if (located) parts.push(counterpartSection(pack, located.provision));
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}

function provisionSection(pack: KnowledgePack, p: Provision): string {
  const plan = pack.plan(p.planId);
  const themes = p.themes.map((id) => pack.theme(id)?.label ?? id).map(escapeMarkdown).join(' · ');
  const lines = [
    `**${escapeMarkdown(plan?.shortTitle ?? p.planId)}** · ${KIND_LABEL[p.kind]} \`${p.id}\``,
    `#### ${escapeMarkdown(p.heading)}`,
    escapeMarkdown(p.summary),
  ];
  if (themes) lines.push(`*Themes:* ${themes}`);
  return lines.join('\n\n');
}

/** A card stays readable: the strongest links first, the rest one keystroke away. */
export const MAX_COUNTERPARTS_IN_CARD = 6;

function counterpartSection(pack: KnowledgePack, p: Provision): string {
  const counterparts = pack.counterpartsOf(p.id);
  if (counterparts.length === 0) return '*No counterpart provision in the other plan.*';
  const lines = [`**Counterparts** (${counterparts.length})`];
  for (const c of counterparts.slice(0, MAX_COUNTERPARTS_IN_CARD)) lines.push(counterpartLine(c));
  const more = counterparts.length - MAX_COUNTERPARTS_IN_CARD;
  if (more > 0) lines.push(`*…and ${more} more: Policy Lens: Jump to Counterpart Provision lists them all.*`);
  return lines.join('\n\n');
}

export function counterpartLine(c: Counterpart): string {
  const { link, provision, plan } = c;
  const target = commandLink(`${escapeMarkdown(provision.heading)}`, OPEN_PROVISION_COMMAND, [{ planId: plan.id, provisionId: provision.id }]);
  return (
    `${RELATION_MARK[link.relation]} **${link.relation}** · ${escapeMarkdown(plan.shortTitle)} \`${provision.id}\` ${target} · *${link.confidence} confidence*  \n` +
    escapeMarkdown(link.summary)
  );
}
