import type { KnowledgePack, Provision } from '../data/model';
import type { SuggestedCounterpart } from '../suggest/packSuggestions';
import type { Evidence } from '../suggest/suggest';
import type { SuggestionArgs } from '../suggest/suggestionArgs';
import { ACCEPT_SUGGESTION_COMMAND, DISMISS_SUGGESTION_COMMAND, OPEN_PROVISION_COMMAND } from './hoverCommands';
import { commandLink, escapeMarkdown } from './markdownText';

/** Items of one evidence kind named in the short line: the strongest few say why. */
const EVIDENCE_ITEMS = 3;

/** Why a candidate ranks where it does, in one short line: its two strongest reasons, a few items each. */
export function evidenceLine(pack: KnowledgePack, evidence: readonly Evidence[]): string {
  return evidence
    .filter((e) => e.kind !== 'position')
    .slice(0, 2)
    .map((e) => {
      const items = e.items.slice(0, EVIDENCE_ITEMS).map((i) => (e.kind === 'themes' ? pack.theme(i)?.label ?? i : i));
      return `${e.kind === 'themes' ? 'shared themes' : 'shared terms'}: ${items.join(', ')}`;
    })
    .concat(evidence.some((e) => e.kind === 'position') ? ['parallel position'] : [])
    .join('; ');
}

/**
 * The card's "Suggested" section: candidates from the provisions' text and themes, apart from the curated
 * links above it; each links to the provision, to *Accept Suggestion…* and to *Dismiss*. Empty when there
 * is nothing to suggest. Every text from the pack is escaped; the command arguments are ids only (plus the
 * document's URI), checked again by the commands.
 */
export function suggestedSection(pack: KnowledgePack, from: Provision, suggestions: readonly SuggestedCounterpart[], documentUri?: string): string {
  if (suggestions.length === 0) return '';
  const lines = suggestions.map((s) => {
    const args: SuggestionArgs = { from: from.id, to: s.provision.id, ...(documentUri ? { document: documentUri } : {}) };
    const target = commandLink(escapeMarkdown(s.provision.heading), OPEN_PROVISION_COMMAND, [{ planId: s.plan.id, provisionId: s.provision.id }]);
    const actions = `${commandLink('Accept…', ACCEPT_SUGGESTION_COMMAND, [args])} · ${commandLink('Dismiss', DISMISS_SUGGESTION_COMMAND, [args])}`;
    const why = evidenceLine(pack, s.evidence);
    return `◇ ${target} · ${escapeMarkdown(s.plan.shortTitle)} \`${s.provision.id}\` · score ${s.score.toFixed(2)} · ${actions}${why ? `  \n*${escapeMarkdown(why)}*` : ''}`;
  });
  return `**Suggested** *(from text and themes, not curated)*  \n${lines.join('  \n')}`;
}
