import * as vscode from 'vscode';
import { setting } from '../settings';
import { reportError } from '../errors';
import { createAnnotation } from '../../core/annotations/annotationFactory';
import { sentenceAt } from '../../core/text/sentenceBounds';
import type { Annotation } from '../../core/sidecar/model';
import { CommandId } from '../commandIds';
import type { AnnotationStore } from './annotationStore';
import type { CodebookService } from './codebookService';
import { rangeOf } from './annotationRanges';
import { createCode } from './newCodeCommand';
import { openNoteEditor } from './noteEditor';

export { rangeOf } from './annotationRanges';

/** Arguments that let scripts and tests run the commands without pickers. */
export interface AnnotateArgs {
  readonly codes?: readonly string[];
  readonly note?: string;
  readonly id?: string;
}

/** policyLens.author, else the account name the platform knows (none in the web worker). */
export function author(userName: () => string | undefined): string | undefined {
  return setting('author').trim() || userName();
}

const NEW_CODE = '';

/** The codes to put on a passage; ticking "New code…" asks for it and adds it to the workspace codebook. */
async function pickCodes(codebook: CodebookService, selected: readonly string[], title: string): Promise<string[] | undefined> {
  const codes = await codebook.codes();
  const items = codes.map((c) => ({ label: c.label, description: c.source === 'theme' ? vscode.l10n.t('theme · {0}', c.id) : c.parent ? vscode.l10n.t('codebook · {0} · under {1}', c.id, c.parent) : vscode.l10n.t('codebook · {0}', c.id), detail: c.description, picked: selected.includes(c.id), id: c.id }));
  const create = { label: `$(add) ${vscode.l10n.t('New code…')}`, description: vscode.l10n.t('add a code of your own to the workspace codebook'), alwaysShow: true, picked: false, id: NEW_CODE };
  const picked = await vscode.window.showQuickPick([...items, create], { title, canPickMany: true, matchOnDescription: true, matchOnDetail: true, placeHolder: vscode.l10n.t('Pick one or more codes, or add a new one') });
  if (!picked) return undefined;
  const ids = picked.filter((p) => p.id !== NEW_CODE).map((p) => p.id);
  if (!picked.some((p) => p.id === NEW_CODE)) return ids;
  const added = await createCode(codebook);
  return added ? [...ids, added] : ids.length ? ids : undefined;
}

/** A note typed on one line, or `several` when the user wants an editor for a note of several lines. */
type NoteAnswer = { readonly note: string } | 'several' | undefined;

/** The note input: Enter keeps one line; its button opens a whole editor instead (an input box has one line). */
function askNote(title: string, value = ''): Promise<NoteAnswer> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    const several = { iconPath: new vscode.ThemeIcon('edit'), tooltip: vscode.l10n.t('Write a note of several lines in an editor (saved into the sidecar with Ctrl+S)') };
    box.title = title;
    box.value = value;
    box.prompt = vscode.l10n.t('A note in plain text; for several lines use the button above');
    box.buttons = [several];
    let answer: NoteAnswer;
    box.onDidTriggerButton(() => {
      answer = 'several';
      box.hide();
    });
    box.onDidAccept(() => {
      answer = { note: box.value };
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(answer);
    });
    box.show();
  });
}

/** The annotation under the cursor; a picker when several overlap there. */
export async function annotationUnderCursor(store: AnnotationStore, editor: vscode.TextEditor, id?: string): Promise<Annotation | undefined> {
  const state = await store.get(editor.document);
  if (!state) return undefined;
  if (id) return state.annotations.get(id);
  const here = store.at(state, editor.document.offsetAt(editor.selection.active));
  if (here.length <= 1) return here[0];
  const picked = await vscode.window.showQuickPick(
    here.map((a) => ({ label: a.target.quote.exact.slice(0, 80), description: a.codes.join(', '), detail: a.note, a })),
    { title: vscode.l10n.t('Which annotation?') },
  );
  return picked?.a;
}

/** The theme ids of the provision at a position (pre-selected in the code picker); none when it is unknown. */
export type ProvisionThemes = (document: vscode.TextDocument, position: vscode.Position) => Promise<readonly string[]>;

export function registerAnnotateCommands(store: AnnotationStore, codebook: CodebookService, userName: () => string | undefined, provisionThemes: ProvisionThemes = () => Promise.resolve([])): vscode.Disposable {
  const annotate = withEditor(CommandId.annotateSelection, async (editor, args?: AnnotateArgs) => {
    if (editor.selection.isEmpty) {
      // No selection: the sentence under the cursor, selected so the user sees what is coded.
      const doc = editor.document;
      const sentence = sentenceAt(doc.getText(), doc.offsetAt(editor.selection.active));
      if (!sentence) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: the cursor is not in a sentence (blank line); select the passage to annotate.'));
      editor.selection = new vscode.Selection(doc.positionAt(sentence.start), doc.positionAt(sentence.end));
    }
    await codebook.ensureExists();
    // The provision's own themes start ticked: the usual code is one of them (a failed look-up just ticks none).
    const ticked = args?.codes ? [] : await provisionThemes(editor.document, editor.selection.start).catch(() => []);
    const codes = args?.codes ? [...args.codes] : await pickCodes(codebook, ticked, vscode.l10n.t('Annotate selection: codes'));
    if (!codes || codes.length === 0) return undefined;
    const answer: NoteAnswer = args ? { note: args.note ?? '' } : await askNote(vscode.l10n.t('Annotate selection: note (optional)'));
    if (answer === undefined) return undefined;
    const note = answer === 'several' ? undefined : answer.note || undefined;
    const doc = editor.document;
    const annotation = createAnnotation({ text: doc.getText(), start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end), codes, note, author: author(userName), id: args?.id });
    try {
      await store.put(doc, [annotation]);
      if (answer === 'several') await openNoteEditor(doc.uri, annotation.id);
    } catch (err) {
      return reportError(err);
    }
    return annotation.id;
  });

  const edit = withEditor(CommandId.editAnnotation, async (editor, args?: AnnotateArgs) => {
    const a = await annotationUnderCursor(store, editor, args?.id);
    if (!a) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: no annotation under the cursor.'));
    const codes = args?.codes ? [...args.codes] : await pickCodes(codebook, a.codes, vscode.l10n.t('Edit annotation: codes'));
    if (!codes || codes.length === 0) return undefined;
    const answer: NoteAnswer = args && 'note' in args ? { note: args.note ?? '' } : await askNote(vscode.l10n.t('Edit annotation: note'), a.note ?? '');
    if (answer === undefined) return undefined;
    if (answer === 'several') {
      // The codes now, the note in its editor (it holds the note as it is, line breaks and all).
      try {
        await store.put(editor.document, [{ ...a, codes, modified: new Date().toISOString() }], rangeOf(store, editor.document, a.id));
        await openNoteEditor(editor.document.uri, a.id);
      } catch (err) {
        return reportError(err);
      }
      return a.id;
    }
    const note = answer.note;
    const next: Annotation = { ...a, codes, modified: new Date().toISOString() };
    if (note?.trim()) next.note = note.trim();
    else delete next.note;
    try {
      await store.put(editor.document, [next], rangeOf(store, editor.document, a.id));
    } catch (err) {
      return reportError(err);
    }
    return next.id;
  });

  const remove = withEditor(CommandId.deleteAnnotation, async (editor, args?: { id?: string; confirm?: boolean }) => {
    const a = await annotationUnderCursor(store, editor, args?.id);
    if (!a) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: no annotation under the cursor.'));
    if (args?.confirm !== false) {
      const del = vscode.l10n.t('Delete');
      const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the annotation on "{0}"?', a.target.quote.exact.slice(0, 60)), { modal: true }, del);
      if (ok !== del) return undefined;
    }
    try {
      await store.remove(editor.document, a.id);
    } catch (err) {
      return reportError(err);
    }
    return a.id;
  });
  return vscode.Disposable.from(annotate, edit, remove);
}


/**
 * A command on the active editor. registerTextEditorCommand would not wait for an async callback (nor
 * return its result), so the sidecar could still be unwritten when the command "finished".
 */
export function withEditor<A>(id: string, run: (editor: vscode.TextEditor, args?: A) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (args?: A) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: open a policy document first.'));
    return run(editor, args);
  });
}
