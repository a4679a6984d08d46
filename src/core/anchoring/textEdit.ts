/**
 * One change of a document: replace `[start, end)` with `text`. Offsets are UTF-16 offsets in the document
 * as it is just BEFORE this edit (for a VS Code change: `rangeOffset`, `rangeOffset + rangeLength`, `text`).
 *
 * A batch (`readonly TextEdit[]`, e.g. the `contentChanges` of one VS Code change event) is applied in the
 * order given, each edit against the document as left by the previous ones: the VS Code / LSP semantics.
 * VS Code lists the edits of a multi-cursor change from the end of the document backwards, so each of them
 * is also valid against the original document. To apply simultaneous edits that are all expressed against
 * one original document, pass them sorted by descending `start` (and non-overlapping).
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The text after applying `edits` in order (offsets out of range are clamped; `end < start` is swapped). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of edits) {
    const { start, end } = normaliseEdit(edit, out.length);
    out = out.slice(0, start) + edit.text + out.slice(end);
  }
  return out;
}

/**
 * The same edit with the unchanged head and tail left out: the replaced text and `edit.text` are compared
 * and their common prefix and suffix dropped. For adapters that still have the text before the edit, so
 * that a formatter rewriting a whole region does not orphan the annotations inside it.
 */
export function trimEdit(before: string, edit: TextEdit): TextEdit {
  let { start, end } = normaliseEdit(edit, before.length);
  let text = edit.text;
  let head = 0;
  const maxHead = Math.min(end - start, text.length);
  while (head < maxHead && before.charCodeAt(start + head) === text.charCodeAt(head)) head++;
  start += head;
  text = text.slice(head);
  let tail = 0;
  const maxTail = Math.min(end - start, text.length);
  while (tail < maxTail && before.charCodeAt(end - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  end -= tail;
  text = text.slice(0, text.length - tail);
  return { start, end, text };
}

/** `start <= end`, both integers within `[0, length]`. */
export function normaliseEdit(edit: TextEdit, length: number): { start: number; end: number } {
  let start = clamp(edit.start, length);
  let end = clamp(edit.end, length);
  if (end < start) [start, end] = [end, start];
  return { start, end };
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return offset > 0 ? length : 0;
  return Math.max(0, Math.min(Math.trunc(offset), length));
}
