import * as path from 'path';
import * as vscode from 'vscode';
import { FileSystemError, type FileErrorCode, type FileKind, type FileStat, type FileSystemPort } from '../core/fs/fileSystem';
import { NodeFileSystem } from '../node/nodeFileSystem';

/** VS Code's file-system error names as the core's codes. */
function codeOf(err: unknown): FileErrorCode {
  switch ((err as { code?: string }).code) {
    case 'FileNotFound':
    case 'EntryNotFound':
      return 'not-found';
    case 'FileIsADirectory':
    case 'EntryIsADirectory':
    case 'FileNotADirectory':
      return 'not-a-file';
    case 'NoPermissions':
      return 'permission';
    case 'Unavailable':
      return 'busy';
    default:
      return 'other';
  }
}

function toError(err: unknown, location: string): FileSystemError {
  if (err instanceof FileSystemError) return err;
  return new FileSystemError(codeOf(err), location, `${vscode.Uri.parse(location).toString(true)}: ${(err as Error).message}`);
}

function kindOf(type: vscode.FileType): FileKind {
  return type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other';
}

/**
 * The port in the editor: locations are URI strings. `file:` URIs go through Node's fs (atomic write:
 * temp, fsync, rename; a lock shared with the CLI); other schemes through workspace.fs, whose writeFile
 * replaces the content directly — never delete-then-rename, which makes the sidecar vanish for a moment.
 * Without a lock there, the protocol compares and retries.
 */
export class WorkspaceFileSystem implements FileSystemPort {
  private readonly node = new NodeFileSystem();

  /** The lock file shared with the CLI for file: URIs; other schemes have none (the protocol's read-back check remains). */
  withLock<T>(location: string, work: () => Promise<T>): Promise<T> {
    const uri = vscode.Uri.parse(location);
    return uri.scheme === 'file' ? this.node.withLock(uri.fsPath, work) : work();
  }

  async stat(location: string): Promise<FileStat | undefined> {
    const uri = vscode.Uri.parse(location);
    if (uri.scheme === 'file') return this.node.stat(uri.fsPath);
    try {
      const s = await vscode.workspace.fs.stat(uri);
      return { kind: kindOf(s.type), size: s.size, mtime: s.mtime };
    } catch (err) {
      if (codeOf(err) === 'not-found') return undefined;
      throw toError(err, location);
    }
  }

  async readFile(location: string): Promise<Uint8Array> {
    const uri = vscode.Uri.parse(location);
    if (uri.scheme === 'file') return this.node.readFile(uri.fsPath);
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      throw toError(err, location);
    }
  }

  async writeFileAtomic(location: string, bytes: Uint8Array): Promise<void> {
    const uri = vscode.Uri.parse(location);
    if (uri.scheme === 'file') return this.node.writeFileAtomic(uri.fsPath, bytes);
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, bytes);
    } catch (err) {
      throw toError(err, location);
    }
  }

  async readDirectory(location: string): Promise<[string, FileKind][]> {
    const uri = vscode.Uri.parse(location);
    if (uri.scheme === 'file') return this.node.readDirectory(uri.fsPath);
    try {
      return (await vscode.workspace.fs.readDirectory(uri)).map(([name, type]) => [name, kindOf(type)]);
    } catch (err) {
      if (codeOf(err) === 'not-found') return [];
      throw toError(err, location);
    }
  }

  join(location: string, ...names: string[]): string {
    return vscode.Uri.joinPath(vscode.Uri.parse(location), ...names).toString();
  }

  dirname(location: string): string {
    return vscode.Uri.joinPath(vscode.Uri.parse(location), '..').toString();
  }

  basename(location: string): string {
    return path.posix.basename(vscode.Uri.parse(location).path);
  }

  relative(from: string, to: string): string {
    return path.posix.relative(vscode.Uri.parse(from).path, vscode.Uri.parse(to).path);
  }
}
