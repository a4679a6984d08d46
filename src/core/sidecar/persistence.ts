import { formatProblem, type Problem } from '../data/problem';
import type { FileSystemPort } from '../fs/fileSystem';
import { readBytes } from '../fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../limits';
import { contentHash } from './contentHash';
import { decodeSidecarBytes } from './decode';
import { documentFieldFor } from './fieldChecks';
import type { MergeConflict } from './merge';
import type { Annotation } from './model';
import { OwnWrites } from './ownWrites';
import { parseSidecar } from './parse';
import { buildSidecarText, SidecarWriteRefused } from './sidecarText';

export { SidecarWriteRefused } from './sidecarText';

/** What was last read or written. */
export interface SidecarState {
  readonly exists: boolean;
  /** The decoded text (for in-place edits by updateSidecarText). */
  readonly text: string | undefined;
  /** contentHash of the bytes (FNV-1a 64, hex). */
  readonly hash: string | undefined;
  readonly annotations: readonly Annotation[];
  readonly problems: readonly Problem[];
  /** The file has errors: it is never overwritten. */
  readonly readOnly: boolean;
  /** The sidecar's `document:` field as written, when its top level loaded (checked against where it sits). */
  readonly documentField?: string;
}

export interface WriteRequest {
  /** The sidecar's location (port-specific string). */
  readonly sidecar: string;
  /** The sidecar's `document:` field: the document's path relative to the sidecar. */
  readonly documentName: string;
  /** What the caller last read or wrote. */
  readonly base: SidecarState;
  /** The annotations the caller wants written. */
  readonly annotations: readonly Annotation[];
  /** Ids the user deleted since `base`: only these may disappear from the file. */
  readonly deleted?: ReadonlySet<string>;
  readonly documentLength?: number;
}

export interface WriteResult {
  readonly state: SidecarState;
  /** The file had changed since `base` and was merged. */
  readonly merged: boolean;
  readonly conflicts: readonly MergeConflict[];
}

export const EMPTY_SIDECAR_STATE: SidecarState = Object.freeze({ exists: false, text: undefined, hash: undefined, annotations: [], problems: [], readOnly: false });

export interface SidecarPersistenceOptions {
  /** Larger sidecars are not read (and not written); default DEFAULT_SIDECAR_MAX_BYTES. */
  readonly maxBytes?: number;
  /** How a location is named in problems and messages. */
  readonly display?: (location: string) => string;
  /** The sidecar's folder relative to its workspace folder (undefined outside one): links may not leave it. */
  readonly sidecarFolder?: (location: string) => string | undefined;
  /** Writes retried when someone else's bytes are found after ours (compare-and-retry); default 8. */
  readonly maxAttempts?: number;
}

/**
 * The one sidecar persistence protocol, for the editor and the CLI. Reads bytes (size checked by stat
 * first; only "not found" is "no sidecar"); remembers what it read by content hash; before every write
 * re-reads the file under the port's lock and merges by id when it changed, so a stale state is never
 * written; validates the text before writing and reads the write back.
 *
 * Without a lock (workspace.fs of a non-file scheme) the read-back catches a writer that wrote between our
 * re-read and our read-back; one that re-read before our write and writes after our read-back is not seen,
 * and its write wins (the property test shows it): file: URIs, the CLI's and the desktop editor's, are locked.
 */
export class SidecarPersistence {
  private readonly maxBytes: number;
  private readonly display: (location: string) => string;
  private readonly maxAttempts: number;
  private readonly sidecarFolder: (location: string) => string | undefined;
  private readonly own = new OwnWrites();
  /** Writes of this instance, one at a time per sidecar. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly port: FileSystemPort,
    options: SidecarPersistenceOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_SIDECAR_MAX_BYTES;
    this.display = options.display ?? ((l) => l);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.sidecarFolder = options.sidecarFolder ?? (() => undefined);
  }

  /** Not found → EMPTY_SIDECAR_STATE; every other failure (permission, directory, too large, FIFO) → FileSystemError. */
  async read(sidecar: string, documentLength?: number): Promise<SidecarState> {
    const got = await readBytes(this.port, sidecar, this.maxBytes);
    return got ? this.stateOf(sidecar, got.bytes, documentLength) : EMPTY_SIDECAR_STATE;
  }

  /**
   * Writes the merge of the request and the file as it is now. Under the port's lock when it has one;
   * without, someone else's bytes found when reading the write back are merged and written again.
   * Throws SidecarWriteRefused when the file on disk has errors, the text would not load cleanly, or the
   * file keeps changing; FileSystemError when the file system fails (the file is then as it was).
   */
  write(request: WriteRequest): Promise<WriteResult> {
    const previous = this.queues.get(request.sidecar) ?? Promise.resolve();
    const run = previous.then(
      () => this.locked(request),
      () => this.locked(request),
    );
    this.queues.set(request.sidecar, run);
    const cleanup = () => {
      if (this.queues.get(request.sidecar) === run) this.queues.delete(request.sidecar);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  /** True when `hash` is one this instance wrote recently to that sidecar (tells own writes from others'). */
  isOwnWrite(sidecar: string, hash: string): boolean {
    return this.own.has(sidecar, hash);
  }

  private locked(request: WriteRequest): Promise<WriteResult> {
    return this.port.withLock ? this.port.withLock(request.sidecar, () => this.writeNow(request)) : this.writeNow(request);
  }

  private async writeNow(request: WriteRequest): Promise<WriteResult> {
    const where = this.display(request.sidecar);
    let document: string;
    try {
      document = documentFieldFor(request.documentName);
    } catch (err) {
      throw new SidecarWriteRefused('invalid', request.sidecar, [], `${where}: not written: ${(err as Error).message}`);
    }
    let base = request.base;
    let wanted = request.annotations;
    let merged = false;
    const conflicts: MergeConflict[] = [];
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const disk = await this.read(request.sidecar, request.documentLength);
      if (disk.readOnly) {
        const errors = disk.problems.filter((p) => p.severity === 'error');
        throw new SidecarWriteRefused('read-only', request.sidecar, errors, `${where} has errors; it is left untouched:\n${errors.map(formatProblem).join('\n')}`);
      }
      if (disk.hash !== base.hash) merged = true;
      const built = buildSidecarText({ where, disk, base: base.annotations, wanted, deleted: request.deleted, document, documentLength: request.documentLength, maxBytes: this.maxBytes });
      if (disk.hash !== base.hash) conflicts.push(...built.conflicts);
      if (built.hash === disk.hash) return { state: disk, merged, conflicts };
      // Merging and validating a large file takes a while: a write made meanwhile (git, a writer without the
      // lock) is merged rather than overwritten, and the window left without a lock is the write call alone.
      const now = await readBytes(this.port, request.sidecar, this.maxBytes);
      if ((now && contentHash(now.bytes)) !== disk.hash) continue;
      await this.port.writeFileAtomic(request.sidecar, built.bytes);
      this.own.add(request.sidecar, built.hash);
      const back = await readBytes(this.port, request.sidecar, this.maxBytes);
      if (back && contentHash(back.bytes) === built.hash) {
        const { annotations, problems, readOnly } = built.loaded; // the same bytes: no need to parse them again
        return { state: { exists: true, text: built.text, hash: built.hash, annotations, problems, readOnly, documentField: document }, merged, conflicts };
      }
      // Someone else's bytes are there (a writer without the lock): merge again, from what we wrote over.
      base = disk;
      wanted = built.annotations;
    }
    throw new SidecarWriteRefused('changing', request.sidecar, [], `${where} keeps changing while it is written (${this.maxAttempts} attempts); try again`);
  }

  private stateOf(sidecar: string, bytes: Uint8Array, documentLength: number | undefined): SidecarState {
    const parsed = parseSidecar(this.display(sidecar), bytes, { maxBytes: this.maxBytes, documentLength, sidecarFolder: this.sidecarFolder(sidecar) });
    return { exists: true, text: decodeSidecarBytes(bytes).text, hash: contentHash(bytes), annotations: parsed.annotations, problems: parsed.problems, readOnly: parsed.readOnly, documentField: parsed.sidecar?.document };
  }
}
