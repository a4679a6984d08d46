import * as vscode from 'vscode';
import type { AgreementReport } from '../../core/agreement/agreement';
import { disagreementList, stepDisagreement, type Disagreement } from '../../core/agreement/compareView';
import type { AnnotationStore } from '../annotations/annotationStore';
import { workspaceAnnotations } from '../annotations/workspaceAnnotations';
import { WorkspaceFileSystem } from '../workspaceFileSystem'; // reads only: workspace.fs is enough
import { CommandId } from '../commandIds';
import { reportError, showInformation } from '../errors';
import { logFailure } from '../logger';
import { agreementHtml } from './agreementHtml';
import { agreementOf, authorsOf, codingOf } from './coderData';

const CONTEXT_KEY = 'policyLens.comparingCoders';
const VIEW_TYPE = 'policyLens.compareCoders';

export interface CompareArgs {
  readonly document?: vscode.Uri;
  readonly coders?: readonly [string, string];
}

/** What the command returns (the extension-host tests read it). */
export interface Comparison {
  readonly document: string;
  readonly coders: readonly [string, string];
  readonly report: AgreementReport;
  readonly disagreements: readonly Disagreement[];
}

interface Session {
  document: vscode.Uri;
  coders: readonly [string, string];
  report: AgreementReport;
  list: Disagreement[];
  /** The disagreement last selected, when the selection still shows it. */
  index: number | undefined;
  version: number;
  /** Annotations of either coder left out because they are orphaned. */
  orphaned: number;
  panel: vscode.WebviewPanel;
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The document to compare: the argument, else the active editor's when it has annotations, else a pick. */
async function chooseDocument(store: AnnotationStore, arg: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (arg) return vscode.workspace.openTextDocument(arg);
  const active = vscode.window.activeTextEditor?.document;
  if (active && (await store.get(active))?.annotations.size) return active;
  const byDoc = new Map<string, { uri: vscode.Uri; count: number; authors: Set<string> }>();
  for (const w of await workspaceAnnotations(new WorkspaceFileSystem())) {
    const key = w.document.toString();
    const e = byDoc.get(key) ?? { uri: w.document, count: 0, authors: new Set<string>() };
    e.count++;
    if (w.annotation.author) e.authors.add(w.annotation.author);
    byDoc.set(key, e);
  }
  if (byDoc.size === 0) return void showInformation(vscode.l10n.t('Policy Lens: no document of this workspace has annotations yet.'));
  // The active editor's sidecar counts even before the store has loaded it (a sidecar written meanwhile).
  if (active && byDoc.has(active.uri.toString())) return active;
  const picked = await vscode.window.showQuickPick(
    [...byDoc.values()].map((e) => ({ label: vscode.workspace.asRelativePath(e.uri), description: vscode.l10n.t('{0} annotations · {1}', e.count, [...e.authors].sort().join(', ') || vscode.l10n.t('no authors')), uri: e.uri })),
    { title: vscode.l10n.t('Compare coders of which document?') },
  );
  return picked && vscode.workspace.openTextDocument(picked.uri);
}

async function chooseCoders(authors: readonly string[], given: readonly [string, string] | undefined): Promise<readonly [string, string] | undefined> {
  if (given) return given;
  if (authors.length === 2) return [authors[0]!, authors[1]!];
  const first = await vscode.window.showQuickPick(authors, { title: vscode.l10n.t('Compare Coders: first coder') });
  if (!first) return undefined;
  const second = await vscode.window.showQuickPick(authors.filter((a) => a !== first), { title: vscode.l10n.t('Compare Coders: {0} and…', first) });
  return second ? [first, second] : undefined;
}

/** *Compare Coders…* and the two commands that step through the disagreements in the editor. */
export function registerCompareCoders(store: AnnotationStore): vscode.Disposable {
  let session: Session | undefined;
  const hint = 'Policy Lens: Next / Previous Coder Disagreement select each passage only one coder coded, in the editor.';

  const render = (s: Session): void => {
    s.panel.title = `Coders: ${s.coders[0]} / ${s.coders[1]}`;
    s.panel.webview.html = agreementHtml({ document: vscode.workspace.asRelativePath(s.document), coders: s.coders, report: s.report, orphaned: s.orphaned, nonce: nonce(), stepHint: hint });
  };

  /** Recomputes the session's report from the document as it is now. */
  const refresh = async (s: Session, doc: vscode.TextDocument): Promise<void> => {
    const coding = await codingOf(store, doc);
    if (!coding) return;
    const { report, orphaned } = agreementOf(coding, doc.getText().length, s.coders);
    s.orphaned = orphaned;
    s.report = report;
    s.list = disagreementList(report);
    s.index = undefined;
    s.version = doc.version;
    render(s);
  };

  const compare = async (args?: CompareArgs): Promise<Comparison | undefined> => {
    const doc = await chooseDocument(store, args?.document);
    if (!doc) return undefined;
    const coding = await codingOf(store, doc);
    const authors = coding ? authorsOf(coding) : [];
    if (!coding || authors.length < 2) return void showInformation(authors.length ? vscode.l10n.t('Policy Lens: {0} has annotations by {1} only; comparing needs two coders.', vscode.workspace.asRelativePath(doc.uri), authors[0]!) : vscode.l10n.t('Policy Lens: {0} has no annotations with an author; comparing needs two coders.', vscode.workspace.asRelativePath(doc.uri)));
    const coders = await chooseCoders(authors, args?.coders);
    if (!coders) return undefined;
    const panel = session?.panel ?? vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Compare Coders'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
    if (!session) {
      panel.onDidDispose(() => {
        session = undefined;
        vscode.commands.executeCommand('setContext', CONTEXT_KEY, false).then(undefined, logFailure('compare coders context'));
      });
    }
    const s: Session = { document: doc.uri, coders, report: { length: 0, codes: [], overall: { percentAgreement: undefined, kappa: undefined, alphaU: undefined, codesCompared: 0 } }, list: [], index: undefined, version: doc.version, orphaned: 0, panel };
    session = s;
    await refresh(s, doc);
    panel.reveal(vscode.ViewColumn.Beside, true);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
    return { document: doc.uri.toString(), coders, report: s.report, disagreements: s.list };
  };

  /** Selects the next (or previous) disagreement in the document's editor; returns it. */
  const step = async (direction: 1 | -1): Promise<(Disagreement & { index: number }) | undefined> => {
    const s = session;
    if (!s) return void showInformation(vscode.l10n.t('Policy Lens: run Compare Coders… first.'));
    const doc = await vscode.workspace.openTextDocument(s.document);
    if (doc.version !== s.version) await refresh(s, doc);
    if (s.list.length === 0) return void showInformation(vscode.l10n.t('Policy Lens: {0} and {1} agree everywhere on this document.', s.coders[0], s.coders[1]));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === s.document.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const sel = editor.selection;
    const current = s.index === undefined ? undefined : s.list[s.index];
    const stillShown = current && doc.offsetAt(sel.start) === current.start && doc.offsetAt(sel.end) === current.end;
    let index: number;
    if (stillShown) index = (s.index! + direction + s.list.length) % s.list.length;
    // From the cursor: forward includes a disagreement starting right there.
    else index = s.list.indexOf(stepDisagreement(s.list, doc.offsetAt(sel.start) - (direction === 1 ? 1 : 0), direction)!);
    s.index = index;
    const d = s.list[index]!;
    const range = new vscode.Range(doc.positionAt(d.start), doc.positionAt(d.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const who = d.coder === 'A' ? s.coders[0] : s.coders[1];
    vscode.window.setStatusBarMessage(`Policy Lens: disagreement ${index + 1} of ${s.list.length}: ${d.code}, coded by ${who} only`, 8000);
    return { ...d, index };
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.compareCoders, (args?: CompareArgs) => compare(args).catch(reportError)),
    vscode.commands.registerCommand(CommandId.nextDisagreement, () => step(1).catch(reportError)),
    vscode.commands.registerCommand(CommandId.previousDisagreement, () => step(-1).catch(reportError)),
    store.onDidChange((uri) => {
      const s = session;
      if (s && uri.toString() === s.document.toString()) vscode.workspace.openTextDocument(uri).then((doc) => refresh(s, doc), logFailure('compare coders refresh')).then(undefined, logFailure('compare coders refresh'));
    }),
    {
      dispose: () => {
        session?.panel.dispose();
      },
    },
  );
}
