import { promises as fs } from 'fs';
import * as path from 'path';
import { FileSystemError, type FileErrorCode, type FileKind, type FileStat, type FileSystemPort, type WriteOptions } from '../core/fs/fileSystem';

function errorCode(err: unknown): FileErrorCode {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'not-found';
    case 'EISDIR':
      return 'not-a-file';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'EROFS':
      return 'read-only';
    case 'EBUSY':
      return 'busy';
    default:
      return 'other';
  }
}

/** Node errors as FileSystemErrors, with the path and the system's reason in the message. */
export function toFileSystemError(err: unknown, location: string): FileSystemError {
  if (err instanceof FileSystemError) return err;
  const e = err as NodeJS.ErrnoException;
  return new FileSystemError(errorCode(err), location, `${location}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
}

function kindOf(s: { isFile(): boolean; isDirectory(): boolean }): FileKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

/** The port over Node's fs: locations are file paths. */
export class NodeFileSystem implements FileSystemPort {
  async stat(location: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(location);
      return { kind: kindOf(s), size: s.size, mtime: s.mtimeMs };
    } catch (err) {
      if (errorCode(err) === 'not-found') return undefined;
      throw toFileSystemError(err, location);
    }
  }

  async readFile(location: string): Promise<Uint8Array> {
    try {
      const buf = await fs.readFile(location);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      throw toFileSystemError(err, location);
    }
  }

  writeFileAtomic(location: string, _bytes: Uint8Array, _options?: WriteOptions): Promise<void> {
    // Implemented by the persistence work (temp + fsync + rename, mode kept, symlinks followed).
    return Promise.reject(new FileSystemError('other', location, 'writeFileAtomic: not implemented yet'));
  }

  async readDirectory(location: string): Promise<[string, FileKind][]> {
    try {
      const entries = await fs.readdir(location, { withFileTypes: true });
      return entries.map((e) => [e.name, kindOf(e)]);
    } catch (err) {
      if (errorCode(err) === 'not-found') return [];
      throw toFileSystemError(err, location);
    }
  }

  join(location: string, ...names: string[]): string {
    return path.join(location, ...names);
  }

  dirname(location: string): string {
    return path.dirname(location);
  }

  basename(location: string): string {
    return path.basename(location);
  }

  relative(from: string, to: string): string {
    return path.relative(from, to).split(path.sep).join('/');
  }
}
