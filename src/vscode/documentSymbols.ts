import * as vscode from 'vscode';
import { toVsRange } from './convert';
import type { DocumentAnalysis } from './documentAnalysis';
import { POLICY_SELECTOR } from './languages';

/** Outline and breadcrumbs: the recognised provisions, sections nested under their pillars. */
export function registerDocumentSymbols(analysis: DocumentAnalysis): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(
    POLICY_SELECTOR,
    {
      async provideDocumentSymbols(document) {
        const { recognition, pack } = await analysis.analyse(document);
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
