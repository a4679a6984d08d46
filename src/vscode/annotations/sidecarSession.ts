import type { OffsetRange } from '../../core/anchoring';
import type { Problem } from '../../core/data/problem';
import { mergeSidecars } from '../../core/sidecar/merge';
import { sameAnnotationData, type Annotation } from '../../core/sidecar/model';
import { EMPTY_SIDECAR_STATE, type SidecarPersistence, type SidecarState, type WriteRequest } from '../../core/sidecar/persistence';
import { AnnotationModel } from './annotationModel';
import type { TrustGate } from './trustGate';

/** What a session tells the editor; every method is a notification, none may throw. */
export interface SessionEvents {
  changed(): void;
  problems(problems: readonly Problem[]): void;
  /** The file has errors (or cannot be read): shown read-only, never written over. */
  readOnly(reason: string): void;
  conflicts(count: number): void;
  /** A write the user asked for was not made: Workspace Trust was not granted. */
  notWritten(): void;
  log(message: string): void;
  /** The sidecar is really gone: the user may restore the annotations it held (kept in memory meanwhile). */
  offerRestore(count: number): PromiseLike<'restore' | undefined>;
}

export interface SessionOptions {
  readonly persistence: SidecarPersistence;
  readonly gate: TrustGate;
  /** The sidecar's location, as the persistence's port names it. */
  readonly sidecar: string;
  /** The sidecar as named in messages. */
  readonly displayName?: string;
  /** The sidecar's `document:` field. */
  readonly documentName: string;
  /** The document's text now (its last text once it is closed). */
  readonly text: () => string;
  readonly events: SessionEvents;
  /** How long a reported deletion waits before the file is looked at again. */
  readonly deleteSettleMs?: number;
}

interface Aside {
  readonly a: Annotation;
  readonly range: OffsetRange | undefined;
}

/** Reported deletions are checked again after this long: a file service that deletes before it moves is done by then. */
export const DELETE_SETTLE_MS = 400;

/**
 * One document's annotations and its sidecar. Reads through the persistence protocol and remembers what
 * it read (`base`); every write goes through the trust gate and the protocol, which re-reads and merges.
 * Disk events are never taken at face value: a change is read and merged by id, a deletion is checked
 * again after a pause, and annotations with unwritten changes stay in memory whatever the disk says.
 */
export class SidecarSession {
  readonly model = new AnnotationModel();
  private base: SidecarState = EMPTY_SIDECAR_STATE;
  /** The annotations of the last readable, error-free file: shown while the file on disk has errors. */
  private good: readonly Annotation[] = [];
  /** Ids the user deleted that are not yet deleted on disk: the only ones a write may leave out. */
  private readonly deleted = new Set<string>();
  /** Set when the file exists but cannot be read: then it is never written over. */
  private unreadable: string | undefined;
  /** Reads and writes of the sidecar, one after another (each one starts from the last one's base). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: SessionOptions) {}

  get sidecar(): string {
    return this.o.sidecar;
  }

  private get name(): string {
    return this.o.displayName ?? this.o.sidecar;
  }

  get readOnly(): boolean {
    return this.base.readOnly || this.unreadable !== undefined;
  }

  /** What the disk held when last read or written. */
  get disk(): SidecarState {
    return this.base;
  }

  /** Something in memory is not on disk (merged, re-anchored and saved, kept while untrusted, deleted here). */
  unwritten(): boolean {
    if (this.deleted.size > 0) return true;
    const onDisk = new Map(this.base.annotations.map((a) => [a.id, a]));
    if (onDisk.size !== this.model.annotations.size) return true;
    for (const [id, a] of this.model.annotations) {
      const b = onDisk.get(id);
      if (!b || !sameAnnotationData(a, b)) return true;
    }
    return false;
  }

  load(): Promise<void> {
    return this.serial(async () => {
      const state = await this.read();
      if (!state) return;
      this.setBase(state);
      this.o.events.problems(state.problems);
      if (state.readOnly) this.o.events.readOnly('has errors (see Problems)');
      this.model.adopt(state.annotations, this.o.text());
      this.o.events.changed();
    });
  }

  /** Adds or replaces annotations (a user action): in memory at once, then written if the gate allows. */
  async put(annotations: readonly Annotation[], ranges?: ReadonlyMap<string, OffsetRange>): Promise<void> {
    await this.recheckIfReadOnly();
    this.assertWritable();
    for (const a of annotations) {
      this.model.set(a, ranges?.get(a.id) ?? { start: a.target.position.start, end: a.target.position.end });
      this.deleted.delete(a.id);
    }
    this.o.events.changed();
    await this.commit();
  }

  async remove(id: string): Promise<void> {
    await this.recheckIfReadOnly();
    this.assertWritable();
    this.model.delete(id);
    this.deleted.add(id);
    this.o.events.changed();
    await this.commit();
  }

  /** The document was saved: selectors follow the saved text, and whatever is unwritten is written. */
  async saved(): Promise<void> {
    if (this.model.refreshSelectors(this.o.text())) this.o.events.changed();
    if (!this.readOnly && this.unwritten()) await this.commit();
  }

  /** Writes everything in memory (after Restore). */
  restore(): Promise<void> {
    return this.commit();
  }

  /**
   * The document is closing. Unwritten changes are written when that needs no question (trusted, or the
   * user already agreed); otherwise 'kept': the caller keeps the session until the window closes.
   */
  async close(): Promise<'clean' | 'written' | 'kept'> {
    if (!this.unwritten()) return 'clean';
    if (this.readOnly || !this.o.gate.writesAllowed()) return 'kept';
    try {
      await this.serial(() => this.writeNow());
    } catch (err) {
      this.o.events.log(`not written on close: ${message(err)}`);
    }
    return this.unwritten() ? 'kept' : 'written';
  }

  /** The watcher reported a change or a creation: read it; someone else's content is merged by id. */
  diskChanged(): Promise<void> {
    return this.serial(async () => {
      const state = await this.read();
      if (state) this.changedTo(state);
    });
  }

  /**
   * The watcher reported a deletion. Believed only if the file is still gone after a pause (a file service
   * may delete before it moves). Then what the deleted file held, unchanged here, is set aside — no longer
   * shown nor written, offered for Restore; whatever only the editor holds (unwritten) stays.
   */
  async diskDeleted(): Promise<void> {
    await this.settle();
    const aside = await this.serial(async () => {
      const state = await this.read();
      if (!state) return [];
      if (state.exists) {
        this.changedTo(state);
        return [];
      }
      return this.gone();
    });
    await this.offerRestore(aside);
  }

  private setBase(state: SidecarState): void {
    this.base = state;
    if (!state.readOnly) this.good = state.annotations;
  }

  private settle(): Promise<void> {
    return new Promise((r) => setTimeout(r, this.o.deleteSettleMs ?? DELETE_SETTLE_MS));
  }

  /** The file is believed gone: what it held, unchanged here, is set aside (see diskDeleted). */
  private gone(): Aside[] {
    if (!this.base.exists) return [];
    const onDisk = new Map((this.base.readOnly ? this.good : this.base.annotations).map((a) => [a.id, a]));
    const aside: Aside[] = [];
    for (const a of this.model.list()) {
      const b = onDisk.get(a.id);
      if (!b || !sameAnnotationData(a, b)) continue;
      const r = this.model.ranges.get(a.id);
      aside.push({ a, range: r && r !== 'orphaned' ? r : undefined });
      this.model.delete(a.id);
    }
    this.setBase(EMPTY_SIDECAR_STATE);
    this.o.events.problems([]);
    this.o.events.changed();
    return aside;
  }

  private async offerRestore(aside: readonly Aside[]): Promise<void> {
    if (aside.length === 0) return;
    if ((await this.o.events.offerRestore(aside.length)) !== 'restore') return;
    for (const { a, range } of aside) {
      if (this.model.annotations.has(a.id) || this.deleted.has(a.id)) continue;
      this.model.set(a, range ?? { start: a.target.position.start, end: a.target.position.end });
    }
    this.o.events.changed();
    await this.restore();
  }

  /** A user act on a read-only sidecar looks again first: it may have been fixed or deleted since. */
  private async recheckIfReadOnly(): Promise<void> {
    if (!this.readOnly) return;
    await this.serial(async () => {
      const state = await this.read();
      if (state && !state.exists) void this.offerRestore(this.gone()).catch((err: unknown) => this.o.events.log(`not restored: ${message(err)}`));
      else if (state) this.changedTo(state);
    });
  }

  private changedTo(state: SidecarState): void {
    if (state.hash === this.base.hash) return; // what we read or wrote last
    if (state.hash !== undefined && this.o.persistence.isOwnWrite(this.o.sidecar, state.hash)) return;
    if (!state.exists) return; // gone: only a deletion event (checked again) may say so
    this.o.events.problems(state.problems);
    if (state.readOnly) {
      // Keep showing what we had; a broken file never replaces it, and is never written over.
      if (!this.base.readOnly) this.o.events.readOnly('has errors (see Problems)');
      this.setBase(state);
      return;
    }
    const { merged, conflicts } = mergeSidecars(this.base.annotations, this.model.list(), state.annotations);
    this.setBase(state);
    this.model.adopt(merged, this.o.text());
    if (conflicts.length) this.o.events.conflicts(conflicts.length);
    this.o.events.log(`reloaded ${this.name} after it changed on disk (${merged.length} annotation(s))`);
    this.o.events.changed();
  }

  /** The state on disk; undefined when it cannot be read (then marked unreadable: never written over). */
  private async read(): Promise<SidecarState | undefined> {
    try {
      const state = await this.o.persistence.read(this.o.sidecar, this.o.text().length);
      this.unreadable = undefined;
      return state;
    } catch (err) {
      if (this.unreadable === undefined) this.o.events.readOnly(`cannot be read (${message(err)})`);
      this.unreadable = message(err);
      return undefined;
    }
  }

  private async commit(): Promise<void> {
    if (!(await this.o.gate.mayWrite())) return this.o.events.notWritten();
    await this.serial(() => this.writeNow());
  }

  private async writeNow(): Promise<void> {
    this.assertWritable();
    // Found gone: believed only if still gone after the pause, as a reported deletion (never a deletion of ours).
    if (this.base.exists && (await this.read())?.exists === false) {
      await this.settle();
      const again = await this.read();
      if (again?.exists) this.changedTo(again);
      else if (again) void this.offerRestore(this.gone()).catch((err: unknown) => this.o.events.log(`not restored: ${message(err)}`));
    }
    const request: WriteRequest = { sidecar: this.o.sidecar, documentName: this.o.documentName, base: this.base, annotations: this.model.list(), deleted: new Set(this.deleted), documentLength: this.o.text().length };
    let result;
    try {
      result = await this.o.persistence.write(request);
    } catch (err) {
      // Refused (errors on disk) or failed: learn what is there now; memory keeps everything.
      const state = await this.read();
      if (state?.readOnly) this.changedTo(state);
      throw err;
    }
    for (const id of request.deleted ?? []) this.deleted.delete(id);
    this.setBase(result.state);
    if (result.merged) {
      // Others' changes come in; changes made here while the write ran stay (they are the newer "mine").
      const { merged } = mergeSidecars(request.annotations, this.model.list(), result.state.annotations);
      this.model.adopt(merged, this.o.text());
      this.o.events.changed();
    }
    if (result.conflicts.length) this.o.events.conflicts(result.conflicts.length);
    this.o.events.log(`wrote ${result.state.annotations.length} annotation(s) to ${this.name}${result.merged ? ' (merged with changes on disk)' : ''}`);
  }

  private assertWritable(): void {
    if (this.unreadable !== undefined) throw new Error(`${this.name} cannot be read (${this.unreadable}); its annotations are not changed.`);
    if (this.base.readOnly) throw new Error(`${this.name} has errors; fix them (see Problems) before changing its annotations.`);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
