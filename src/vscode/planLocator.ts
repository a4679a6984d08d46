import * as vscode from 'vscode';
import { recognise } from '../core/recognition/recognise';
import { decodeDocumentBytes } from '../core/text/documentText';
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
const EXCLUDED = /\/(?:node_modules|\.git|out|dist)\//;
const MAX_FILES = 500;
const MAX_BYTES = 8 * 1024 * 1024;

/** What a workspace file was recognised as (null: no known plan, or unreadable). */
type FileResult = { readonly uri: vscode.Uri; readonly planId: string; readonly score: number } | null;

/**
 * Finds where a provision is: in an open document recognised as its plan, else in a workspace file
 * recognised as its plan, else in the read-only rendering of the bundled plan. The workspace is scanned
 * once (again after a pack change); afterwards a file watcher re-reads only the file that was created or
 * changed, and drops a deleted one.
 */
export class PlanLocator implements vscode.Disposable {
  /** Per workspace file (uri string): its recognition, filled by the first scan. */
  private scan: Promise<Map<string, FileResult>> | undefined;
  /** Watcher updates, one after another, after the scan. */
  private updates: Promise<void> = Promise.resolve();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly packChange: vscode.Disposable;

  constructor(
    private readonly packs: KnowledgePackService,
    private readonly analysis: DocumentAnalysis,
  ) {
    this.watcher = vscode.workspace.createFileSystemWatcher(DOCUMENT_GLOB);
    this.watcher.onDidCreate((uri) => this.update(uri, true));
    this.watcher.onDidChange((uri) => this.update(uri, true));
    this.watcher.onDidDelete((uri) => this.update(uri, false));
    // The scan recognised files with the old pack: the next lookup scans again.
    this.packChange = packs.onDidChange(() => (this.scan = undefined));
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

  /** The best-scoring workspace file per plan (ties: the first path). */
  private async workspacePlans(): Promise<Map<string, vscode.Uri>> {
    this.scan ??= this.scanWorkspace();
    const files = await this.scan;
    await this.updates;
    const best = new Map<string, { uri: vscode.Uri; score: number }>();
    const results = [...files.values()].filter((r): r is NonNullable<FileResult> => r !== null);
    for (const r of results.sort((a, b) => a.uri.path.localeCompare(b.uri.path))) {
      if ((best.get(r.planId)?.score ?? -1) < r.score) best.set(r.planId, r);
    }
    return new Map([...best].map(([id, v]) => [id, v.uri]));
  }

  private async scanWorkspace(): Promise<Map<string, FileResult>> {
    const files = new Map<string, FileResult>();
    const uris = await vscode.workspace.findFiles(DOCUMENT_GLOB, EXCLUDE_GLOB, MAX_FILES);
    for (const uri of uris) files.set(uri.toString(), await this.recogniseFile(uri));
    return files;
  }

  /** After the first scan, a created or changed file is read again, alone; a deleted one is dropped. */
  private update(uri: vscode.Uri, exists: boolean): void {
    const scan = this.scan;
    if (!scan || EXCLUDED.test(uri.path)) return; // the first scan, when it comes, reads the file
    this.updates = this.updates.then(async () => {
      const files = await scan;
      if (!exists) files.delete(uri.toString());
      else if (files.has(uri.toString()) || files.size < MAX_FILES) files.set(uri.toString(), await this.recogniseFile(uri));
    });
  }

  private async recogniseFile(uri: vscode.Uri): Promise<FileResult> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_BYTES) return null;
      const { pack } = await this.packs.get();
      const { text } = decodeDocumentBytes(await vscode.workspace.fs.readFile(uri));
      const r = recognise(text, pack, { markdown: /\.(md|markdown)$/i.test(uri.path) });
      return r.plan ? { uri, planId: r.plan.id, score: r.score } : null;
    } catch {
      return null; // unreadable files are simply not candidates
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.packChange.dispose();
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

/** Opens the provision, in the active editor group or `toSide`, beside it. */
export async function revealProvision(location: ProvisionLocation, toSide = false): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(location.uri, { selection: location.headingRange, preview: false, ...(toSide ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
  editor.revealRange(location.range, vscode.TextEditorRevealType.AtTop);
  return editor;
}
