import * as vscode from 'vscode';
import type { DocumentThemeChoice } from './themeChoice';

const STATE_KEY = 'policyLens.themes.documents';
/** Choices remembered per workspace; past this many the oldest are forgotten (the state is not a database). */
const MAX_REMEMBERED = 1_000;

/**
 * Show / Hide Themes in This Document, remembered per document in the workspace state (not in settings: a
 * choice about one file is nobody else's business, and it survives reloads).
 */
export class DocumentThemeChoices {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(uri: vscode.Uri): DocumentThemeChoice | undefined {
    const v = this.all()[uri.toString()];
    return v === 'shown' || v === 'hidden' ? v : undefined;
  }

  async set(uri: vscode.Uri, choice: DocumentThemeChoice): Promise<void> {
    const key = uri.toString();
    // Re-set choices move to the end, so the oldest are the first forgotten.
    const entries = [...Object.entries(this.all()).filter(([k]) => k !== key), [key, choice] as const].slice(-MAX_REMEMBERED);
    await this.state.update(STATE_KEY, Object.fromEntries(entries));
    this.changed.fire(uri);
  }

  private all(): Readonly<Record<string, unknown>> {
    const v = this.state.get<unknown>(STATE_KEY);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Whether the document matches one of the globs: workspace-relative (`notes/**\/*.md`) or absolute. */
export function matchesInclude(document: vscode.TextDocument, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return globs.some((glob) => vscode.languages.match({ pattern: glob }, document) > 0 || (folder !== undefined && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0));
}
