import * as vscode from 'vscode';
import type { DocumentAnalysis } from './documentAnalysis';
import { READING_SELECTOR } from './languages';
import { mentionDefinitions } from './mentions/readingSupport';
import type { MentionService } from './mentions/mentionService';
import type { PlanLocator } from './planLocator';

/** F12 / Peek Definition on a provision: its counterpart provisions; outside a provision, the provision mentioned there. */
export function registerCounterpartDefinitions(analysis: DocumentAnalysis, locator: PlanLocator, mentions: MentionService): vscode.Disposable {
  return vscode.languages.registerDefinitionProvider(READING_SELECTOR, {
    async provideDefinition(document, position, token) {
      const { analysis: a, located } = await analysis.provisionAt(document, position);
      if (!located) return mentionDefinitions(document, position, mentions, locator, token);
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
