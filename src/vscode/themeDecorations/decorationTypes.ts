import * as vscode from 'vscode';
import type { Theme } from '../../core/data/model';
import { themeColourId } from '../../core/lexicon/contributions';

/**
 * One decoration type per theme, in the theme's contributed colour (`policyLens.theme.*`, so colour themes and
 * users can change it); a workspace pack's theme has no contributed colour, so its type carries the theme's own
 * colours (an edited colour gets a new type). Shared by every feature that colours themed phrases.
 */
export class ThemeDecorationTypes implements vscode.Disposable {
  private readonly contributed: ReadonlySet<string>;
  /** By theme id, or for a workspace theme by id and colours. */
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();

  constructor(extension: vscode.Extension<unknown>) {
    const colors = (extension.packageJSON as { contributes?: { colors?: { id: string }[] } }).contributes?.colors ?? [];
    this.contributed = new Set(colors.map((c) => c.id));
  }

  typeFor(theme: Theme): vscode.TextEditorDecorationType {
    const colourId = themeColourId(theme.id);
    const own = !this.contributed.has(colourId);
    const key = own ? `${theme.id} ${theme.colour.dark} ${theme.colour.light}` : theme.id;
    let type = this.types.get(key);
    if (!type) {
      type = vscode.window.createTextEditorDecorationType(own ? { dark: { color: theme.colour.dark }, light: { color: theme.colour.light } } : { color: new vscode.ThemeColor(colourId) });
      this.types.set(key, type);
    }
    return type;
  }

  /** Every type made so far: those of themes a pack change removed or recoloured must be cleared too. */
  all(): IterableIterator<vscode.TextEditorDecorationType> {
    return this.types.values();
  }

  dispose(): void {
    this.types.forEach((t) => t.dispose());
    this.types.clear();
  }
}
