import { FileSystemError, type FileKind, type FileStat, type FileSystemPort } from '../../src/core/fs/fileSystem';
import { createAnnotation } from '../../src/core/annotations/annotationFactory';
import { parseSidecar } from '../../src/core/sidecar/parse';
import type { Annotation } from '../../src/core/sidecar/model';
import { SidecarPersistence } from '../../src/core/sidecar/persistence';
import { SidecarSession, type SessionEvents } from '../../src/vscode/annotations/sidecarSession';
import { TrustGate, type AnswerMemory } from '../../src/vscode/annotations/trustGate';

/** An in-memory file system; `beforeWrite` lets a test act in the middle of a write (a watcher event, another writer). */
export class MemoryFileSystem implements FileSystemPort {
  readonly files = new Map<string, Uint8Array>();
  beforeWrite: ((location: string, bytes: Uint8Array) => Promise<void> | void) | undefined;
  /** Imitates VS Code's file service: the target is deleted, then the new file moved in after a while. */
  deleteThenMove: { gapMs: number; onDelete: (location: string) => void } | undefined;
  failNextWrite = false;
  /** Set by tests that model the Node port's lock. */
  withLock?: <T>(location: string, work: () => Promise<T>) => Promise<T>;

  async stat(location: string): Promise<FileStat | undefined> {
    const b = this.files.get(location);
    return b ? { kind: 'file', size: b.length, mtime: 0 } : undefined;
  }
  async readFile(location: string): Promise<Uint8Array> {
    const b = this.files.get(location);
    if (!b) throw new FileSystemError('not-found', location, `${location}: no such file`);
    return b;
  }
  async writeFileAtomic(location: string, bytes: Uint8Array): Promise<void> {
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new FileSystemError('other', location, `${location}: no space left on the device`);
    }
    await this.beforeWrite?.(location, bytes);
    if (this.deleteThenMove) {
      this.files.delete(location);
      this.deleteThenMove.onDelete(location);
      await sleep(this.deleteThenMove.gapMs);
    }
    this.files.set(location, bytes);
  }
  async readDirectory(): Promise<[string, FileKind][]> {
    return [];
  }
  join(location: string, ...names: string[]): string {
    return [location, ...names].join('/');
  }
  dirname(location: string): string {
    return location.slice(0, location.lastIndexOf('/'));
  }
  basename(location: string): string {
    return location.slice(location.lastIndexOf('/') + 1);
  }
  relative(_from: string, to: string): string {
    return this.basename(to);
  }

  /** Ids in the file now (undefined when absent). */
  ids(location: string): string[] | undefined {
    const b = this.files.get(location);
    return b ? parseSidecar('t', b, { maxBytes: 1 << 20 }).annotations.map((a) => a.id).sort() : undefined;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class MapMemory implements AnswerMemory {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

export const SIDECAR = 'mem:/ws/doc.md.annotations.yaml';

/** A document of numbered sections whose sentences repeat (look-alikes for every quote). */
export function sectionsText(n: number): string {
  return Array.from({ length: n }, (_, i) => `Section ${i + 1}. The agency for topic ${i * 7} shall report yearly on item ${i}.\nIt applies from year ${2000 + i}.\n`).join('\n');
}

export function annotationOn(text: string, quote: string, id: string, from = 0): Annotation {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`no ${quote}`);
  return createAnnotation({ text, start, end: start + quote.length, codes: ['open-source'], id, now: new Date('2026-01-01T00:00:00Z') });
}

export interface Harness {
  readonly fs: MemoryFileSystem;
  readonly session: SidecarSession;
  readonly events: { changed: number; notWritten: number; conflicts: number; readOnly: string[]; restoreOffers: number };
  text: string;
  trusted: boolean;
  answer: boolean | undefined;
  asked: number;
  restoreChoice: 'restore' | undefined;
  readonly memory: MapMemory;
}

/** A session on a memory file system, with a gate and events the test controls. */
export function harness(text: string, fs = new MemoryFileSystem(), persistence = new SidecarPersistence(fs)): Harness {
  const h = { fs, text, trusted: true, answer: true as boolean | undefined, asked: 0, restoreChoice: 'restore' as 'restore' | undefined, memory: new MapMemory(), events: { changed: 0, notWritten: 0, conflicts: 0, readOnly: [] as string[], restoreOffers: 0 } } as Omit<Harness, 'session'> & { session?: SidecarSession };
  const gate = new TrustGate({
    isTrusted: () => h.trusted,
    memory: h.memory,
    ask: async () => {
      h.asked++;
      return h.answer;
    },
  });
  const events: SessionEvents = {
    changed: () => void h.events.changed++,
    problems: () => undefined,
    readOnly: (r) => void h.events.readOnly.push(r),
    conflicts: () => void h.events.conflicts++,
    notWritten: () => void h.events.notWritten++,
    log: () => undefined,
    offerRestore: async () => {
      h.events.restoreOffers++;
      return h.restoreChoice;
    },
  };
  h.session = new SidecarSession({ persistence, gate, sidecar: SIDECAR, documentName: 'doc.md', text: () => h.text, events, deleteSettleMs: 20 });
  return h as Harness;
}
