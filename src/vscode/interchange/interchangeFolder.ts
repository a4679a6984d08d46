import * as vscode from 'vscode';

/** The workspace folder to export from or import into: the given one, the only one, or one picked. */
export async function pickWorkspaceFolder(given: vscode.Uri | undefined, title: string): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: title });
  return picked?.uri;
}

/** Command arguments (tests and other extensions pass them; the palette passes none): a URI when one is given. */
export function uriArg(args: unknown, key: string): vscode.Uri | undefined {
  const v = (args as Record<string, unknown> | undefined)?.[key];
  return v instanceof vscode.Uri ? v : typeof v === 'string' ? vscode.Uri.parse(v) : undefined;
}
