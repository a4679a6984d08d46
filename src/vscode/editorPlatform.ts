import type { FileSystemPort } from '../core/fs/fileSystem';

/**
 * What differs between the desktop extension host (Node) and the web worker (vscode.dev, github.dev): each
 * entry (src/extension.ts, src/webExtension.ts) makes one, and the features take what they need from it, so
 * nothing under src/vscode/ imports Node.
 */
export interface EditorPlatform {
  /** Workspace files, by URI string (desktop: Node's fs for file: URIs, with atomic writes and the CLI's lock). */
  readonly fileSystem: FileSystemPort;
  /** The bundled knowledge pack (`annotations/` of the extension), by URI string under the pack's URI. */
  readonly packFileSystem: FileSystemPort;
  /** The account name recorded on new annotations when policyLens.author is empty; undefined when unknown. */
  readonly userName: () => string | undefined;
}
