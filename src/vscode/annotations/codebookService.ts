import * as vscode from 'vscode';
import { allCodes, CODEBOOK_PATH, NEW_CODEBOOK, parseCodebook, type Code, type Codebook } from '../../core/codebook/codebook';
import { mergeCodebookText } from '../../core/interchange/codebookMerge';
import { problemDiagnostic } from '../convert';
import type { KnowledgePackService } from '../knowledgePackService';

/** The workspace codebook (.policy-lens/codebook.yaml) beside the knowledge pack's themes. */
export class CodebookService implements vscode.Disposable {
  private cached: Promise<Codebook | undefined> | undefined;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${CODEBOOK_PATH}`);
  private readonly problems = vscode.languages.createDiagnosticCollection('policy-lens-codebook');
  private readonly changed = new vscode.EventEmitter<void>();
  /** The codes may have changed (the codebook file, or a pack's themes and their colours). */
  readonly onDidChange = this.changed.event;
  private readonly packChange: vscode.Disposable;
  /** Whether files may be written without a question (the annotation store's trust gate, once wired). */
  writesAllowed: () => boolean = () => vscode.workspace.isTrusted;

  constructor(private readonly packs: KnowledgePackService) {
    const reset = (): void => {
      this.cached = undefined;
      this.changed.fire();
    };
    this.watcher.onDidChange(reset);
    this.watcher.onDidCreate(reset);
    this.watcher.onDidDelete(reset);
    this.packChange = packs.onDidChange(() => this.changed.fire());
  }

  private uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, CODEBOOK_PATH);
  }

  private async read(): Promise<Codebook | undefined> {
    const uri = this.uri();
    if (!uri) return undefined;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
    const book = parseCodebook(vscode.workspace.asRelativePath(uri), text);
    this.problems.set(
      uri,
      book.problems.map((p) => problemDiagnostic(p)),
    );
    return book;
  }

  codebook(): Promise<Codebook | undefined> {
    this.cached ??= this.read();
    return this.cached;
  }

  /** Creates the codebook on first use, so a team sees where its own codes go. */
  async ensureExists(): Promise<void> {
    const uri = this.uri();
    if (!uri || !this.writesAllowed()) return;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch (err) {
      const code = (err as vscode.FileSystemError).code;
      if (code !== 'FileNotFound' && code !== 'EntryNotFound') return; // there, but not readable: never replaced
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(NEW_CODEBOOK));
      this.cached = undefined;
    }
  }

  /**
   * Adds a code to the workspace codebook (created if missing), comments and the codes there kept. Throws
   * when the codebook cannot be edited (not valid YAML, no workspace, Restricted Mode): nothing is written.
   */
  async addCode(code: Code): Promise<void> {
    const uri = this.uri();
    if (!uri) throw new Error(vscode.l10n.t('open a folder first: codes are kept in its .policy-lens/codebook.yaml'));
    if (!this.writesAllowed()) throw new Error(vscode.l10n.t('this workspace is in Restricted Mode: trust it to add codes'));
    let existing: string | undefined;
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      const c = (err as vscode.FileSystemError).code;
      if (c !== 'FileNotFound' && c !== 'EntryNotFound') throw err;
    }
    const merged = mergeCodebookText(existing ?? NEW_CODEBOOK, [code]);
    if (merged.added.length === 0) throw new Error(vscode.l10n.t("the codebook already has a code '{0}'", code.id));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(merged.text));
    this.cached = undefined;
    this.changed.fire();
  }

  async codes(): Promise<Code[]> {
    const [{ pack }, book] = await Promise.all([this.packs.get(), this.codebook()]);
    return allCodes(pack.themes, book);
  }

  async relations(): Promise<string[]> {
    const book = await this.codebook();
    return ['aligned', 'contrasting', 'partial', ...(book?.relations ?? []).filter((r) => !['aligned', 'contrasting', 'partial'].includes(r))];
  }

  dispose(): void {
    this.watcher.dispose();
    this.packChange.dispose();
    this.changed.dispose();
    this.problems.dispose();
  }
}
