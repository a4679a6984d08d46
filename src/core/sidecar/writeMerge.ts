import { mergeSidecars, type MergeConflict } from './merge';
import { sortAnnotations, type Annotation } from './model';

export interface WriteMerge {
  readonly annotations: Annotation[];
  readonly conflicts: MergeConflict[];
}

/**
 * What a writer writes: the three-way merge by id of `base` (what it last read or wrote), `wanted` (its
 * annotations) and `disk` (what is there now), and then every annotation on disk that the merge left out,
 * unless the writer's user deleted it (`deleted`). Leaving an annotation out of `wanted` is not a deletion:
 * a writer that never saw an annotation (a stale base) cannot remove it. Annotations deleted on disk since
 * `base` and unchanged by the writer stay deleted (that was someone's deletion).
 */
export function mergeForWrite(base: readonly Annotation[], wanted: readonly Annotation[], disk: readonly Annotation[], deleted?: ReadonlySet<string>): WriteMerge {
  const { merged, conflicts } = mergeSidecars(base, wanted, disk);
  const ids = new Set(merged.map((a) => a.id));
  const kept = disk.filter((a) => !ids.has(a.id) && !deleted?.has(a.id));
  return { annotations: kept.length ? sortAnnotations([...merged, ...kept]) : merged, conflicts };
}
