import * as vscode from 'vscode';
import { FileSystemError, type FileKind, type FileStat, type FileSystemPort } from '../core/fs/fileSystem';

function kindOf(type: vscode.FileType): FileKind {
  // A symlink's type has the SymbolicLink bit plus its target's kind.
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

function isNotFound(err: unknown): boolean {
  return err instanceof vscode.FileSystemError && err.code === 'FileNotFound';
}

function toError(err: unknown, location: string): FileSystemError {
  if (err instanceof FileSystemError) return err;
  const code = err instanceof vscode.FileSystemError ? err.code : '';
  const mapped = code === 'FileNotFound' ? 'not-found' : code === 'FileIsADirectory' ? 'not-a-file' : code === 'NoPermissions' ? 'permission' : 'other';
  return new FileSystemError(mapped, location, `${location}: ${(err as Error).message}`);
}

/**
 * A read-only file-system port over workspace.fs, for reading knowledge packs (desktop, remote and web alike).
 * Locations are URI strings. Writing is refused: nothing writes to a pack through this port.
 * (A general workspace.fs port may replace it; it has no state of its own.)
 */
export class PackFileSystem implements FileSystemPort {
  async stat(location: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(vscode.Uri.parse(location));
      return { kind: kindOf(s.type), size: s.size, mtime: s.mtime };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toError(err, location);
    }
  }

  async readFile(location: string): Promise<Uint8Array> {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.parse(location));
    } catch (err) {
      throw toError(err, location);
    }
  }

  writeFileAtomic(location: string): Promise<void> {
    return Promise.reject(new FileSystemError('read-only', location, `${location}: knowledge packs are read, never written, here`));
  }

  async readDirectory(location: string): Promise<[string, FileKind][]> {
    try {
      return (await vscode.workspace.fs.readDirectory(vscode.Uri.parse(location))).map(([name, type]) => [name, kindOf(type)]);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw toError(err, location);
    }
  }

  join(location: string, ...names: string[]): string {
    return vscode.Uri.joinPath(vscode.Uri.parse(location), ...names).toString();
  }

  dirname(location: string): string {
    const uri = vscode.Uri.parse(location);
    const parent = uri.path.replace(/\/[^/]*\/?$/, '') || '/';
    return uri.with({ path: parent }).toString();
  }

  basename(location: string): string {
    return vscode.Uri.parse(location).path.split('/').filter(Boolean).pop() ?? '';
  }

  relative(from: string, to: string): string {
    const a = vscode.Uri.parse(from).path.split('/').filter(Boolean);
    const b = vscode.Uri.parse(to).path.split('/').filter(Boolean);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
  }
}
