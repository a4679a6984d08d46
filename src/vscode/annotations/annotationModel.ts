import { reanchorAll, type AnchorStatus, type OffsetRange, type TextEdit } from '../../core/anchoring';
import { anchorAnnotations, withFreshSelectors } from '../../core/annotations/annotationFactory';
import { RangeIndex } from '../../core/annotations/rangeIndex';
import { sameAnnotationData, type Annotation } from '../../core/sidecar/model';
import { followPlace, followRange, placeOf, returnedAt, type OrphanPlace } from './orphanPlaces';

/**
 * The annotations of one document and where each one is now. No editor and no file system: ranges follow
 * edits (orphans come back when their text does), annotations read from disk are anchored with the core's
 * scored re-anchoring, and selectors are refreshed from the text when the document is saved.
 */
export class AnnotationModel {
  readonly annotations = new Map<string, Annotation>();
  readonly ranges = new Map<string, OffsetRange | 'orphaned'>();
  readonly status = new Map<string, AnchorStatus>();
  /** Where each orphan made by an edit was: checked after every change (a few string compares each). */
  private readonly places = new Map<string, OrphanPlace>();
  /** Bumped whenever a range changes; the interval index behind `at` is rebuilt lazily after that. */
  private version = 0;
  private index: { version: number; index: RangeIndex<string> } | undefined;

  list(): Annotation[] {
    return [...this.annotations.values()];
  }

  /** Annotations whose current range contains the offset (an interval index: hovers never scan them all). */
  at(offset: number): Annotation[] {
    if (this.index?.version !== this.version) this.index = { version: this.version, index: new RangeIndex(this.ranges) };
    return this.index.index.at(offset).flatMap((id) => this.annotations.get(id) ?? []);
  }

  /** Adds or replaces one annotation at a known range (a user action). */
  set(a: Annotation, range: OffsetRange): void {
    this.annotations.set(a.id, a);
    this.ranges.set(a.id, range);
    this.status.set(a.id, 'exact');
    this.places.delete(a.id);
    this.version++;
  }

  delete(id: string): void {
    this.annotations.delete(id);
    this.ranges.delete(id);
    this.status.delete(id);
    this.places.delete(id);
    this.version++;
  }

  /**
   * Makes `next` the set of annotations (read from disk, or merged). Those already here with the same data
   * keep their range (it followed the edits since); the others are anchored in `text`.
   */
  adopt(next: readonly Annotation[], text: string): void {
    const toAnchor = next.filter((a) => {
      const mine = this.annotations.get(a.id);
      return !mine || !this.ranges.has(a.id) || !sameAnnotationData(mine, a);
    });
    const ids = new Set(next.map((a) => a.id));
    for (const id of [...this.annotations.keys()]) if (!ids.has(id)) this.delete(id);
    for (const a of next) this.annotations.set(a.id, a);
    for (const { annotation, anchor } of anchorAnnotations(text, toAnchor)) {
      this.ranges.set(annotation.id, anchor.status === 'orphaned' ? 'orphaned' : { start: anchor.start, end: anchor.end });
      this.status.set(annotation.id, anchor.status);
      this.places.delete(annotation.id);
    }
    this.version++;
  }

  /** Every annotation anchored afresh in `text` (a document reopened after it was closed). */
  anchorAll(text: string): void {
    this.ranges.clear();
    this.places.clear();
    this.adopt(this.list(), text);
  }

  /**
   * Ranges follow a change (VS Code lists a batch's changes so that applying them in order is correct).
   * An annotation whose text is removed is orphaned, unless the new text holds its quote (a reload from
   * disk replaces whole lines): then it is re-anchored with the scored search, context and all. An orphan
   * whose text comes back between the same neighbours (an undo) is attached again.
   */
  edit(edits: readonly TextEdit[], text: () => string): void {
    if (this.annotations.size === 0) return;
    const replaced: { a: Annotation; hint: number }[] = [];
    const orphanedNow = new Set<string>();
    for (const [id, range] of this.ranges) {
      if (range === 'orphaned') continue;
      const followed = followRange(range, edits);
      if ('range' in followed) {
        this.ranges.set(id, followed.range);
        continue;
      }
      const a = this.annotations.get(id)!;
      this.ranges.set(id, 'orphaned');
      this.status.set(id, 'orphaned');
      orphanedNow.add(id);
      this.places.set(id, placeOf(followed, text()));
      if (followed.removedBy.text.includes(a.target.quote.exact)) replaced.push({ a, hint: followed.start + followed.offset });
    }
    for (const [id, place] of this.places) {
      if (!orphanedNow.has(id)) this.places.set(id, followPlace(place, edits));
    }
    if (replaced.length) this.reanchorReplaced(replaced, text());
    this.attachReturned(text);
    this.version++;
  }

  /** Annotations whose text an edit replaced with text holding their quote: found again by score, at their old place as the hint. */
  private reanchorReplaced(replaced: readonly { a: Annotation; hint: number }[], text: string): void {
    const selectors = replaced.map(({ a, hint }) => ({ ...a.target, position: { start: hint, end: hint + a.target.quote.exact.length } }));
    const results = reanchorAll(text, selectors);
    replaced.forEach(({ a }, i) => {
      const r = results[i]!;
      if (r.status === 'orphaned') return;
      this.ranges.set(a.id, { start: r.start, end: r.end });
      this.status.set(a.id, r.status);
      this.places.delete(a.id);
    });
  }

  private attachReturned(text: () => string): void {
    if (this.places.size === 0) return;
    const t = text();
    for (const [id, place] of this.places) {
      const a = this.annotations.get(id);
      const back = a && this.ranges.get(id) === 'orphaned' ? returnedAt(place, a.target.quote.exact, t) : undefined;
      if (!back) continue;
      this.ranges.set(id, back);
      this.status.set(id, 'exact');
      this.places.delete(id);
    }
  }

  /** On save: selectors follow the saved text. Returns whether any changed. */
  refreshSelectors(text: string): boolean {
    let changed = false;
    for (const [id, a] of this.annotations) {
      const r = this.ranges.get(id);
      if (!r || r === 'orphaned') continue;
      const fresh = withFreshSelectors(text, a, r.start, r.end);
      if (fresh !== a) {
        this.annotations.set(id, fresh);
        changed = true;
      }
      this.status.set(id, 'exact');
    }
    if (changed) this.version++;
    return changed;
  }
}
