import type { FileSystemPort } from './fileSystem';
import { readBytes } from './readBytes';

/**
 * What was made of a few files' bytes, kept while each file's size and modification time stay the same: a
 * hover that labels links with passages of other sidecars reads each of them once, then only stats it.
 * Bounded (least recently used first out); a file that is gone or fails to read is never kept.
 */
export class StatKeyedCache<T> {
  private readonly entries = new Map<string, { size: number; mtime: number; value: T }>();

  constructor(private readonly max: number) {}

  /** `make` of the file's bytes (read through readBytes, size-checked); undefined when nothing is there. */
  async get(port: FileSystemPort, location: string, maxBytes: number, make: (bytes: Uint8Array) => T): Promise<T | undefined> {
    const stat = await port.stat(location);
    const kept = this.entries.get(location);
    if (!stat) {
      this.entries.delete(location);
      return undefined;
    }
    if (kept && kept.size === stat.size && kept.mtime === stat.mtime) {
      this.entries.delete(location); // re-inserted: most recently used last
      this.entries.set(location, kept);
      return kept.value;
    }
    const got = await readBytes(port, location, maxBytes);
    if (!got) return undefined;
    const value = make(got.bytes);
    this.entries.delete(location);
    this.entries.set(location, { size: stat.size, mtime: stat.mtime, value });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
