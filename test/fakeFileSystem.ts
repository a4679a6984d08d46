import { FileSystemError, type FileErrorCode, type FileKind, type FileStat, type FileSystemPort } from '../src/core/fs/fileSystem';

/** One operation of the port, as the fake's hooks see it. */
export type FakeOperation = 'stat' | 'readFile' | 'writeFileAtomic' | 'readDirectory' | 'lock';

/** A watcher event, as an editor's file watcher reports it. */
export interface FakeEvent {
  readonly type: 'created' | 'changed' | 'deleted';
  readonly location: string;
}

export interface FakeEntry {
  bytes?: Uint8Array;
  /** 'other': a FIFO or device. */
  kind: FileKind;
  /** The size stat reports (a sparse or huge file), when not the bytes' length. */
  size?: number;
  /** The modification time stat reports (0 unless set). */
  mtime?: number;
}

/** Shared by every FakeFileSystem made on it: the files, the lock holders, the log of writes and events. */
export class FakeDisk {
  readonly files = new Map<string, FakeEntry>();
  /** Every completed write: who wrote, the bytes before (undefined: no file) and after. */
  readonly writes: { writer: string; location: string; before: Uint8Array | undefined; after: Uint8Array }[] = [];
  private readonly lockTails = new Map<string, Promise<void>>();
  private readonly listeners: ((e: FakeEvent) => void)[] = [];

  put(location: string, content: string | Uint8Array): void {
    this.files.set(location, { kind: 'file', bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content });
  }

  text(location: string): string | undefined {
    const bytes = this.files.get(location)?.bytes;
    return bytes && new TextDecoder().decode(bytes);
  }

  /** Events in the worst order a watcher produces for a replaced file: deleted first, then created, then changed twice, late. */
  watch(listener: (e: FakeEvent) => void): void {
    this.listeners.push(listener);
  }

  emitReplaced(location: string): void {
    const order: FakeEvent['type'][] = ['deleted', 'created', 'changed', 'changed'];
    setTimeout(() => order.forEach((type) => this.listeners.forEach((l) => l({ type, location }))), 1);
  }

  /** An in-memory mutex per location (the stand-in for the Node adapter's lock file). */
  async lock<T>(location: string, work: () => Promise<T>): Promise<T> {
    const previous = this.lockTails.get(location) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.lockTails.set(location, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.lockTails.get(location) === tail) this.lockTails.delete(location);
    }
  }
}

export interface FakeOptions {
  /** Name of this writer in the disk's write log. */
  readonly writer?: string;
  /** Whether the port offers withLock (default true); without, the protocol compares and retries. */
  readonly lock?: boolean;
  /**
   * Runs before each operation (and may change the disk, or throw a fault). `gate` lets a test order
   * operations of several writers (e.g. fast-check's scheduler).
   */
  readonly before?: (op: FakeOperation, location: string) => Promise<void> | void;
  /** Runs after a write landed (another writer right after ours, a crash). */
  readonly afterWrite?: (location: string) => Promise<void> | void;
  /** Fails a write with this errno-like code before anything changes (ENOSPC mid-write: the temp is lost, the file kept). */
  readonly failWrite?: (location: string) => FileErrorCode | 'ENOSPC' | undefined;
  /** Fails a read (stat and readFile) with this code. */
  readonly failRead?: (location: string) => FileErrorCode | undefined;
}

/** A FileSystemPort in memory, locations '/'-separated paths, with hooks to reorder operations and inject faults. */
export class FakeFileSystem implements FileSystemPort {
  readonly withLock?: <T>(location: string, work: () => Promise<T>) => Promise<T>;
  readonly calls: { op: FakeOperation; location: string }[] = [];

  constructor(
    readonly disk: FakeDisk,
    private readonly options: FakeOptions = {},
  ) {
    if (options.lock !== false) {
      this.withLock = async <T>(location: string, work: () => Promise<T>): Promise<T> => {
        await this.step('lock', location);
        return disk.lock(location, work);
      };
    }
  }

  private async step(op: FakeOperation, location: string): Promise<void> {
    this.calls.push({ op, location });
    await this.options.before?.(op, location);
  }

  private failRead(location: string): void {
    const code = this.options.failRead?.(location);
    if (code) throw new FileSystemError(code, location, `${location}: injected ${code}`);
  }

  async stat(location: string): Promise<FileStat | undefined> {
    await this.step('stat', location);
    this.failRead(location);
    const e = this.disk.files.get(location);
    if (!e) return undefined;
    return { kind: e.kind, size: e.size ?? e.bytes?.length ?? 0, mtime: e.mtime ?? 0 };
  }

  async readFile(location: string): Promise<Uint8Array> {
    await this.step('readFile', location);
    this.failRead(location);
    const e = this.disk.files.get(location);
    if (!e) throw new FileSystemError('not-found', location, `${location}: no such file`);
    if (e.kind !== 'file' || !e.bytes) throw new FileSystemError('not-a-file', location, `${location}: not a file`);
    return e.bytes.slice();
  }

  async writeFileAtomic(location: string, bytes: Uint8Array): Promise<void> {
    await this.step('writeFileAtomic', location);
    const fault = this.options.failWrite?.(location);
    if (fault) throw new FileSystemError(fault === 'ENOSPC' ? 'other' : fault, location, `${location}: injected ${fault}; the file was not changed`);
    const before = this.disk.files.get(location);
    if (before && before.kind !== 'file') throw new FileSystemError('not-a-file', location, `${location}: not a file`);
    this.disk.files.set(location, { kind: 'file', bytes: bytes.slice() });
    this.disk.writes.push({ writer: this.options.writer ?? '', location, before: before?.bytes, after: bytes.slice() });
    this.disk.emitReplaced(location);
    await this.options.afterWrite?.(location);
  }

  async readDirectory(location: string): Promise<[string, FileKind][]> {
    await this.step('readDirectory', location);
    const prefix = location.endsWith('/') ? location : `${location}/`;
    const out: [string, FileKind][] = [];
    for (const [p, e] of this.disk.files) if (p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) out.push([p.slice(prefix.length), e.kind]);
    return out;
  }

  join(location: string, ...names: string[]): string {
    return [location, ...names].join('/').replace(/\/+/g, '/');
  }

  dirname(location: string): string {
    const i = location.lastIndexOf('/');
    return i <= 0 ? '/' : location.slice(0, i);
  }

  basename(location: string): string {
    return location.slice(location.lastIndexOf('/') + 1);
  }

  relative(from: string, to: string): string {
    return to.startsWith(`${from}/`) ? to.slice(from.length + 1) : to;
  }
}
