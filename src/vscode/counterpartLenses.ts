import * as vscode from 'vscode';
import { RELATION_MARK } from '../core/hover/hoverCard';
import { CommandId } from './commandIds';
import { toVsRange } from './convert';
import type { DocumentAnalysis } from './documentAnalysis';
import { showWarning } from './errors';
import { POLICY_SELECTOR } from './languages';
import type { PlanLocator } from './planLocator';

/** Lenses on a heading line: the strongest links; the rest are in the hover and Jump to Counterpart. */
const MAX_LENSES = 3;
const MAX_TITLE_CHARS = 48;

export interface PeekCounterpartArgs {
  readonly uri: string;
  readonly line: number;
  readonly planId: string;
  readonly provisionId: string;
}

/**
 * Peek with the relation in view: VS Code's peek widget names only the target's file and line, so each
 * provision heading carries one lens per counterpart ("≈ partial · cn-3 Heading"), which peeks it in place.
 */
export function registerCounterpartLenses(analysis: DocumentAnalysis, locator: PlanLocator): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  return vscode.Disposable.from(
    changed,
    analysis.onDidRefresh(() => changed.fire()),
    vscode.languages.registerCodeLensProvider(POLICY_SELECTOR, {
      onDidChangeCodeLenses: changed.event,
      async provideCodeLenses(document) {
        const a = await analysis.analyse(document);
        const lenses: vscode.CodeLens[] = [];
        for (const lp of a.recognition.provisions) {
          const range = toVsRange(lp.headingRange);
          for (const c of a.pack.counterpartsOf(lp.provision.id).slice(0, MAX_LENSES)) {
            const heading = c.provision.heading.length > MAX_TITLE_CHARS ? `${c.provision.heading.slice(0, MAX_TITLE_CHARS - 1)}…` : c.provision.heading;
            const args: PeekCounterpartArgs = { uri: document.uri.toString(), line: range.start.line, planId: c.plan.id, provisionId: c.provision.id };
            lenses.push(
              new vscode.CodeLens(range, {
                title: `${RELATION_MARK[c.link.relation]} ${c.link.relation} · ${c.provision.id} ${heading}`,
                tooltip: vscode.l10n.t('{0} ({1} confidence): peek it here', c.link.summary, c.link.confidence),
                command: CommandId.peekCounterpart,
                arguments: [args],
              }),
            );
          }
        }
        return lenses;
      },
    }),
    vscode.commands.registerCommand(CommandId.peekCounterpart, async (args: PeekCounterpartArgs) => {
      const target = await locator.locate(args.planId, args.provisionId);
      if (!target) return showWarning(vscode.l10n.t('Policy Lens: could not find {0} in any document.', args.provisionId));
      const at = new vscode.Position(args.line, 0);
      await vscode.commands.executeCommand('editor.action.peekLocations', vscode.Uri.parse(args.uri), at, [new vscode.Location(target.uri, target.headingRange)], 'peek');
    }),
  );
}
