import { FileSystemError, type FileKind, type FileStat, type FileSystemPort } from './fileSystem';
import { posixBasename, posixRelative, trimSlashes } from './posixPath';

/**
 * A read-only port over files held in memory under one root location (a URI string or a path): the web
 * entry serves the knowledge pack compiled into its bundle this way, because a web extension's own folder
 * can be fetched file by file but not listed. Locations are `root/relative/path`, joined with '/'.
 */
export class MemoryFileSystem implements FileSystemPort {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Map<string, Map<string, FileKind>>();

  /** @param files relative path ('/'-separated) → content */
  constructor(
    root: string,
    files: Readonly<Record<string, string | Uint8Array>>,
  ) {
    this.folders.set(root, new Map());
    for (const [relative, content] of Object.entries(files)) {
      const location = this.join(root, relative);
      this.files.set(location, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      // Every folder on the way is listed in its parent.
      let child = location;
      let kind: FileKind = 'file';
      while (child !== root && child.startsWith(`${root}/`)) {
        const parent = this.dirname(child);
        let entries = this.folders.get(parent);
        if (!entries) this.folders.set(parent, (entries = new Map<string, FileKind>()));
        entries.set(this.basename(child), kind);
        child = parent;
        kind = 'directory';
      }
    }
  }

  async stat(location: string): Promise<FileStat | undefined> {
    const bytes = this.files.get(location);
    if (bytes) return { kind: 'file', size: bytes.byteLength, mtime: 0 };
    return this.folders.has(location) ? { kind: 'directory', size: 0, mtime: 0 } : undefined;
  }

  async readFile(location: string): Promise<Uint8Array> {
    const bytes = this.files.get(location);
    if (bytes) return bytes;
    throw new FileSystemError(this.folders.has(location) ? 'not-a-file' : 'not-found', location, `${location}: ${this.folders.has(location) ? 'a folder' : 'no such file'}`);
  }

  async writeFileAtomic(location: string): Promise<void> {
    throw new FileSystemError('read-only', location, `${location}: part of the extension, read-only`);
  }

  async readDirectory(location: string): Promise<[string, FileKind][]> {
    return [...(this.folders.get(location) ?? [])];
  }

  join(location: string, ...names: string[]): string {
    // One '/' between parts; the root's own `scheme://` is left alone.
    return names.reduce((joined, name) => `${trimSlashes(joined, 'end')}/${trimSlashes(name, 'start')}`, location);
  }

  dirname(location: string): string {
    const at = location.lastIndexOf('/');
    return at < 0 ? location : location.slice(0, at);
  }

  basename(location: string): string {
    return posixBasename(location);
  }

  relative(from: string, to: string): string {
    return posixRelative(from, to);
  }
}
