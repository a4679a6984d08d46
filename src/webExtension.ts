// The web entry (package.json "browser"; vscode.dev, github.dev): runs in a web worker, so no Node at all.
// Workspace files go through workspace.fs; the bundled knowledge pack is compiled into this bundle
// (scripts/build.js), because the extension's own folder is served over http(s), which can be fetched file
// by file but not listed. The account name is unknown here: policyLens.author names the annotator.
import type * as vscode from 'vscode';
import bundledPack from 'policy-lens:bundled-pack';
import { MemoryFileSystem } from './core/fs/memoryFileSystem';
import { activatePolicyLens, packUri, type PolicyLensApi } from './vscode/activate';
import { WorkspaceFileSystem } from './vscode/workspaceFileSystem';

export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  return activatePolicyLens(context, {
    fileSystem: new WorkspaceFileSystem(),
    packFileSystem: new MemoryFileSystem(packUri(context).toString(), bundledPack),
    userName: () => undefined,
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
