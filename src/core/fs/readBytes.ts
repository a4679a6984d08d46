import { FileSystemError, type FileSystemPort } from './fileSystem';

/** What was read, and how large it was on disk (for a content hash and the size limits). */
export interface ReadBytes {
  readonly bytes: Uint8Array;
  readonly size: number;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * The one reader of bytes. The size limit is applied from `stat` before anything is read, and only a regular
 * file is read (a FIFO would hang, /dev/zero never ends, a folder is no file). Returns undefined only when
 * nothing is there; every other failure is a FileSystemError with a message for the user.
 */
export async function readBytes(port: FileSystemPort, location: string, maxBytes: number): Promise<ReadBytes | undefined> {
  const stat = await port.stat(location);
  if (!stat) return undefined;
  if (stat.kind === 'directory') throw new FileSystemError('not-a-file', location, `${location}: is a directory, not a file`);
  if (stat.kind !== 'file') throw new FileSystemError('not-a-file', location, `${location}: not a regular file`);
  if (stat.size > maxBytes) {
    throw new FileSystemError('too-large', location, `${location}: ${formatSize(stat.size)} is over the limit of ${formatSize(maxBytes)}`);
  }
  const bytes = await port.readFile(location);
  // The file may have grown between stat and read: the limit still holds.
  if (bytes.length > maxBytes) {
    throw new FileSystemError('too-large', location, `${location}: ${formatSize(bytes.length)} is over the limit of ${formatSize(maxBytes)}`);
  }
  return { bytes, size: bytes.length };
}
