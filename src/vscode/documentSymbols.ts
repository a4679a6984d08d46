import * as vscode from 'vscode';
import { toVsRange } from './convert';
import type { DocumentAnalysis } from './documentAnalysis';
import { READING_SELECTOR } from './languages';
import { mentionSymbols, readable } from './mentions/readingSupport';
import type { MentionService } from './mentions/mentionService';

/**
 * Outline and breadcrumbs: the recognised provisions, sections nested under their pillars; in a document that is
 * not a plan (a commentary), the provisions it mentions, by plan.
 */
export function registerDocumentSymbols(analysis: DocumentAnalysis, mentions: MentionService): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(
    READING_SELECTOR,
    {
      async provideDocumentSymbols(document, token) {
        if (!readable(document)) return [];
        const { recognition, pack } = await analysis.analyse(document);
        if (recognition.provisions.length === 0) return mentionSymbols(document, pack, mentions, token);
        const roots: vscode.DocumentSymbol[] = [];
        const byId = new Map<string, vscode.DocumentSymbol>();
        for (const lp of recognition.provisions) {
          const p = lp.provision;
          const count = pack.counterpartsOf(p.id).length;
          const symbol = new vscode.DocumentSymbol(
            p.heading,
            `${p.id} · ${count} counterpart${count === 1 ? '' : 's'}`,
            p.depth === 0 ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Struct,
            toVsRange(lp.range),
            toVsRange(lp.headingRange),
          );
          byId.set(p.id, symbol);
          const parent = p.parent ? byId.get(p.parent) : undefined;
          (parent ? parent.children : roots).push(symbol);
        }
        return roots;
      },
    },
    { label: 'Policy Lens' },
  );
}
