import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { reportError } from '../errors';
import { rangeOf } from './annotationRanges';
import type { AnnotationStore } from './annotationStore';

/**
 * A note of several lines, edited as a document: `policy-lens-note:/<annotation id>.md?<document URI>`
 * opens the annotation's note in an editor tab (Markdown, so lists and paragraphs read well), and saving
 * it (Ctrl+S) writes the note into the sidecar through the store, as Edit Annotation does. The note is
 * plain text to Policy Lens: the hover shows it escaped.
 */
export const NOTE_SCHEME = 'policy-lens-note';

export function noteUri(document: vscode.Uri, annotationId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: NOTE_SCHEME, path: `/${annotationId}.md`, query: document.toString() });
}

function parts(uri: vscode.Uri): { document: vscode.Uri; id: string } {
  const id = /^\/(a-[A-Za-z0-9_-]+)\.md$/.exec(uri.path)?.[1];
  if (!id || !uri.query) throw vscode.FileSystemError.FileNotFound(uri);
  return { document: vscode.Uri.parse(uri.query), id };
}

class NoteFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly store: AnnotationStore) {}

  private annotation(uri: vscode.Uri) {
    const { document, id } = parts(uri);
    const a = this.store.peek(document)?.annotations.get(id);
    if (!a) throw vscode.FileSystemError.FileNotFound(uri);
    return { document, a };
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const { a } = this.annotation(uri);
    const time = Date.parse(a.modified ?? a.created) || 0;
    return { type: vscode.FileType.File, ctime: Date.parse(a.created) || 0, mtime: time, size: new TextEncoder().encode(a.note ?? '').length };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return new TextEncoder().encode(this.annotation(uri).a.note ?? '');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { document, a } = this.annotation(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.toString()) ?? (await vscode.workspace.openTextDocument(document));
    const note = new TextDecoder().decode(content).replace(/\r\n?/g, '\n').trim();
    const next = { ...a, modified: new Date().toISOString() };
    if (note) next.note = note;
    else delete next.note;
    await this.store.put(doc, [next], rangeOf(this.store, doc, a.id));
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** Opens the note of an annotation of `document` in an editor beside it. */
export async function openNoteEditor(document: vscode.Uri, annotationId: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(noteUri(document, annotationId));
  const md = doc.languageId === 'markdown' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  return vscode.window.showTextDocument(md, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

export function registerNoteEditor(store: AnnotationStore, annotationUnderCursor: (editor: vscode.TextEditor, id?: string) => Promise<{ id: string } | undefined>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerFileSystemProvider(NOTE_SCHEME, new NoteFileSystem(store), { isCaseSensitive: true }),
    vscode.commands.registerCommand(CommandId.editNote, async (args?: { id?: string }) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: open a policy document first.'));
      const a = await annotationUnderCursor(editor, args?.id);
      if (!a) return void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: no annotation under the cursor.'));
      try {
        return await openNoteEditor(editor.document.uri, a.id);
      } catch (err) {
        return reportError(err);
      }
    }),
  );
}
