import * as vscode from 'vscode';
import { mapRecognition, type TextChange } from '../core/recognition/mapRecognition';
import { provisionAt, recognise, type LocatedProvision, type Recognition } from '../core/recognition/recognise';
import { LineIndex } from '../core/text/lineIndex';
import type { KnowledgePackService, LoadedPack } from './knowledgePackService';
import { fromVsPosition } from './convert';
import { isMarkdownLanguage } from './languages';

export interface Analysis extends LoadedPack {
  readonly recognition: Recognition;
}

/**
 * Recognition runs again once typing has paused this long, or for three times as long as the document's
 * last recognition took (a large plan waits longer, so that a typist's short pauses do not trigger it);
 * until then, the last recognition follows the edits.
 */
const REFRESH_DELAY_MS = 300;
const MAX_REFRESH_DELAY_MS = 2_000;
/** Past this many edits since the last recognition, recognise again rather than map through them all. */
const MAX_MAPPED_EDITS = 2_000;

interface DocumentState {
  /** The last full recognition and the version it read. */
  full: { version: number; analysis: Promise<Analysis> };
  /** The edits since `full.version`, one entry per document version, in order. */
  edits: { version: number; changes: readonly TextChange[] }[];
  /** The analysis handed out for the current version (full, or the full one mapped through the edits). */
  current: { version: number; analysis: Promise<Analysis> };
  /** How long the last full recognition took, in ms. */
  readonly timing: { cost: number };
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Recognition results per document, off the typing path. Providers share one analysis, so a hover, the
 * outline and the status bar never recognise the same text twice. While the user types, the last
 * recognition is carried through the edits (cheap: its ranges move with the text) and a full recognition
 * runs once typing has paused for REFRESH_DELAY_MS; a pause that a newer edit interrupts starts over, so
 * no stale version is ever recognised.
 */
export class DocumentAnalysis implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly refreshed = new vscode.EventEmitter<vscode.TextDocument>();
  /** A document was recognised again after edits or a pack change (its provisions may have changed). */
  readonly onDidRefresh = this.refreshed.event;

  constructor(private readonly packs: KnowledgePackService) {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      // Recognitions made with the old pack are stale: every document analysed before is read again.
      packs.onDidChange(() => vscode.workspace.textDocuments.filter((d) => this.states.has(d.uri.toString())).forEach((d) => this.rerecognise(d))),
      this.refreshed,
    ];
  }

  analyse(document: vscode.TextDocument): Promise<Analysis> {
    const key = document.uri.toString();
    const state = this.states.get(key);
    if (state?.current.version === document.version) return state.current.analysis;
    const edits = state ? editsUpTo(state, document.version) : undefined;
    if (!state || !edits || edits.length > MAX_MAPPED_EDITS) return this.recogniseNow(document).current.analysis;
    const version = document.version;
    // The line index is built when a hover first reads it, right after this resolves (the version still current).
    const analysis = state.full.analysis.then((a) => ({ ...a, recognition: mapRecognition(a.recognition, edits, () => new LineIndex(document.getText())) }));
    state.current = { version, analysis };
    return analysis;
  }

  async provisionAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ analysis: Analysis; located?: LocatedProvision }> {
    const analysis = await this.analyse(document);
    return { analysis, located: provisionAt(analysis.recognition, fromVsPosition(position)) };
  }

  private recogniseNow(document: vscode.TextDocument): DocumentState {
    const key = document.uri.toString();
    const old = this.states.get(key);
    if (old?.timer) clearTimeout(old.timer);
    const text = document.getText();
    const markdown = isMarkdownLanguage(document.languageId) || /\.(md|markdown)$/i.test(document.uri.path);
    const timing = { cost: old?.timing.cost ?? 0 };
    const analysis = this.packs.get().then((loaded) => {
      const t0 = Date.now();
      const recognition = recognise(text, loaded.pack, { markdown });
      timing.cost = Date.now() - t0;
      return { ...loaded, recognition };
    });
    const full = { version: document.version, analysis };
    const state: DocumentState = { full, edits: [], current: full, timing };
    this.states.set(key, state);
    return state;
  }

  /** Records the edits of a document analysed before, and schedules its next recognition. */
  private edited(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state || e.contentChanges.length === 0) return;
    state.edits.push({
      version: e.document.version,
      changes: e.contentChanges.map((c) => ({ range: { start: fromVsPosition(c.range.start), end: fromVsPosition(c.range.end) }, text: c.text })),
    });
    if (state.timer) clearTimeout(state.timer);
    const document = e.document;
    state.timer = setTimeout(() => this.refresh(document), Math.min(MAX_REFRESH_DELAY_MS, Math.max(REFRESH_DELAY_MS, 3 * state.timing.cost)));
  }

  private refresh(document: vscode.TextDocument): void {
    const state = this.states.get(document.uri.toString());
    if (!state || document.isClosed || state.full.version === document.version) return;
    this.rerecognise(document);
  }

  private rerecognise(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const next = this.recogniseNow(document);
    void next.full.analysis.then(
      () => this.states.get(document.uri.toString()) === next && this.refreshed.fire(document),
      () => undefined, // the failure reaches whoever awaits this analysis
    );
  }

  private forget(key: string): void {
    const state = this.states.get(key);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(key);
  }

  dispose(): void {
    for (const key of [...this.states.keys()]) this.forget(key);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The edits from the full recognition's version up to `version`, or undefined when some are missing. */
function editsUpTo(state: DocumentState, version: number): TextChange[] | undefined {
  const out: TextChange[] = [];
  let at = state.full.version;
  for (const e of state.edits) {
    if (e.version > version) break;
    if (e.version <= at) continue;
    for (const c of e.changes) out.push(c);
    at = e.version;
  }
  return at === version ? out : undefined;
}
