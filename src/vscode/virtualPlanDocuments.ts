import * as vscode from 'vscode';
import { renderPlanDocument } from '../core/render/planDocument';
import type { KnowledgePackService } from './knowledgePackService';

/** Read-only documents rendering a bundled plan: policy-lens:/plans/<plan-id> (bundled, read-only).policy.md */
export const PLAN_SCHEME = 'policy-lens';

/** The tab reads "us-ai-action-plan-2025 (bundled, read-only).policy.md": not to be taken for a file of the workspace. */
const RENDERING_SUFFIX = ' (bundled, read-only)';

export function planDocumentUri(planId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/plans/${planId}${RENDERING_SUFFIX}.policy.md` });
}

/** The plan id of a rendering's path (the suffix optional: links made before it was added still open). */
export function planIdOfRenderingPath(path: string): string | undefined {
  const name = /^\/plans\/(.+)\.policy\.md$/.exec(path)?.[1];
  return name?.endsWith(RENDERING_SUFFIX) ? name.slice(0, -RENDERING_SUFFIX.length) : name;
}

export function registerVirtualPlanDocuments(packs: KnowledgePackService): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const planId = planIdOfRenderingPath(uri.path);
      const { pack } = await packs.get();
      const plan = planId ? pack.plan(planId) : undefined;
      if (!plan) throw new Error(vscode.l10n.t("Policy Lens has no plan '{0}'", planId ?? uri.path));
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
