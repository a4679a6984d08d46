import * as vscode from 'vscode';
import { MAX_EDITOR_ANALYSIS_CHARS, MAX_TOKENIZATION_LINE_LENGTH } from '../../core/limits';
import { LineIndex } from '../../core/text/lineIndex';
import type { DocumentAnalysis } from '../documentAnalysis';
import type { KnowledgePackService } from '../knowledgePackService';
import { whileVisible } from '../liveEditor';
import { logFailure } from '../logger';
import type { MentionService } from '../mentions/mentionService';
import { affectsSetting, setting } from '../settings';
import { ThemeDecorationTypes } from './decorationTypes';
import { matchesInclude, type DocumentThemeChoices } from './documentChoices';
import { isDecoratedLanguage, MIN_PLAN_SCORE, themeMechanism, type ThemeMechanism } from './themeChoice';
import { covers, decoratedSpans, MARGIN_LINES, type LineSpan } from './visibleWindow';

/** After an edit: a pause this long, or 3× the last pass's cost; after a scroll, a short one. */
const EDIT_DELAY_MS = 250;
const MAX_EDIT_DELAY_MS = 2_000;
const SCROLL_DELAY_MS = 50;

/** Context keys for when-clauses: the active editor shows theme decorations / refers to known provisions. */
export const THEMES_SHOWN_CONTEXT = 'policyLens.themesShownHere';
export const PROVISIONS_CONTEXT = 'policyLens.provisionsHere';

export interface AppliedThemeDecoration {
  readonly themeId: string;
  readonly range: vscode.Range;
}

/** What the extension-host tests read: the decorations last set on a visible editor of the document. */
export interface ThemeDecorationsApi {
  decorations(uri: vscode.Uri): readonly AppliedThemeDecoration[] | undefined;
}

interface Applied {
  readonly version: number;
  readonly spans: readonly LineSpan[];
  readonly decorations: readonly AppliedThemeDecoration[];
}

/**
 * Theme colours in Markdown and plain-text documents without changing their language (themeChoice.ts says which
 * documents and why decorations): the core's matcher runs over the visible lines plus a margin, again after a
 * scroll past what was decorated and after a pause in typing; hidden themes (policyLens.themes.hidden) are left
 * out, and so are phrases broken across a line break when policyLens.wrappedPhrases.enabled is off. Decorations are set only on an editor still visible, for the document version they were computed from.
 */
export class ThemeDecorations implements vscode.Disposable, ThemeDecorationsApi {
  private readonly types: ThemeDecorationTypes;
  private readonly timers = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  private readonly applied = new Map<vscode.TextEditor, Applied>();
  /** Per document: the last decision, and whether it refers to known provisions (plan or mentions). */
  private readonly decided = new Map<string, { mechanism: ThemeMechanism; provisions: boolean; hasMentions: boolean }>();
  private readonly costs = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly packs: KnowledgePackService,
    private readonly analysis: DocumentAnalysis,
    private readonly mentions: MentionService,
    private readonly choices: DocumentThemeChoices,
    extension: vscode.Extension<unknown>,
  ) {
    this.types = new ThemeDecorationTypes(extension);
    const all = (): void => vscode.window.visibleTextEditors.forEach((e) => this.schedule(e, 0));
    const ofDocument = (uri: vscode.Uri, delay = 0): void => vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString()).forEach((e) => this.schedule(e, delay));
    this.subscriptions = [
      this.types,
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of [...this.applied.keys()]) if (!editors.includes(e)) this.applied.delete(e);
        for (const [e, t] of [...this.timers]) if (!editors.includes(e)) (clearTimeout(t), this.timers.delete(e));
        all();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.scrolled(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const cost = this.costs.get(e.document.uri.toString()) ?? 0;
        ofDocument(e.document.uri, Math.min(MAX_EDIT_DELAY_MS, Math.max(EDIT_DELAY_MS, 3 * cost)));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => (this.decided.delete(d.uri.toString()), this.costs.delete(d.uri.toString()))),
      vscode.workspace.onDidChangeConfiguration((e) => (affectsSetting(e, 'themes') || affectsSetting(e, 'autoDetect') || affectsSetting(e, 'wrappedPhrases')) && all()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      packs.onDidChange(all),
      analysis.onDidRefresh((d) => ofDocument(d.uri)),
      // Mentions found or gone can turn the default on or off: only then is a new pass needed.
      mentions.onDidChange((d) => {
        const was = this.decided.get(d.uri.toString());
        if (!was || was.hasMentions !== (mentions.latest(d)?.length ?? 0) > 0) ofDocument(d.uri);
      }),
      choices.onDidChange((uri) => ofDocument(uri)),
    ];
    all();
  }

  decorations(uri: vscode.Uri): readonly AppliedThemeDecoration[] | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    return editor ? this.applied.get(editor)?.decorations : undefined;
  }

  /** The last decision for a document (undefined before its first pass): the hover shows themes where they are shown. */
  mechanismOf(document: vscode.TextDocument): ThemeMechanism | undefined {
    return this.decided.get(document.uri.toString())?.mechanism;
  }

  /** Decides again for the document and decorates its visible editors now; resolves to the decision. */
  async refresh(document: vscode.TextDocument): Promise<ThemeMechanism> {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === document);
    for (const e of editors) clearTimeout(this.timers.get(e));
    if (editors.length === 0) return this.decide(document);
    let mechanism: ThemeMechanism = 'none';
    for (const e of editors) mechanism = await this.decorate(e);
    return mechanism;
  }

  private scrolled(editor: vscode.TextEditor): void {
    const done = this.applied.get(editor);
    const visible = decoratedSpans(linesOf(editor), editor.document.lineCount, MARGIN_LINES / 2);
    if (done && done.version === editor.document.version && covers(done.spans, visible)) return;
    // Nothing applied and nothing to apply (not a decorated document): no pass per scroll.
    if (!done && this.decided.get(editor.document.uri.toString())?.mechanism !== 'decorations') return;
    this.schedule(editor, SCROLL_DELAY_MS);
  }

  private schedule(editor: vscode.TextEditor, delay: number): void {
    clearTimeout(this.timers.get(editor));
    this.timers.set(
      editor,
      setTimeout(() => {
        this.timers.delete(editor);
        this.decorate(editor).then(undefined, logFailure('theme decorations'));
      }, delay),
    );
  }

  private async decide(document: vscode.TextDocument): Promise<ThemeMechanism> {
    const key = document.uri.toString();
    let recognisedPlan = false;
    let hasMentions = false;
    let mechanism: ThemeMechanism = themeMechanism({ languageId: document.languageId, included: false, autoDetect: false, recognisedPlan, hasMentions, tooLarge: false });
    if (isDecoratedLanguage(document.languageId)) {
      this.mentions.track(document);
      const last = document.lineAt(document.lineCount - 1).range.end;
      const tooLarge = document.offsetAt(last) > MAX_EDITOR_ANALYSIS_CHARS;
      const choice = this.choices.get(document.uri);
      const included = matchesInclude(document, setting('themes.include', document.uri));
      const autoDetect = setting('autoDetect', document.uri);
      if (!tooLarge) {
        const { recognition } = await this.analysis.analyse(document);
        recognisedPlan = recognition.plan !== null && recognition.score >= MIN_PLAN_SCORE;
        hasMentions = (this.mentions.latest(document)?.length ?? 0) > 0;
      }
      mechanism = themeMechanism({ languageId: document.languageId, choice, included, autoDetect, recognisedPlan, hasMentions, tooLarge });
    }
    if (!document.isClosed) this.decided.set(key, { mechanism, provisions: recognisedPlan || hasMentions, hasMentions });
    this.updateContext();
    return mechanism;
  }

  private async decorate(editor: vscode.TextEditor): Promise<ThemeMechanism> {
    const document = editor.document;
    const mechanism = await this.decide(document);
    if (mechanism !== 'decorations') {
      this.clear(editor);
      return mechanism;
    }
    const { pack, matcher } = await this.packs.get();
    const version = document.version;
    const started = performance.now();
    const spans = decoratedSpans(linesOf(editor), document.lineCount);
    const hidden = new Set(setting('themes.hidden'));
    const wrapped = setting('wrappedPhrases.enabled', document);
    const byTheme = new Map<string, vscode.Range[]>();
    const decorations: AppliedThemeDecoration[] = [];
    for (const run of tokenisedRuns(document, spans)) {
      const lines = new LineIndex(document.getText(new vscode.Range(run.first, 0, run.last, document.lineAt(run.last).text.length)));
      for (const m of matcher.matchText(lines.text)) {
        if (hidden.has(m.themeId) || (m.wrapped && !wrapped)) continue;
        const s = lines.positionAt(m.start);
        const e = lines.positionAt(m.end);
        const range = new vscode.Range(run.first + s.line, s.character, run.first + e.line, e.character);
        let list = byTheme.get(m.themeId);
        if (!list) byTheme.set(m.themeId, (list = []));
        list.push(range);
        decorations.push({ themeId: m.themeId, range });
      }
    }
    this.costs.set(document.uri.toString(), performance.now() - started);
    whileVisible(editor, () => vscode.window.visibleTextEditors, (e) => {
      if (e.document.version !== version || e.document.isClosed) return;
      const used = new Set<vscode.TextEditorDecorationType>();
      for (const theme of pack.themes) {
        const type = this.types.typeFor(theme);
        used.add(type);
        e.setDecorations(type, byTheme.get(theme.id) ?? []);
      }
      // Themes a pack change removed or recoloured: their old decorations go.
      for (const type of this.types.all()) if (!used.has(type)) e.setDecorations(type, []);
      this.applied.set(e, { version, spans, decorations });
    });
    return mechanism;
  }

  private clear(editor: vscode.TextEditor): void {
    if (!this.applied.has(editor)) return;
    this.applied.delete(editor);
    whileVisible(editor, () => vscode.window.visibleTextEditors, (e) => {
      for (const type of this.types.all()) e.setDecorations(type, []);
    });
  }

  private updateContext(): void {
    const active = vscode.window.activeTextEditor?.document;
    const d = active ? this.decided.get(active.uri.toString()) : undefined;
    const set = (key: string, value: boolean): void => {
      vscode.commands.executeCommand('setContext', key, value).then(undefined, logFailure('context keys'));
    };
    set(THEMES_SHOWN_CONTEXT, d?.mechanism === 'decorations');
    set(PROVISIONS_CONTEXT, d?.provisions ?? false);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

function linesOf(editor: vscode.TextEditor): LineSpan[] {
  return editor.visibleRanges.map((r) => ({ first: r.start.line, last: r.end.line }));
}

/**
 * The spans without the lines VS Code leaves untokenised (MAX_TOKENIZATION_LINE_LENGTH or longer): the grammar
 * colours none of their phrases, and neither do the decorations, so a one-line 20 MB file costs nothing here.
 */
function tokenisedRuns(document: vscode.TextDocument, spans: readonly LineSpan[]): LineSpan[] {
  const out: LineSpan[] = [];
  for (const s of spans) {
    let first = -1;
    for (let line = s.first; line <= s.last; line++) {
      const ok = document.lineAt(line).text.length < MAX_TOKENIZATION_LINE_LENGTH;
      if (ok && first < 0) first = line;
      if (!ok && first >= 0) (out.push({ first, last: line - 1 }), (first = -1));
    }
    if (first >= 0) out.push({ first, last: s.last });
  }
  return out;
}
