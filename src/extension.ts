// The desktop entry (package.json "main"): Node's fs for file: URIs — atomic writes and the lock shared with
// the CLI — and the account name from the OS. Everything else is shared with the web entry (src/webExtension.ts).
import * as os from 'os';
import type * as vscode from 'vscode';
import { NodeFileSystem } from './node/nodeFileSystem';
import { registerGitMergeDriver } from './desktop/gitMergeDriver';
import { activatePolicyLens, type PolicyLensApi } from './vscode/activate';
import { WorkspaceFileSystem } from './vscode/workspaceFileSystem';

export type { PolicyLensApi } from './vscode/activate';

export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  const fileSystem = new WorkspaceFileSystem(new NodeFileSystem());
  const api = activatePolicyLens(context, { fileSystem, packFileSystem: fileSystem, userName });
  // Desktop only: it runs git (kept out of the web entry).
  context.subscriptions.push(registerGitMergeDriver(context));
  return api;
}

function userName(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
