import * as vscode from 'vscode';
import { renderPlanDocument } from '../core/render/planDocument';
import type { KnowledgePackService } from './knowledgePackService';

/** Read-only documents rendering a bundled plan: policy-lens:/plans/<plan-id>.policy.md */
export const PLAN_SCHEME = 'policy-lens';

export function planDocumentUri(planId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/plans/${planId}.policy.md` });
}

export function registerVirtualPlanDocuments(packs: KnowledgePackService): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const planId = /^\/plans\/(.+)\.policy\.md$/.exec(uri.path)?.[1];
      const { pack } = await packs.get();
      const plan = planId ? pack.plan(planId) : undefined;
      if (!plan) throw new Error(`Policy Lens has no plan '${planId ?? uri.path}'`);
      return renderPlanDocument(pack, plan);
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, provider),
    // An open rendering shows the old pack's plan: VS Code asks for its content again.
    packs.onDidChange(() => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PLAN_SCHEME).forEach((d) => changed.fire(d.uri))),
  );
}
