import * as vscode from 'vscode';
import { problemDiagnostic } from './convert';
import type { Problem } from '../core/data/problem';

/** Problems of the workspace knowledge packs in the Problems panel, on the pack files themselves. */
export class PackDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('policy-lens-pack');

  /**
   * Replaces every pack problem shown. `locations` maps a problem's file name to the URI it was read from;
   * `texts` holds the files' text, so a problem underlines the word it points at rather than one character.
   */
  show(problems: readonly Problem[], locations: ReadonlyMap<string, string>, texts: ReadonlyMap<string, string>): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const location = locations.get(p.file);
      if (!location) continue;
      const line = texts.get(p.file)?.split('\n', p.line + 1)[p.line] ?? '';
      const word = /^\S+/.exec(line.slice(p.character))?.[0].length ?? 1;
      const d = problemDiagnostic(p, word);
      let list = byFile.get(location);
      if (!list) byFile.set(location, (list = []));
      list.push(d);
    }
    this.collection.clear();
    for (const [location, list] of byFile) this.collection.set(vscode.Uri.parse(location), list);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
