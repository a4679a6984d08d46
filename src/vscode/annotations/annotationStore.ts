import * as vscode from 'vscode';
import { mapRange, type AnchorStatus, type OffsetRange, type TextEdit } from '../../core/anchoring';
import { anchorAnnotations, withFreshSelectors } from '../../core/annotations/annotationFactory';
import { RangeIndex } from '../../core/annotations/rangeIndex';
import { formatProblem, type Problem } from '../../core/data/problem';
import { mergeSidecars, parseSidecar, serializeSidecar, updateSidecarText } from '../../core/sidecar/api';
import { folderInWorkspace } from '../workspaceScope';
import { sortAnnotations, type Annotation } from '../../core/sidecar/model';
import { relativeFromSidecar, sidecarUriFor, SIDECAR_SUFFIX } from './sidecarPaths';

/** The annotations of one open document: the model we write, and where each one is now. */
export interface DocumentAnnotations {
  readonly document: vscode.Uri;
  readonly sidecar: vscode.Uri;
  readonly annotations: ReadonlyMap<string, Annotation>;
  readonly ranges: ReadonlyMap<string, OffsetRange | 'orphaned'>;
  readonly status: ReadonlyMap<string, AnchorStatus>;
  /** True while the sidecar on disk has errors: it is never overwritten then. */
  readonly readOnly: boolean;
}

interface State extends DocumentAnnotations {
  annotations: Map<string, Annotation>;
  ranges: Map<string, OffsetRange | 'orphaned'>;
  status: Map<string, AnchorStatus>;
  readOnly: boolean;
  /** The sidecar text as last read or written: edited in place, and compared to tell our writes from others'. */
  diskText: string | undefined;
  /** The annotations as on disk, the base of a three-way merge when the file changes under us. */
  base: Annotation[];
  /** Something in memory differs from disk (re-anchored, merged): written when the user saves the document. */
  pending: boolean;
  /** Writes of one sidecar run one after another. */
  writing: Promise<void>;
  /** Bumped whenever a range changes; the interval index behind `at` is rebuilt lazily after that. */
  version: number;
  index?: { version: number; index: RangeIndex<string> };
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Loads, tracks and writes the annotations of open documents. Ranges follow every edit in the editor;
 * selectors are refreshed and written when the user saves the document. A sidecar with errors is shown
 * read-only and never overwritten; one changed on disk is merged by annotation id.
 */
export class AnnotationStore implements vscode.Disposable {
  private readonly states = new Map<string, State>();
  private readonly loading = new Map<string, Promise<State | undefined>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly sidecarProblems = vscode.languages.createDiagnosticCollection('policy-lens-sidecars');
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly accepts: (document: vscode.TextDocument) => boolean,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.quietly(this.sidecarChangedOnDisk(uri))),
      watcher.onDidCreate((uri) => this.quietly(this.sidecarChangedOnDisk(uri))),
      watcher.onDidDelete((uri) => this.sidecarDeleted(uri)),
      vscode.workspace.onDidOpenTextDocument((d) => this.quietly(this.load(d))),
      vscode.workspace.onDidChangeTextDocument((e) => this.track(e)),
      vscode.workspace.onDidSaveTextDocument((d) => this.quietly(this.saved(d))),
      vscode.workspace.onDidCloseTextDocument((d) => this.states.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.sidecarFolder') && this.reloadAll()),
      this.changed,
      this.sidecarProblems,
    );
    for (const d of vscode.workspace.textDocuments) this.quietly(this.load(d));
  }

  /** Event-driven work has nobody to report to: failures go to the log. */
  private quietly(p: Promise<unknown>): void {
    p.catch((err: unknown) => this.log.error(`annotations: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Sidecars moved (setting changed): read every open document's annotations again from the new place. */
  private reloadAll(): void {
    const uris = [...this.states.keys()];
    this.states.clear();
    for (const d of vscode.workspace.textDocuments) if (uris.includes(d.uri.toString())) void this.load(d);
    uris.forEach((u) => this.changed.fire(vscode.Uri.parse(u)));
  }

  /** The annotations of a document, loading its sidecar on first request. */
  async get(document: vscode.TextDocument): Promise<DocumentAnnotations | undefined> {
    return this.states.get(document.uri.toString()) ?? (await this.load(document));
  }

  peek(document: vscode.Uri): DocumentAnnotations | undefined {
    return this.states.get(document.toString());
  }

  /** Annotations whose current range contains the offset (an interval index: hovers never scan them all). */
  at(view: DocumentAnnotations, offset: number): Annotation[] {
    const state = view as State;
    if (state.index?.version !== state.version) state.index = { version: state.version, index: new RangeIndex(state.ranges) };
    return state.index.index.at(offset).flatMap((id) => state.annotations.get(id) ?? []);
  }

  load(document: vscode.TextDocument): Promise<State | undefined> {
    if (!this.accepts(document)) return Promise.resolve(undefined);
    const key = document.uri.toString();
    const existing = this.states.get(key);
    if (existing) return Promise.resolve(existing);
    let p = this.loading.get(key);
    if (!p) {
      p = this.readState(document).finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  private async readState(document: vscode.TextDocument): Promise<State> {
    const sidecar = sidecarUriFor(document.uri);
    const state: State = { document: document.uri, sidecar, annotations: new Map(), ranges: new Map(), status: new Map(), readOnly: false, diskText: undefined, base: [], pending: false, writing: Promise.resolve(), version: 0 };
    const text = await this.readSidecar(sidecar);
    if (text !== undefined) this.applyDiskText(state, document, text, false);
    this.states.set(document.uri.toString(), state);
    this.changed.fire(document.uri);
    return state;
  }

  private async readSidecar(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // no sidecar yet
    }
  }

  /** Parses sidecar text into the state; with `merge`, keeps what is in memory and merges by id. */
  private applyDiskText(state: State, document: vscode.TextDocument, text: string, merge: boolean): void {
    const maxBytes = vscode.workspace.getConfiguration('policyLens').get<number>('sidecarMaxBytes', 10 * 1024 * 1024);
    const parsed = parseSidecar(vscode.workspace.asRelativePath(state.sidecar), text, { maxBytes, documentLength: document.getText().length, sidecarFolder: folderInWorkspace(state.sidecar) });
    this.showProblems(state.sidecar, parsed.problems);
    const wasReadOnly = state.readOnly;
    state.readOnly = parsed.readOnly;
    state.diskText = text;
    if (parsed.readOnly && !wasReadOnly) {
      void vscode.window.showWarningMessage(
        `Policy Lens: ${vscode.workspace.asRelativePath(state.sidecar)} has errors (see Problems). Its annotations are shown read-only and the file will not be overwritten until it is fixed.`,
      );
    }
    if (parsed.readOnly && merge) return; // keep showing what we had; never replace it with a broken file
    let next = parsed.annotations;
    if (merge) {
      const result = mergeSidecars(state.base, [...state.annotations.values()], parsed.annotations);
      next = result.merged;
      state.pending ||= result.merged.length !== parsed.annotations.length || result.conflicts.length > 0;
      if (result.conflicts.length) {
        void vscode.window.showWarningMessage(`Policy Lens: ${result.conflicts.length} annotation(s) changed both here and on disk; your version is kept and will be written on save.`);
      }
    }
    state.base = parsed.annotations;
    const docText = document.getText();
    const keep = new Map(state.annotations);
    state.annotations = new Map(next.map((a) => [a.id, a]));
    const toAnchor = next.filter((a) => !merge || keep.get(a.id) !== a || !state.ranges.has(a.id));
    for (const { annotation, anchor } of anchorAnnotations(docText, toAnchor)) {
      state.ranges.set(annotation.id, anchor.status === 'orphaned' ? 'orphaned' : { start: anchor.start, end: anchor.end });
      state.status.set(annotation.id, anchor.status);
      if (anchor.status !== 'exact') state.pending = true;
    }
    for (const id of [...state.ranges.keys()]) if (!state.annotations.has(id)) (state.ranges.delete(id), state.status.delete(id));
    state.version++;
  }

  private showProblems(sidecar: vscode.Uri, problems: readonly Problem[]): void {
    this.sidecarProblems.set(
      sidecar,
      problems.map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(p.line, p.character, p.line, p.character + 1), p.field ? `${p.message} (${p.field})` : p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'Policy Lens';
        return d;
      }),
    );
    for (const p of problems) this.log.warn(formatProblem(p));
  }

  /** Ranges follow the edit: VS Code lists a batch's changes so that applying them in order is correct. */
  private track(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state || e.contentChanges.length === 0 || state.ranges.size === 0) return;
    const edits: TextEdit[] = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset).map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const delta = edits.reduce((n, ed) => n + ed.text.length - (ed.end - ed.start), 0);
    const lengthBefore = e.document.getText().length - delta;
    for (const [id, range] of state.ranges) {
      if (range === 'orphaned') continue;
      let next = mapRange(range, edits, lengthBefore);
      // A reload from disk replaces whole lines; text that survived inside the new text is found again there.
      if (next === 'orphaned') next = this.foundInInsertedText(state.annotations.get(id)!, edits) ?? 'orphaned';
      state.ranges.set(id, next);
      if (next === 'orphaned') state.status.set(id, 'orphaned');
    }
    state.version++;
    this.changed.fire(e.document.uri);
  }

  private foundInInsertedText(a: Annotation, edits: readonly TextEdit[]): OffsetRange | undefined {
    const quote = a.target.quote.exact;
    // Edits are sorted by descending start: an edit's new position shifts by the edits before it in the text.
    for (let i = 0; i < edits.length; i++) {
      const ed = edits[i]!;
      const at = ed.text.indexOf(quote);
      if (at < 0 || ed.text.length < quote.length) continue;
      let shift = 0;
      for (let k = i + 1; k < edits.length; k++) shift += edits[k]!.text.length - (edits[k]!.end - edits[k]!.start);
      const start = ed.start + shift + at;
      return { start, end: start + quote.length };
    }
    return undefined;
  }

  /** On save: selectors are refreshed from the saved text and the sidecar is rewritten if anything moved. */
  private async saved(document: vscode.TextDocument): Promise<void> {
    const state = this.states.get(document.uri.toString());
    if (!state || state.readOnly || !vscode.workspace.isTrusted) return;
    const text = document.getText();
    let changed = false;
    for (const [id, a] of state.annotations) {
      const r = state.ranges.get(id);
      if (!r || r === 'orphaned') continue;
      const fresh = withFreshSelectors(text, a, r.start, r.end);
      if (fresh !== a) {
        state.annotations.set(id, fresh);
        state.status.set(id, 'exact');
        changed = true;
      }
    }
    if (changed || state.pending) await this.write(state, document);
  }

  /** Adds or replaces annotations (user actions): written at once. */
  async put(document: vscode.TextDocument, annotations: readonly Annotation[], ranges?: ReadonlyMap<string, OffsetRange>): Promise<void> {
    const state = await this.load(document);
    if (!state) throw new Error('Policy Lens does not annotate this kind of document.');
    this.assertWritable(state);
    for (const a of annotations) {
      state.annotations.set(a.id, a);
      const r = ranges?.get(a.id) ?? { start: a.target.position.start, end: a.target.position.end };
      state.ranges.set(a.id, r);
      state.status.set(a.id, 'exact');
    }
    state.version++;
    await this.write(state, document);
    this.changed.fire(document.uri);
  }

  async remove(document: vscode.TextDocument, id: string): Promise<void> {
    const state = await this.load(document);
    if (!state) return;
    this.assertWritable(state);
    state.annotations.delete(id);
    state.ranges.delete(id);
    state.status.delete(id);
    state.version++;
    await this.write(state, document);
    this.changed.fire(document.uri);
  }

  private assertWritable(state: State): void {
    if (state.readOnly) throw new Error(`${vscode.workspace.asRelativePath(state.sidecar)} has errors; fix them (see Problems) before changing its annotations.`);
  }

  /** Writes the sidecar atomically, after any write of it still under way. */
  private write(state: State, document: vscode.TextDocument): Promise<void> {
    const next = state.writing.then(() => this.writeNow(state, document));
    state.writing = next.catch(() => undefined);
    return next;
  }

  /** A temporary file beside the sidecar, then a rename over it: readers never see half a file. */
  private async writeNow(state: State, document: vscode.TextDocument): Promise<void> {
    const sidecar = { version: 1 as const, document: relativeFromSidecar(state.sidecar, document.uri), annotations: sortAnnotations([...state.annotations.values()]) };
    const text = state.diskText !== undefined ? updateSidecarText(state.diskText, sidecar) : serializeSidecar(sidecar);
    const tmp = state.sidecar.with({ path: `${state.sidecar.path}.${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp` });
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(state.sidecar, '..'));
    await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(tmp, state.sidecar, { overwrite: true });
    state.diskText = text;
    state.base = sidecar.annotations;
    state.pending = false;
    this.log.info(`wrote ${sidecar.annotations.length} annotation(s) to ${vscode.workspace.asRelativePath(state.sidecar)}`);
  }

  private async sidecarChangedOnDisk(uri: vscode.Uri): Promise<void> {
    for (const state of this.states.values()) {
      if (state.sidecar.toString() !== uri.toString()) continue;
      const text = await this.readSidecar(uri);
      if (text === undefined || text === state.diskText) return; // our own write, or gone
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.document.toString());
      if (!document) return;
      this.applyDiskText(state, document, text, true);
      this.log.info(`reloaded ${vscode.workspace.asRelativePath(uri)} after it changed on disk`);
      this.changed.fire(state.document);
    }
  }

  /**
   * Deleted under us (git checkout, by hand): the file is the source of truth, so its annotations go, but
   * the user can put them back from the message: nothing is lost by accident.
   */
  private sidecarDeleted(uri: vscode.Uri): void {
    for (const state of this.states.values()) {
      if (state.sidecar.toString() !== uri.toString()) continue;
      const gone = [...state.annotations.values()];
      const ranges = new Map([...state.ranges].filter((e): e is [string, OffsetRange] => e[1] !== 'orphaned'));
      Object.assign(state, { readOnly: false, diskText: undefined, base: [], pending: false });
      state.annotations.clear();
      state.ranges.clear();
      state.status.clear();
      state.version++;
      this.sidecarProblems.delete(uri);
      this.changed.fire(state.document);
      if (gone.length === 0) continue;
      void vscode.window
        .showWarningMessage(`Policy Lens: ${vscode.workspace.asRelativePath(uri)} was deleted; its ${gone.length} annotation(s) are no longer shown.`, 'Restore')
        .then(async (choice) => {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.document.toString());
          if (choice === 'Restore' && document) await this.put(document, gone, ranges);
        });
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
