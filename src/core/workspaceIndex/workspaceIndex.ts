import { FileSystemError, type FileSystemPort } from '../fs/fileSystem';
import { readBytes } from '../fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../limits';
import { anchorOnDisk } from './anchorStatus';
import type { IndexedAnnotation, SidecarEntry, SidecarLayout } from './model';
import { LazySidecar, LightIndexed, sameAsScanned } from './lazySidecar';
import { lightScan, type LightAnnotation } from './lightScan';
import { readForIndex, type IndexRead } from './readForIndex';

export interface WorkspaceIndexOptions {
  /** Larger sidecars are not read (policyLens.sidecarMaxBytes). */
  readonly maxBytes?: number;
  /** Files read at once while building (I/O overlaps; parsing stays on one thread). */
  readonly concurrency?: number;
  /** How a location is named in problems. */
  readonly display?: (location: string) => string;
  /** Check every annotation against its document on disk once the index is built (orphans); default true. */
  readonly anchor?: boolean;
}

export interface Subscription {
  dispose(): void;
}

/** Per location: the read running now, and whether another must follow it (events coalesce into one). */
interface Chain {
  running: Promise<void>;
  again: boolean;
}

/**
 * Every sidecar of a workspace, read through the port with the one bounded reader and the sidecar fast
 * reader (anything outside it through parseSidecar, as the editor loads it: readForIndex.ts). Built on the first
 * `ready()` (when the view opens), then kept up to date from file events: each event re-reads that one
 * sidecar as it is now, so the order events arrive in (deleted before changed, a change of a half-written
 * file, a rename as delete + create) does not matter — the last read wins and it reads the file last.
 * Reads of one location never overlap, and events that arrive while a read runs coalesce into one more.
 * Orphans: once built, each document is read and its annotations are checked (anchorStatus.ts).
 * Lazily: a sidecar as Policy Lens writes it is only scanned for what the first level shows (ids, codes,
 * authors, start offsets: lightScan.ts) and read in full when one of its annotations is first used in full
 * (lazySidecar.ts); should that read differ from the scan, the full read replaces the entry and is reported.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, SidecarEntry>();
  private readonly chains = new Map<string, Chain>();
  /** Sidecars only scanned so far (lightScan.ts), read in full on first use. */
  private readonly lazies = new Map<string, LazySidecar>();
  private readonly listeners = new Set<(sidecars: readonly string[]) => void>();
  private readonly maxBytes: number;
  private readonly concurrency: number;
  private readonly display: (location: string) => string;
  private readonly anchor: boolean;
  private built: Promise<void> | undefined;
  private isBuilt = false;
  private anchoring: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly port: FileSystemPort,
    private readonly layout: SidecarLayout,
    options: WorkspaceIndexOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_SIDECAR_MAX_BYTES;
    this.concurrency = Math.max(1, options.concurrency ?? 16);
    this.display = options.display ?? ((l) => l);
    this.anchor = options.anchor ?? true;
  }

  /** Builds the index on first call; later calls wait for the same build. */
  ready(): Promise<void> {
    this.built ??= this.build();
    return this.built;
  }

  get started(): boolean {
    return this.built !== undefined;
  }

  get complete(): boolean {
    return this.isBuilt;
  }

  /** Resolves when every document has been checked for orphans (after the build and after later events). */
  async anchored(): Promise<void> {
    await this.ready();
    let seen: Promise<void>;
    do {
      seen = this.anchoring;
      await seen;
    } while (seen !== this.anchoring);
  }

  onDidChange(listener: (sidecars: readonly string[]) => void): Subscription {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  sidecars(): SidecarEntry[] {
    return [...this.entries.values()];
  }

  entry(sidecar: string): SidecarEntry | undefined {
    return this.entries.get(sidecar);
  }

  /** The sidecars that annotate a document (normally one). */
  forDocument(document: string): SidecarEntry[] {
    return this.sidecars().filter((e) => e.document === document);
  }

  annotations(): IndexedAnnotation[] {
    const out: IndexedAnnotation[] = [];
    for (const e of this.entries.values()) for (const a of e.annotations) out.push(a);
    return out;
  }

  /**
   * A file event (created, changed or deleted: all the same here): the sidecar is read again as it is now.
   * Before the index is built nothing is read (the build will read it); resolves once applied.
   */
  fileChanged(location: string): Promise<void> {
    if (this.disposed || !this.started || !this.layout.isSidecar(location)) return Promise.resolve();
    return this.enqueue(location).then(() => this.settled(location));
  }

  /** A document changed on disk: its sidecars' annotations are checked again. */
  async documentChanged(location: string): Promise<void> {
    if (!this.anchor || !this.isBuilt) return;
    const affected = this.forDocument(location).map((e) => e.sidecar);
    for (const s of affected) await this.anchorOne(s);
    if (affected.length) this.fire(affected);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private async build(): Promise<void> {
    const listed = [...new Set(await this.layout.list())].filter((l) => this.layout.isSidecar(l));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < listed.length && !this.disposed) await this.enqueue(listed[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, listed.length) }, worker));
    this.isBuilt = true;
    this.fire([...this.entries.keys()]);
    if (this.anchor) this.anchoring = this.anchoring.then(() => this.anchorAll());
  }

  /** The read of `location`, after the one running there (if any); reads queued meanwhile coalesce. */
  private enqueue(location: string): Promise<void> {
    const chain = this.chains.get(location);
    if (chain) {
      chain.again = true;
      return chain.running;
    }
    const fresh: Chain = { running: Promise.resolve(), again: false };
    const loop = async (): Promise<void> => {
      do {
        fresh.again = false;
        await this.read(location);
      } while (fresh.again && !this.disposed);
    };
    fresh.running = loop().finally(() => this.chains.delete(location));
    this.chains.set(location, fresh);
    return fresh.running;
  }

  /** After an event's read: anchored (when built) and reported. */
  private async settled(location: string): Promise<void> {
    if (!this.isBuilt || this.disposed) return;
    if (this.anchor && this.entries.has(location)) {
      const run = this.anchoring.then(() => this.anchorOne(location));
      this.anchoring = run;
      await run;
    }
    this.fire([location]);
  }

  private async read(location: string): Promise<void> {
    this.lazies.delete(location);
    let got: Awaited<ReturnType<typeof readBytes>>;
    try {
      got = await readBytes(this.port, location, this.maxBytes);
    } catch (err) {
      const message = err instanceof FileSystemError ? err.message : `${this.display(location)}: ${(err as Error).message}`;
      this.entries.set(location, { sidecar: location, document: this.layout.documentOf(location), annotations: [], problemCount: 1, readOnly: true, error: message });
      return;
    }
    if (!got) {
      this.entries.delete(location);
      return;
    }
    const display = this.display(location);
    const document = this.layout.documentOf(location);
    const previous = this.entries.get(location);
    // The last check is shown until the one that follows this read (settled) replaces it.
    const status = previous?.status && previous.document === document ? previous.status : undefined;
    if (got.bytes.length <= this.maxBytes) {
      // The scan makes the entry's annotations itself (one object each); the full read comes on first use.
      const lazy: LazySidecar = new LazySidecar(display, got.bytes, this.maxBytes, (full) => this.readInFull(location, lazy, scanned!, full));
      const scanned = lightScan(got.bytes, (id, codes, author, start) => new LightIndexed(location, document, id, codes, author, start, lazy));
      if (scanned) {
        this.lazies.set(location, lazy);
        this.entries.set(location, { sidecar: location, document, annotations: scanned, problemCount: 0, readOnly: false, status });
        return;
      }
    }
    const parsed = readForIndex(display, got.bytes, this.maxBytes);
    this.entries.set(location, this.fullEntry(location, document, parsed, status));
  }

  private fullEntry(location: string, document: string, parsed: IndexRead, status: SidecarEntry['status']): SidecarEntry {
    const annotations = parsed.annotations.map((annotation) => ({ annotation, sidecar: location, document }));
    return { sidecar: location, document, annotations, problemCount: parsed.problemCount, readOnly: parsed.readOnly, status };
  }

  /** A scanned sidecar read in full: when the read differs from the scan, it replaces the entry (and is reported). */
  private readInFull(location: string, lazy: LazySidecar, scanned: readonly LightAnnotation[], full: IndexRead): void {
    if (this.lazies.get(location) !== lazy) return;
    this.lazies.delete(location);
    if (sameAsScanned(scanned, full)) return;
    const e = this.entries.get(location);
    if (!e) return;
    this.entries.set(location, this.fullEntry(location, e.document, full, e.status));
    // Reported after the work that asked for the annotation (a tree being drawn) is done.
    queueMicrotask(() => this.fire([location]));
  }

  private async anchorAll(): Promise<void> {
    const batch: string[] = [];
    for (const sidecar of [...this.entries.keys()]) {
      if (this.disposed) return;
      await this.anchorOne(sidecar);
      batch.push(sidecar);
      if (batch.length >= 50) this.fire(batch.splice(0));
    }
    if (batch.length) this.fire(batch);
  }

  private async anchorOne(sidecar: string): Promise<void> {
    this.lazies.get(sidecar)?.read(); // read in full first: that read may replace the entry
    const e = this.entries.get(sidecar);
    if (!e || e.error) return;
    const status = await anchorOnDisk(this.port, e.document, e.annotations.map((a) => a.annotation));
    // A newer read replaced the entry meanwhile: its own check follows.
    if (this.entries.get(sidecar) === e) this.entries.set(sidecar, { ...e, status });
  }

  private fire(sidecars: readonly string[]): void {
    if (this.disposed) return;
    for (const l of [...this.listeners]) l(sidecars);
  }
}
