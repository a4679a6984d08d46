/**
 * The file-system port: everything the core reads or writes goes through this small interface, so the same
 * code runs in the CLI (Node fs), the desktop extension and the web worker (workspace.fs).
 *
 * Locations are opaque strings to the core: file paths for Node, URI strings in the editor. The port joins
 * and splits them, so the core never parses one itself.
 */
export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
  readonly kind: FileKind;
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
}

/** Why a file operation failed, in words the core can act on. Only `not-found` ever means "absent". */
export type FileErrorCode = 'not-found' | 'not-a-file' | 'too-large' | 'permission' | 'read-only' | 'busy' | 'other';

export class FileSystemError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly location: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileSystemError';
  }
}

export interface WriteOptions {
  /** Refuse to write when the target is not writable (read-only sidecar); default true. */
  readonly refuseReadOnly?: boolean;
}

export interface FileSystemPort {
  /** The file's kind and size (following symlinks); undefined only when nothing is there. */
  stat(location: string): Promise<FileStat | undefined>;
  /** The bytes of a file. Callers go through `readBytes`, which checks kind and size first. */
  readFile(location: string): Promise<Uint8Array>;
  /**
   * Replaces a file's content so that readers see the old or the new bytes, never a mix or nothing:
   * a uniquely named temp file in the same folder, flushed, then renamed over the target (through a symlink
   * to its target; mode kept). Creates missing parent folders.
   */
  writeFileAtomic(location: string, bytes: Uint8Array, options?: WriteOptions): Promise<void>;
  /** Names and kinds of a folder's entries; [] when the folder does not exist. */
  readDirectory(location: string): Promise<[string, FileKind][]>;
  /** Runs `work` while holding an exclusive lock on `location` among all writers that use the port. */
  withLock?<T>(location: string, work: () => Promise<T>): Promise<T>;
  join(location: string, ...names: string[]): string;
  dirname(location: string): string;
  basename(location: string): string;
  /** Path of `to` relative to the folder `from`, with '/' separators. */
  relative(from: string, to: string): string;
}
