import { compareAnnotations, sameAnnotationData, type Annotation } from './model';
import { renderAnnotationItem } from './serialize';
import type { LineStarts } from './yamlNodes';

/**
 * The in-place writer's line-level plan, the same whichever parser found the items: which lines of the
 * annotations list each item owns, and the text edits that turn the items on disk into the wanted ones.
 */

/** A replacement of `text[start, end)`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where the items of a block sequence are: what planItems needs of either parser. */
export interface ItemLines {
  readonly text: string;
  readonly eol: string;
  readonly lines: LineStarts;
  /** The line of the `annotations:` key, and the offset just after the key. */
  readonly keyLine: number;
  readonly keyEnd: number;
  /** Per item: the line and column of its dash, and the line after its body. */
  readonly dashLine: readonly number[];
  readonly dashCol: readonly number[];
  readonly bodyEnd: readonly number[];
}

/** An edit, and the annotation its text must hold (the writer's fast path reads each one back). */
export interface PlannedEdit extends Edit {
  readonly annotation?: Annotation;
}

/**
 * The edits that turn the items `current` (in file order, laid out as `at` says) into `wanted` (in
 * document order): untouched items keep their text, changed ones are re-rendered by `renderChanged`,
 * deleted ones are cut out with the comment lines just above them, moved and new ones are inserted at
 * their place in document order.
 */
export function planItems(at: ItemLines, current: readonly Annotation[], wanted: readonly Annotation[], renderChanged: (k: number, next: Annotation) => string): { edits: PlannedEdit[] } {
  const { text, eol, lines, keyLine, dashLine, dashCol, bodyEnd } = at;
  const lineStart = (line: number) => lines.start(line, text.length);
  const lineText = (line: number) => text.slice(lineStart(line), lineStart(line + 1)).replace(/\r?\n$/, '');
  const edits: PlannedEdit[] = [];
  // [chunkStart, dashLine) comment lines that belong to an item, then its body [dashLine, bodyEnd),
  // then [bodyEnd, chunkEnd) trailing comment and blank lines.
  const n = dashLine.length;
  const chunkStart: number[] = [];
  const chunkEnd: number[] = [];
  // Most lines start (after spaces) with a letter, a dash or a quote: no need to slice them to know they are not comments.
  const maybeComment = (line: number): boolean => {
    let p = lineStart(line);
    while (text.charCodeAt(p) === 32) p++;
    const c = text.charCodeAt(p);
    return c === 35 /* # */ || (c !== 45 /* - */ && !(c >= 97 && c <= 122) && !(c >= 65 && c <= 90));
  };
  for (let k = 0; k < n; k++) {
    let s = dashLine[k]!;
    const floor = k > 0 ? bodyEnd[k - 1]! : keyLine + 1;
    while (s - 1 >= floor && maybeComment(s - 1) && isCommentLine(lineText(s - 1), dashCol[k]!)) s--;
    chunkStart.push(s);
  }
  for (let k = 0; k < n - 1; k++) chunkEnd.push(chunkStart[k + 1]!);
  let end = bodyEnd[n - 1]!;
  while (end < lines.count && (lineText(end).trim() === '' || indentOf(lineText(end)) > dashCol[n - 1]!)) end++;
  while (end > bodyEnd[n - 1]! && lineText(end - 1).trim() === '') end--; // blank lines after the list stay outside it
  chunkEnd.push(end);
  const offsetOfLine = (line: number) => lineStart(line);
  const indent = dashCol[0]!;

  // What happens to each existing item.
  const wantedById = new Map(wanted.map((a) => [a.id, a]));
  const fate: ('keep' | 'change' | 'delete' | 'move')[] = current.map((a) => {
    const w = wantedById.get(a.id);
    return !w ? 'delete' : sameAnnotationData(a, w) ? 'keep' : 'change';
  });
  // A changed annotation that no longer sits in document order among the others is moved.
  const remaining = () => current.map((_, k) => k).filter((k) => fate[k] === 'keep' || fate[k] === 'change');
  for (;;) {
    const rest = remaining();
    const bad = rest.find((k, i) => {
      if (fate[k] !== 'change') return false;
      const w = wantedById.get(current[k]!.id)!;
      const prev = i > 0 ? wantedById.get(current[rest[i - 1]!]!.id)! : undefined;
      const nxt = i < rest.length - 1 ? wantedById.get(current[rest[i + 1]!]!.id)! : undefined;
      return (prev && compareAnnotations(prev, w) > 0) || (nxt && compareAnnotations(w, nxt) > 0);
    });
    if (bad === undefined) break;
    fate[bad] = 'move';
  }

  const inserts: { at: number; annotation: Annotation; text: string }[] = [];
  const anchors = remaining();
  const anchorWanted = anchors.map((k) => wantedById.get(current[k]!.id)!);
  // In document order (as written), the first anchor after `a` is found by bisection, not by a scan per insert.
  const sorted = anchorWanted.every((w, i) => i === 0 || compareAnnotations(anchorWanted[i - 1]!, w) <= 0);
  const firstAfter = (a: Annotation): number => {
    if (!sorted) return anchorWanted.findIndex((w) => compareAnnotations(w, a) > 0);
    let lo = 0;
    let hi = anchorWanted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareAnnotations(anchorWanted[mid]!, a) > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo < anchorWanted.length ? lo : -1;
  };
  const insertAt = (a: Annotation): number => {
    const i = firstAfter(a);
    return i < 0 ? offsetOfLine(chunkEnd[n - 1]!) : offsetOfLine(chunkStart[anchors[i]!]!);
  };
  const existingIds = new Set(current.map((a) => a.id));
  for (let k = 0; k < n; k++) {
    const a = current[k]!;
    const w = wantedById.get(a.id);
    const chunk = { start: offsetOfLine(chunkStart[k]!), end: offsetOfLine(chunkEnd[k]!) };
    if (fate[k] === 'delete') edits.push({ ...chunk, text: '' });
    else if (fate[k] === 'change') {
      edits.push({ start: offsetOfLine(dashLine[k]!), end: offsetOfLine(bodyEnd[k]!), text: renderChanged(k, w!), annotation: w! });
    } else if (fate[k] === 'move') {
      edits.push({ ...chunk, text: '' });
      const lead = text.slice(chunk.start, offsetOfLine(dashLine[k]!));
      const tail = text.slice(offsetOfLine(bodyEnd[k]!), chunk.end);
      inserts.push({ at: insertAt(w!), annotation: w!, text: lead + renderChanged(k, w!) + withEol(tail, eol) });
    }
  }
  for (const w of wanted) if (!existingIds.has(w.id)) inserts.push({ at: insertAt(w), annotation: w, text: renderAnnotationItem(w, indent, eol) });

  if (anchors.length === 0 && inserts.length === 0) {
    // Every annotation deleted: `annotations: []`.
    const colon = text.indexOf(':', at.keyEnd);
    edits.push({ start: colon + 1, end: colon + 1, text: ' []' });
  }
  inserts.sort((x, y) => x.at - y.at || compareAnnotations(x.annotation, y.annotation));
  for (const ins of inserts) {
    const needsBreak = ins.at === text.length && text.length > 0 && !text.endsWith('\n');
    edits.push({ start: ins.at, end: ins.at, text: (needsBreak ? eol : '') + ins.text, annotation: ins.annotation });
  }
  return { edits };
}

/**
 * What follows `annotations:` when the list is written afresh (it was empty or in flow style): the
 * items as a block list on the lines below, or ` []` when there are none.
 */
export function renderItemList(wanted: readonly Annotation[], eol: string): string {
  return wanted.length ? eol + wanted.map((a) => renderAnnotationItem(a, 2, eol)).join('').slice(0, -eol.length) : ' []';
}

/** Edits applied in one pass; at one offset an insertion goes before a replacement, insertions keep their order. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => x.e.start - y.e.start || Number(x.e.end > x.e.start) - Number(y.e.end > y.e.start) || x.i - y.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

function isCommentLine(line: string, maxIndent: number): boolean {
  const t = line.trimStart();
  return t.startsWith('#') && line.length - t.length <= maxIndent;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function withEol(s: string, eol: string): string {
  return s === '' || s.endsWith('\n') ? s : s + eol;
}
