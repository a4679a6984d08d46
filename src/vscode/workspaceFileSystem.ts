import * as vscode from 'vscode';
import { FileSystemError, type FileErrorCode, type FileKind, type FileStat, type FileSystemPort, type WriteOptions } from '../core/fs/fileSystem';
import { posixBasename, posixRelative } from '../core/fs/posixPath';

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
 * The port in the editor: locations are URI strings, read and written through workspace.fs, whose writeFile
 * replaces the content directly — never delete-then-rename, which makes the sidecar vanish for a moment.
 * Without a lock there, the protocol compares and retries.
 *
 * This file imports nothing of Node: the web entry uses it as it is. The desktop entry passes a port over
 * file paths (Node's fs: atomic write — temp, fsync, rename — and a lock shared with the CLI), which then
 * serves every `file:` URI.
 */
export class WorkspaceFileSystem implements FileSystemPort {
  /** @param files the port for `file:` URIs, given their file paths (desktop only). */
  constructor(private readonly files?: FileSystemPort) {}

  /** The lock file shared with the CLI for file: URIs; other schemes have none (the protocol's read-back check remains). */
  withLock<T>(location: string, work: () => Promise<T>): Promise<T> {
    const local = this.local(location);
    return local?.port.withLock ? local.port.withLock(local.path, work) : work();
  }

  /** The desktop port and the file path, for a file: URI when there is one. */
  private local(location: string): { port: FileSystemPort; path: string } | undefined {
    if (!this.files) return undefined;
    const uri = vscode.Uri.parse(location);
    return uri.scheme === 'file' ? { port: this.files, path: uri.fsPath } : undefined;
  }

  async stat(location: string): Promise<FileStat | undefined> {
    const local = this.local(location);
    if (local) return local.port.stat(local.path);
    const uri = vscode.Uri.parse(location);
    try {
      const s = await vscode.workspace.fs.stat(uri);
      return { kind: kindOf(s.type), size: s.size, mtime: s.mtime };
    } catch (err) {
      if (codeOf(err) === 'not-found') return undefined;
      throw toError(err, location);
    }
  }

  async readFile(location: string): Promise<Uint8Array> {
    const local = this.local(location);
    if (local) return local.port.readFile(local.path);
    const uri = vscode.Uri.parse(location);
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      throw toError(err, location);
    }
  }

  async writeFileAtomic(location: string, bytes: Uint8Array, options?: WriteOptions): Promise<void> {
    const local = this.local(location);
    if (local) return local.port.writeFileAtomic(local.path, bytes, options);
    const uri = vscode.Uri.parse(location);
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, bytes);
    } catch (err) {
      throw toError(err, location);
    }
  }

  async readDirectory(location: string): Promise<[string, FileKind][]> {
    const local = this.local(location);
    if (local) return local.port.readDirectory(local.path);
    const uri = vscode.Uri.parse(location);
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
    return posixBasename(vscode.Uri.parse(location).path);
  }

  relative(from: string, to: string): string {
    return posixRelative(vscode.Uri.parse(from).path, vscode.Uri.parse(to).path);
  }
}
