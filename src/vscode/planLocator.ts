import * as vscode from 'vscode';
import { recognise } from '../core/recognition/recognise';
import { toVsRange } from './convert';
import type { DocumentAnalysis } from './documentAnalysis';
import type { KnowledgePackService } from './knowledgePackService';
import { planDocumentUri, PLAN_SCHEME } from './virtualPlanDocuments';

export interface ProvisionLocation {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly headingRange: vscode.Range;
}

const DOCUMENT_GLOB = '**/*.{md,markdown,txt}';
const EXCLUDE_GLOB = '**/{node_modules,.git,out,dist}/**';
const MAX_FILES = 500;
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Finds where a provision is: in an open document recognised as its plan, else in a workspace file
 * recognised as its plan, else in the read-only rendering of the bundled plan. The workspace scan runs
 * once and is kept up to date by a file watcher.
 */
export class PlanLocator implements vscode.Disposable {
  private scan: Promise<Map<string, vscode.Uri>> | undefined;
  private readonly watcher: vscode.FileSystemWatcher;

  constructor(
    private readonly packs: KnowledgePackService,
    private readonly analysis: DocumentAnalysis,
  ) {
    this.watcher = vscode.workspace.createFileSystemWatcher(DOCUMENT_GLOB);
    const reset = (): void => (this.scan = undefined);
    this.watcher.onDidCreate(reset);
    this.watcher.onDidDelete(reset);
    this.watcher.onDidChange(reset);
  }

  async locate(planId: string, provisionId: string): Promise<ProvisionLocation | undefined> {
    for (const uri of await this.candidates(planId)) {
      const document = await vscode.workspace.openTextDocument(uri);
      const { recognition } = await this.analysis.analyse(document);
      if (recognition.plan?.id !== planId) continue;
      const lp = recognition.provisions.find((p) => p.provision.id === provisionId);
      if (lp) return { uri, range: toVsRange(lp.range), headingRange: toVsRange(lp.headingRange) };
    }
    return undefined;
  }

  /** Documents to try, best first: open ones, then the workspace's, then the bundled rendering. */
  private async candidates(planId: string): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme === PLAN_SCHEME || d.isClosed || !(await stillThere(d))) continue;
      const { recognition } = await this.analysis.analyse(d);
      if (recognition.plan?.id === planId) out.push(d.uri);
    }
    const fromWorkspace = (await this.workspacePlans()).get(planId);
    if (fromWorkspace && !out.some((u) => u.toString() === fromWorkspace.toString())) out.push(fromWorkspace);
    out.push(planDocumentUri(planId));
    return out;
  }

  private workspacePlans(): Promise<Map<string, vscode.Uri>> {
    this.scan ??= this.scanWorkspace();
    return this.scan;
  }

  private async scanWorkspace(): Promise<Map<string, vscode.Uri>> {
    const found = new Map<string, { uri: vscode.Uri; score: number }>();
    const { pack } = await this.packs.get();
    const uris = await vscode.workspace.findFiles(DOCUMENT_GLOB, EXCLUDE_GLOB, MAX_FILES);
    const decoder = new TextDecoder('utf-8');
    for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) continue;
        const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
        const r = recognise(text, pack, { markdown: /\.(md|markdown)$/i.test(uri.path) });
        if (r.plan && (found.get(r.plan.id)?.score ?? -1) < r.score) found.set(r.plan.id, { uri, score: r.score });
      } catch {
        // Unreadable files are simply not candidates.
      }
    }
    return new Map([...found].map(([id, v]) => [id, v.uri]));
  }

  dispose(): void {
    this.watcher.dispose();
  }
}

/** A document whose file was deleted or moved away stays in memory for a while; it is no jump target. */
async function stillThere(d: vscode.TextDocument): Promise<boolean> {
  if (d.isUntitled || d.isDirty) return true;
  try {
    await vscode.workspace.fs.stat(d.uri);
    return true;
  } catch {
    return false;
  }
}

export async function revealProvision(location: ProvisionLocation): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(location.uri, { selection: location.headingRange, preview: false });
  editor.revealRange(location.range, vscode.TextEditorRevealType.AtTop);
  return editor;
}
