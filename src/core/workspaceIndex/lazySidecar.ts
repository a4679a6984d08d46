import type { Annotation } from '../sidecar/model';
import type { LightAnnotation } from './lightScan';
import type { IndexedAnnotation } from './model';
import { readForIndex, type IndexRead } from './readForIndex';

/**
 * A sidecar the index has only scanned (lightScan.ts): its bytes kept, read in full (readForIndex) the first
 * time any of its annotations is asked for in full. `onRead` then lets the index compare the two reads.
 */
export class LazySidecar {
  private bytes: Uint8Array | undefined;
  private full: IndexRead | undefined;
  private byId: Map<string, Annotation> | undefined;

  constructor(
    private readonly display: string,
    bytes: Uint8Array,
    private readonly maxBytes: number,
    private readonly onRead: (read: IndexRead) => void,
  ) {
    this.bytes = bytes;
  }

  get isRead(): boolean {
    return this.full !== undefined;
  }

  read(): IndexRead {
    if (!this.full) {
      this.full = readForIndex(this.display, this.bytes!, this.maxBytes);
      this.bytes = undefined;
      this.onRead(this.full);
    }
    return this.full;
  }

  annotation(light: LightIndexed): Annotation {
    this.byId ??= new Map(this.read().annotations.map((a) => [a.id, a]));
    // Not in the full read (the scan was wrong about this file): the index shows the full read at once;
    // until then, what the scan saw, with no passage.
    return this.byId.get(light.id) ?? { id: light.id, target: { quote: { exact: '', prefix: '', suffix: '' }, position: { start: light.start, end: light.start } }, codes: [...light.codes], ...(light.author === undefined ? {} : { author: light.author }), created: '' };
  }
}

/** An annotation of a scanned sidecar: id, codes, author and start known; the rest read on first use. */
export class LightIndexed implements IndexedAnnotation, LightAnnotation {
  constructor(
    readonly sidecar: string,
    readonly document: string,
    readonly id: string,
    readonly codes: readonly string[],
    readonly author: string | undefined,
    readonly start: number,
    private readonly source: LazySidecar,
  ) {}

  get annotation(): Annotation {
    return this.source.annotation(this);
  }
}

/** Whether the scan and the full read agree on everything the first level shows. */
export function sameAsScanned(light: readonly LightAnnotation[], full: IndexRead): boolean {
  if (full.problemCount !== 0 || full.readOnly || full.annotations.length !== light.length) return false;
  return full.annotations.every((a, i) => {
    const l = light[i]!;
    return a.id === l.id && a.author === l.author && a.target.position.start === l.start && a.codes.length === l.codes.length && a.codes.every((c, k) => c === l.codes[k]);
  });
}
