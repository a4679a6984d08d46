import type { AnchorStatus } from '../anchoring';
import { filterPredicate, isEmptyFilter, type ExplorerFilter } from './filter';
import { groupTallies, type GroupNode, type GroupOptions } from './grouping';
import { idOf, type IndexedAnnotation, type SidecarEntry } from './model';
import { tally, type Tally } from './tally';

export interface FirstLevelOptions extends Pick<GroupOptions, 'mode' | 'codes' | 'documentLabel'> {
  /** Compared by identity: a new filter object counts every sidecar again. */
  readonly filter?: ExplorerFilter;
  /**
   * Where the annotations of a sidecar stand in its open editor, if it is open (that map changes as the
   * document is edited, so such a sidecar is counted again on every call); else the entry's own check.
   */
  readonly liveStatus?: (entry: SidecarEntry) => ReadonlyMap<string, AnchorStatus> | undefined;
}

/**
 * The explorer's first level over the index's entries, counted per sidecar: an entry's count (tally.ts) is
 * kept until the index replaces the entry (its file event, its orphan check, its full read) or the filter
 * changes, so a refresh after one file event counts that one sidecar again and adds up the rest.
 */
export class FirstLevel {
  private readonly cache = new WeakMap<SidecarEntry, { filter: ExplorerFilter | undefined; tally: Tally }>();
  private counts = 0;

  /** How many sidecars were counted so far (each count is one pass over its annotations). */
  get counted(): number {
    return this.counts;
  }

  group(entries: readonly SidecarEntry[], options: FirstLevelOptions): GroupNode[] {
    const filter = options.filter && !isEmptyFilter(options.filter) ? options.filter : undefined;
    let keep: ((a: IndexedAnnotation) => boolean) | undefined;
    const parts = entries.map((e) => {
      const live = options.liveStatus?.(e);
      const hit = live ? undefined : this.cache.get(e);
      if (hit && hit.filter === filter) return hit.tally;
      if (filter) keep ??= filterPredicate(filter);
      const disk = e.status;
      const status = live || disk ? (a: IndexedAnnotation) => live?.get(idOf(a)) ?? disk?.get(idOf(a)) : undefined;
      const t = tally(e.annotations, keep, status);
      this.counts++;
      if (!live) this.cache.set(e, { filter, tally: t });
      return t;
    });
    return groupTallies(parts, options);
  }
}
