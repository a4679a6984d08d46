import * as vscode from 'vscode';
import type { Code } from '../../core/codebook/codebook';
import type { AnnotationStore } from './annotationStore';
import type { CodebookService } from './codebookService';
import { whileVisible } from '../liveEditor';
import { logFailure } from '../logger';

const FALLBACK = '#C586C0';
const DELAY_MS = 100;

function gutterIcon(colour: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="6" y="2" width="4" height="12" rx="2" fill="${colour}"/></svg>`;
  // btoa, not Buffer: the web worker has no Buffer (the SVG is ASCII).
  return vscode.Uri.parse(`data:image/svg+xml;base64,${btoa(svg)}`);
}

/** Annotated spans: a tint and underline in the first code's colour, a gutter mark and an overview-ruler mark. */
export function registerAnnotationDecorations(store: AnnotationStore, codebook: CodebookService): vscode.Disposable {
  const types = new Map<string, vscode.TextEditorDecorationType>();
  let timer: NodeJS.Timeout | undefined;

  const typeFor = (code: Code | undefined): vscode.TextEditorDecorationType => {
    const dark = code?.colour ?? FALLBACK;
    const light = code?.lightColour ?? dark;
    // Keyed by colours too: a code recoloured in the codebook or a workspace pack gets a new type.
    const key = `${code?.id ?? ''} ${dark} ${light}`;
    let t = types.get(key);
    if (!t) {
      const style = (c: string): vscode.ThemableDecorationRenderOptions => ({ backgroundColor: `${c}26`, borderColor: c, gutterIconPath: gutterIcon(c), overviewRulerColor: c });
      t = vscode.window.createTextEditorDecorationType({
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        dark: style(dark),
        light: style(light),
      });
      types.set(key, t);
    }
    return t;
  };

  const decorate = async (editor: vscode.TextEditor): Promise<void> => {
    const codes = new Map((await codebook.codes()).map((c) => [c.id, c]));
    // After the await: the ranges as they are now, not as they were when the timer fired.
    const state = store.peek(editor.document.uri);
    const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>();
    for (const t of types.values()) byType.set(t, []);
    for (const [id, r] of state?.ranges ?? []) {
      if (r === 'orphaned') continue;
      const a = state!.annotations.get(id)!;
      const t = typeFor(codes.get(a.codes[0] ?? ''));
      const range = new vscode.Range(editor.document.positionAt(r.start), editor.document.positionAt(r.end));
      (byType.get(t) ?? byType.set(t, []).get(t)!).push({ range });
    }
    // Awaiting the codebook let the editor close: decorate it only if it is still shown.
    whileVisible(editor, () => vscode.window.visibleTextEditors, (e) => byType.forEach((ranges, t) => e.setDecorations(t, ranges)));
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => vscode.window.visibleTextEditors.forEach((e) => void decorate(e).catch(logFailure('annotation decorations'))), DELAY_MS);
  };

  schedule();
  return vscode.Disposable.from(
    store.onDidChange(schedule),
    codebook.onDidChange(schedule),
    vscode.window.onDidChangeVisibleTextEditors(schedule),
    { dispose: () => (clearTimeout(timer), types.forEach((t) => t.dispose())) },
  );
}
