/**
 * An editor captured before an await or a debounce timer may be closed by the time work resumes; setting
 * decorations on it then logs "Illegal argument: TextEditor(…)" and does nothing. Free of `vscode` (the
 * list of visible editors is passed in) so plain Node tests hold the rule.
 */
export function whileVisible<E>(editor: E, visible: () => readonly E[], apply: (editor: E) => void): boolean {
  if (!visible().includes(editor)) return false;
  apply(editor);
  return true;
}
