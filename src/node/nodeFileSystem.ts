import { promises as fs } from 'fs';
import * as path from 'path';
import { FileSystemError, type FileErrorCode, type FileKind, type FileStat, type FileSystemPort, type WriteOptions } from '../core/fs/fileSystem';
import { resolveTarget, writeFileAtomic } from './atomicWrite';
import { withFileLock, type LockOptions } from './fileLock';
import { errnoOf, NODE_FS_OPS, type FsOps } from './fsOps';

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
  if (e.code === 'ENOSPC' || e.code === 'EDQUOT') return new FileSystemError('other', location, `${location}: no space left on the device (or over quota); the file was not changed`);
  return new FileSystemError(errorCode(err), location, `${location}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
}

function kindOf(s: { isFile(): boolean; isDirectory(): boolean }): FileKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

export interface NodeFileSystemOptions {
  /** The fs calls used (tests wrap them to record calls and inject faults); default Node's. */
  readonly ops?: FsOps;
  readonly lock?: LockOptions;
}

/** The port over Node's fs: locations are file paths. */
export class NodeFileSystem implements FileSystemPort {
  private readonly ops: FsOps;

  constructor(private readonly options: NodeFileSystemOptions = {}) {
    this.ops = options.ops ?? NODE_FS_OPS;
  }

  async stat(location: string): Promise<FileStat | undefined> {
    try {
      const s = await this.ops.stat(location);
      return { kind: kindOf(s), size: s.size, mtime: s.mtimeMs };
    } catch (err) {
      if (errorCode(err) === 'not-found') return undefined;
      throw toFileSystemError(err, location);
    }
  }

  async readFile(location: string): Promise<Uint8Array> {
    try {
      const buf = await this.ops.readFile(location);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      throw toFileSystemError(err, location);
    }
  }

  async writeFileAtomic(location: string, bytes: Uint8Array, options?: WriteOptions): Promise<void> {
    try {
      await writeFileAtomic(this.ops, location, bytes, options);
    } catch (err) {
      throw toFileSystemError(err, location);
    }
  }

  /** Holds `<target>.lock` beside the file a write lands in (through symlinks), so every path to it shares one lock. */
  async withLock<T>(location: string, work: () => Promise<T>): Promise<T> {
    let target: string;
    try {
      target = await resolveTarget(this.ops, location);
      await this.ops.mkdir(path.dirname(target), { recursive: true });
    } catch (err) {
      throw toFileSystemError(err, location);
    }
    return withFileLock(this.ops, target, work, this.options.lock).catch((err: unknown) => {
      throw errnoOf(err) ? toFileSystemError(err, location) : err;
    });
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
