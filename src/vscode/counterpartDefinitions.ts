import * as vscode from 'vscode';
import type { DocumentAnalysis } from './documentAnalysis';
import { POLICY_SELECTOR } from './languages';
import type { PlanLocator } from './planLocator';

/** F12 / Peek Definition on a provision: its counterpart provisions. */
export function registerCounterpartDefinitions(analysis: DocumentAnalysis, locator: PlanLocator): vscode.Disposable {
  return vscode.languages.registerDefinitionProvider(POLICY_SELECTOR, {
    async provideDefinition(document, position) {
      const { analysis: a, located } = await analysis.provisionAt(document, position);
      if (!located) return undefined;
      const links: vscode.LocationLink[] = [];
      for (const c of a.pack.counterpartsOf(located.provision.id)) {
        const target = await locator.locate(c.plan.id, c.provision.id);
        if (target) {
          links.push({
            originSelectionRange: document.getWordRangeAtPosition(position),
            targetUri: target.uri,
            targetRange: target.range,
            targetSelectionRange: target.headingRange,
          });
        }
      }
      return links;
    },
  });
}
