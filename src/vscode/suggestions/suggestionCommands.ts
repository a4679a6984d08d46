import * as vscode from 'vscode';
import { addCounterpartLink } from '../../core/data/counterpartsFile';
import type { CounterpartLink, KnowledgePack, Relation } from '../../core/data/model';
import { PACK_COUNTERPARTS } from '../../core/data/packFiles';
import { DEFAULT_YAML_LIMITS } from '../../core/data/yamlFile';
import type { FileSystemPort } from '../../core/fs/fileSystem';
import { readBytes } from '../../core/fs/readBytes';
import { evidenceLine } from '../../core/hover/suggestedSection';
import { DISMISSED_SUGGESTIONS_FILE } from '../../core/suggest/dismissed';
import { checkSuggestionArgs, type SuggestionArgs } from '../../core/suggest/suggestionArgs';
import { CommandId } from '../commandIds';
import type { DocumentAnalysis } from '../documentAnalysis';
import { reportError, showInformation, showWarning } from '../errors';
import { workspacePackUri, type KnowledgePackService } from '../knowledgePackService';
import { pickSuggestionHere } from './pickSuggestion';
import type { SuggestionService } from './suggestionService';

/** The relations a counterparts.yaml link may have (its schema), in the order the picker offers them. */
const relations = (): readonly { label: Relation; detail: string }[] => [
  { label: 'aligned', detail: vscode.l10n.t('both plans push the same way on the topic') },
  { label: 'partial', detail: vscode.l10n.t('overlapping topic or goal, with a different scope, mechanism or emphasis') },
  { label: 'contrasting', detail: vscode.l10n.t('same topic, but opposite or competing positions') },
];

/**
 * The workspace folder a suggestion's writes go to: the one holding the document it was offered in, or the
 * first folder. Never a location taken from the arguments: whatever a command link says, the file written is
 * in the workspace.
 */
function folderFor(args: SuggestionArgs): vscode.WorkspaceFolder | undefined {
  let uri = vscode.window.activeTextEditor?.document.uri;
  try {
    if (args.document !== undefined) uri = vscode.Uri.parse(args.document, true);
  } catch {
    uri = undefined; // not a URI: the first folder, as for a suggestion offered outside any folder
  }
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Restricted Mode writes nothing; the user is told why and how to change that. */
function restricted(what: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  showInformation(vscode.l10n.t('Policy Lens: this workspace is in Restricted Mode, so {0}. Trust the workspace (Manage Workspace Trust) to write it.', what));
  return true;
}

/**
 * *Accept Suggestion…* and *Dismiss*, from a hover's command link, a button in Jump to Counterpart's picker, or
 * the command palette (then on a suggestion for the provision under the cursor). Arguments are checked as
 * untrusted input. Accept writes a link into the workspace pack's counterparts.yaml and reloads the pack, so
 * the link shows as curated at once; Dismiss adds the pair to .policy-lens/dismissed-suggestions.yaml.
 * Both resolve to what they wrote (for tests), undefined when cancelled or refused.
 */
export function registerSuggestionCommands(packs: KnowledgePackService, suggestions: SuggestionService, analysis: DocumentAnalysis, port: FileSystemPort): vscode.Disposable {
  const argsFrom = async (raw: unknown, pack: KnowledgePack, title: string): Promise<SuggestionArgs | undefined> => {
    if (raw === undefined) return pickSuggestionHere(analysis, suggestions, title);
    const checked = checkSuggestionArgs(raw, pack);
    if (typeof checked === 'string') {
      showWarning(vscode.l10n.t('Policy Lens: {0}: {1}.', title, checked));
      return undefined;
    }
    return checked;
  };

  const accept = async (raw?: unknown): Promise<CounterpartLink | undefined> => {
    try {
      const { pack } = await packs.get();
      const args = await argsFrom(raw, pack, vscode.l10n.t('Accept Suggestion'));
      if (!args) return undefined;
      const folder = folderFor(args);
      if (!folder) return void showInformation(vscode.l10n.t('Policy Lens: open a folder first; accepted links are written into its .policy-lens/pack.'));
      if (restricted(vscode.l10n.t('accepting a suggestion writes nothing into {0} of its knowledge pack', PACK_COUNTERPARTS))) return undefined;
      if (pack.counterpartsOf(args.from).some((c) => c.provision.id === args.to)) return void showInformation(vscode.l10n.t('Policy Lens: {0} and {1} are linked already.', args.from, args.to));
      const relation = await vscode.window.showQuickPick(relations(), { title: vscode.l10n.t('Accept {0} → {1}: relation', args.from, args.to), placeHolder: vscode.l10n.t('How do the two provisions relate?') });
      if (!relation) return undefined;
      const note = await vscode.window.showInputBox({ title: vscode.l10n.t('Accept {0} → {1}: note (optional)', args.from, args.to), prompt: vscode.l10n.t('One sentence on how they relate; leave empty to record why it was suggested') });
      if (note === undefined) return undefined;
      const ranked = suggestions.rankingFor(pack).ranked(args.from).find((c) => c.provision.id === args.to);
      const why = ranked ? evidenceLine(pack, ranked.evidence) : '';
      const link: CounterpartLink = {
        from: args.from,
        to: args.to,
        relation: relation.label,
        confidence: 'medium',
        evidence: 'accepted-suggestion',
        summary: note.trim() || `Accepted from a Policy Lens suggestion${ranked ? ` (score ${ranked.score.toFixed(2)}${why ? `; ${why}` : ''})` : ''}.`,
      };
      const target = vscode.Uri.joinPath(workspacePackUri(folder), PACK_COUNTERPARTS);
      const location = target.toString();
      const write = async (): Promise<void> => {
        const read = await readBytes(port, location, DEFAULT_YAML_LIMITS.maxBytes);
        const existing = read ? new TextDecoder('utf-8').decode(read.bytes) : undefined;
        await port.writeFileAtomic(location, new TextEncoder().encode(addCounterpartLink(vscode.workspace.asRelativePath(target), existing, link)));
      };
      await (port.withLock ? port.withLock(location, write) : write());
      await packs.reloadNow();
      showInformation(vscode.l10n.t('Policy Lens: linked {0} and {1} ({2}) in {3}.', args.from, args.to, link.relation, vscode.workspace.asRelativePath(target)));
      return link;
    } catch (err) {
      return reportError(err);
    }
  };

  const dismiss = async (raw?: unknown): Promise<SuggestionArgs | undefined> => {
    try {
      const { pack } = await packs.get();
      const args = await argsFrom(raw, pack, vscode.l10n.t('Dismiss Suggestion'));
      if (!args) return undefined;
      const folder = folderFor(args);
      const pair = { from: args.from, to: args.to };
      if (!folder || restricted(vscode.l10n.t('the dismissal is not written to {0}; the suggestion is hidden until the window closes', DISMISSED_SUGGESTIONS_FILE))) {
        suggestions.dismissed.keepInSession(pair);
        return args;
      }
      await suggestions.dismissed.add(folder, pair);
      return args;
    } catch (err) {
      return reportError(err);
    }
  };

  return vscode.Disposable.from(vscode.commands.registerCommand(CommandId.acceptSuggestion, accept), vscode.commands.registerCommand(CommandId.dismissSuggestion, dismiss));
}
