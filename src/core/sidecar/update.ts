import { Document, isMap, isPair, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLSeq, type CST, type Node, type YAMLMap } from 'yaml';
import { DataError, type Problem } from '../data/problem';
import { schemaAccepts } from '../data/schemaCheck';
import { fastRead, fastReadItems, type FastRead } from './fastRead';
import { canonicalAnnotation, LINK_TARGET_KEYS, SIDECAR_VERSION, sameAnnotationData, sameValue, sortAnnotations, type Annotation, type Sidecar } from './model';
import { analyseSidecar, fastAnalyse, type FastAnalysis } from './parse';
import { ANNOTATION_SCHEMA, SIDECAR_TOP_SCHEMA } from './schema';
import { createSidecarNode, indentBlock, protectStrings, renderAnnotationItem, serializeSidecar, SIDECAR_YAML_OPTIONS } from './serialize';
import { applyEdits, planItems, type Edit, type PlannedEdit } from './itemEdits';
import { LineStarts } from './yamlNodes';

export interface SidecarUpdate {
  readonly text: string;
  /**
   * 'unchanged': nothing to write; 'in-place': the existing text edited, everything outside the
   * changed annotations byte for byte as it was; 'rewritten': written afresh (empty or unusual file).
   */
  readonly mode: 'unchanged' | 'in-place' | 'rewritten';
}

/**
 * The text of the sidecar `next`, made by editing `existingText` in place: annotations that did not
 * change keep their exact text (comments, formatting, blank lines), changed ones are re-rendered from
 * their YAML nodes (keeping the comments inside them), deleted ones are cut out with the comment lines
 * just above them, new ones are inserted at their place in document order. Each annotation is one
 * contiguous block of lines, so two people adding annotations at different places of a document
 * produce a clean `git merge`.
 *
 * Throws DataError when `existingText` has errors (a sidecar with errors is never overwritten) or when
 * `next` is not a valid sidecar. The result is parsed back and checked to hold exactly `next`.
 */
export function updateSidecarText(existingText: string, next: Sidecar, file = 'sidecar'): string {
  return updateSidecar(existingText, next, file).text;
}

/** updateSidecarText, also saying how the text was made. `file` names the sidecar in errors. */
export function updateSidecar(existingText: string, next: Sidecar, file = 'sidecar'): SidecarUpdate {
  return update(existingText, next, file, true);
}

/**
 * updateSidecar without the fast path: the `yaml` package reads the file, and the result back, whole.
 * The reference the fast path is tested against, and the benchmark's baseline.
 */
export function updateSidecarWithYaml(existingText: string, next: Sidecar, file = 'sidecar'): SidecarUpdate {
  return update(existingText, next, file, false);
}

/**
 * The fast path alone: the in-place text, or undefined when it does not apply (the file is outside
 * the fast reader's subset, has errors, is unchanged, or a spliced block does not read back).
 */
export function fastUpdateInPlace(existingText: string, next: Sidecar): string | undefined {
  const fast = fastAnalyse('sidecar', existingText, {});
  if (!fast || (fast.result.sidecar.document === next.document && sameList(fast.result.annotations, next.annotations))) return undefined;
  return fastEdit(fast, next);
}

function update(existingText: string, next: Sidecar, file: string, fastPath: boolean): SidecarUpdate {
  const ids = new Set<string>();
  for (const a of next.annotations) {
    if (ids.has(a.id)) throw new DataError([{ file, line: 0, character: 0, severity: 'error', message: `duplicate annotation id '${a.id}'` }]);
    ids.add(a.id);
  }
  if (existingText.trim() === '') return checked(file, serializeSidecar(next), next, 'rewritten', fastPath);

  // The fast path: a sidecar the fast reader reads, edited by its layout, each spliced block read back alone.
  const fast = fastPath ? fastAnalyse(file, existingText, {}) : undefined;
  if (fast) {
    const current = fast.result;
    if (current.sidecar.document === next.document && sameList(current.annotations, next.annotations)) return { text: existingText, mode: 'unchanged' };
    const text = fastEdit(fast, next);
    if (text !== undefined) return { text, mode: 'in-place' };
  }

  const existing = analyseSidecar(file, existingText, { maxBytes: Number.MAX_SAFE_INTEGER });
  if (!existing.readOnly && existing.yaml?.doc?.contents === null) {
    // Only comments so far: they stay on top.
    return checked(file, existingText.replace(/\s*$/, '\n') + serializeSidecar(next), next, 'rewritten', fastPath);
  }
  if (existing.readOnly || !existing.sidecar) {
    throw new DataError(existing.problems.length ? existing.problems : [{ file, line: 0, character: 0, severity: 'error', message: 'not a sidecar' }]);
  }
  if (existing.sidecar.document === next.document && sameList(existing.annotations, next.annotations)) return { text: existingText, mode: 'unchanged' };

  let text: string | undefined;
  try {
    text = editInPlace(existingText, existing.yaml!.doc!, existing.annotations, next);
  } catch {
    text = undefined; // an unusual layout: rewritten below
  }
  if (text !== undefined) {
    const back = analyseSidecar(file, text, { maxBytes: Number.MAX_SAFE_INTEGER });
    if (!back.readOnly && back.sidecar?.document === next.document && sameList(back.annotations, next.annotations)) return { text, mode: 'in-place' };
  }
  return checked(file, serializeSidecar(next), next, 'rewritten', fastPath);
}

function checked(file: string, text: string, next: Sidecar, mode: SidecarUpdate['mode'], fastPath: boolean): SidecarUpdate {
  const fast = fastPath ? fastAnalyse(file, text, {}) : undefined;
  if (fast && fast.result.sidecar.document === next.document && sameList(fast.result.annotations, next.annotations)) return { text, mode };
  const back = analyseSidecar(file, text, { maxBytes: Number.MAX_SAFE_INTEGER });
  if (back.readOnly || !back.sidecar || back.sidecar.document !== next.document || !sameList(back.annotations, next.annotations)) {
    const problems: Problem[] = back.problems.filter((p) => p.severity === 'error');
    throw new DataError(problems.length ? problems : [{ file, line: 0, character: 0, severity: 'error', message: 'the sidecar does not read back as written' }]);
  }
  return { text, mode };
}

function sameList(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  const sa = sortAnnotations(a);
  const sb = sortAnnotations(b);
  return sa.every((x, i) => sameAnnotationData(x, sb[i]!));
}

/** fastEditInPlace on the text as read (LF), its result given the file's own line ends. */
function fastEdit(fast: FastAnalysis, next: Sidecar): string | undefined {
  const text = fastEditInPlace(fast.text, fast.read, fast.result.annotations, next);
  return text === undefined || fast.eol === '\n' ? text : text.replace(/\n/g, '\r\n');
}

/**
 * The in-place edit of a sidecar the fast reader read, planned on the reader's layout; undefined when
 * this path does not apply (the caller then takes the yaml path, which reads the whole file twice).
 * Instead of reading the result back whole, each block of text written is read back alone and must
 * hold exactly its annotation, valid. That is enough: a block is self-contained (its dash at the list's
 * column, every other line deeper, or a comment), and no item ends in a block scalar that keeps
 * trailing line breaks, so the result reads as the old blocks with the new ones spliced in.
 */
function fastEditInPlace(text: string, read: FastRead, current: readonly Annotation[], next: Sidecar): string | undefined {
  const list = read.annotations;
  const span = read.document;
  if (!list || !span || list.items.some((it) => it.keepEnd)) return undefined;
  const eol = '\n'; // the fast reader reads nothing else
  const lines = LineStarts.fromStarts(read.lineStarts);
  const lineStart = (line: number) => lines.start(line, text.length);
  const edits: PlannedEdit[] = [];

  if (read.value['document'] !== next.document) {
    if (!span.simple || !schemaAccepts({ version: SIDECAR_VERSION, document: next.document, annotations: [] }, SIDECAR_TOP_SCHEMA)) return undefined;
    const rendered = renderScalar(next.document);
    const line = lines.lineOf(span.start);
    const back = fastRead(text.slice(lineStart(line), span.start) + rendered + text.slice(span.end, lineStart(line + 1)));
    if (!back || back.value['document'] !== next.document || Object.keys(back.value).length !== 1) return undefined;
    edits.push({ start: span.start, end: span.end, text: rendered });
  }

  const wanted = sortAnnotations(next.annotations).map(canonicalAnnotation);
  if (list.emptyFlow) {
    // `annotations: []`: the list written below the key. The file is small: read it back whole.
    const colon = text.lastIndexOf(':', list.emptyFlow.start);
    const body = wanted.length ? eol + wanted.map((a) => renderAnnotationItem(a, 2, eol)).join('').slice(0, -eol.length) : ' []';
    edits.push({ start: colon + 1, end: list.emptyFlow.end, text: body });
    return readsBack(applyEdits(text, edits), next);
  }
  const items = list.items;
  if (current.length !== items.length || items.length === 0) return undefined;
  const dashCol = items.map((it) => it.dashCol);
  const renderFast = (k: number, w: Annotation): string => {
    const item = items[k]!;
    const block = text.slice(lineStart(item.dashLine), lineStart(item.bodyEnd));
    // As the serializer wrote it, without comments: the same text as re-rendering its nodes would give.
    if (!item.comments && block === renderAnnotationItem(current[k]!, item.dashCol, eol)) return renderAnnotationItem(w, item.dashCol, eol);
    // Comments or hand formatting inside: its own YAML nodes, from its lines alone.
    const doc = parseDocument(block, { uniqueKeys: true, strict: true });
    const seq = doc.contents;
    if (doc.errors.length || !isSeq(seq) || seq.items.length !== 1 || !isMap(seq.items[0])) throw new Error('the item does not parse alone');
    return renderChanged(doc, seq.items[0] as YAMLMap, w, item.dashCol, eol);
  };
  let planned: PlannedEdit[];
  try {
    planned = planItems(
      { text, eol, lines, keyLine: list.keyLine, keyEnd: lineStart(list.keyLine) + 'annotations'.length, dashLine: items.map((it) => it.dashLine), dashCol, bodyEnd: items.map((it) => it.bodyEnd) },
      current,
      wanted,
      renderFast,
    ).edits;
  } catch {
    return undefined;
  }
  let whole = false;
  for (const e of planned) {
    if (e.text === '') continue;
    if (!e.annotation) {
      whole = true; // `annotations: []` after the last one was deleted
      continue;
    }
    const back = fastReadItems(e.text, dashCol[0]!);
    if (!back || back.values.length !== 1 || back.items[0]!.keepEnd || !validAnnotation(back.values[0])) return undefined;
    if (!sameValue(canonicalAnnotation(back.values[0] as Annotation), e.annotation)) return undefined;
  }
  const out = applyEdits(text, [...edits, ...planned]);
  return whole ? readsBack(out, next) : out;
}

/** `text` if the fast reader reads exactly `next` from it. */
function readsBack(text: string, next: Sidecar): string | undefined {
  const back = fastAnalyse('sidecar', text, {});
  return back && back.result.sidecar.document === next.document && sameList(back.result.annotations, next.annotations) ? text : undefined;
}

/** What parseSidecar requires of an annotation, whatever the options (schema, span, link targets). */
function validAnnotation(value: unknown): boolean {
  if (!schemaAccepts(value, ANNOTATION_SCHEMA)) return false;
  const a = value as Annotation;
  return a.target.position.end >= a.target.position.start && (a.links ?? []).every((l) => LINK_TARGET_KEYS.some((k) => l[k] !== undefined));
}

/** The in-place edit; throws on layouts it does not handle (the caller then rewrites the file). */
function editInPlace(text: string, parsed: Document, current: readonly Annotation[], next: Sidecar): string {
  let doc = parsed;
  let dashes = seqOf(doc) && dashesBefore(text, seqOf(doc)!);
  if (!dashes) {
    // Something between a dash and its item (a comment, an anchor): ask the source tokens.
    doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: true, strict: true });
    dashes = dashOffsets(seqOf(doc)!);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new Error('not a mapping');
  const eol = /\r?\n/.exec(text)?.[0] ?? '\n';
  const lines = new LineStarts(text);
  const lineStart = (line: number) => lines.start(line, text.length);
  const edits: Edit[] = [];

  // document: the scalar replaced; version: always 1 here.
  const docPair = findPair(root, 'document');
  if (!docPair || !isScalar(docPair.value) || !docPair.value.range) throw new Error('no document scalar');
  if (docPair.value.value !== next.document) {
    const r = docPair.value.range;
    edits.push({ start: r[0], end: r[1], text: renderScalar(next.document) });
  }

  const seqPair = findPair(root, 'annotations');
  if (!seqPair || !isSeq(seqPair.value) || !seqPair.value.range) throw new Error('no annotations sequence');
  const seq = seqPair.value as YAMLSeq;
  const seqRange = seq.range!;
  const wanted = sortAnnotations(next.annotations).map(canonicalAnnotation);

  // An empty or flow-style list: written afresh as a block list (or `[]`).
  if (seq.flow || seq.items.length === 0) {
    const colon = text.lastIndexOf(':', seqRange[0]);
    const body = wanted.length ? eol + wanted.map((a) => renderAnnotationItem(a, 2, eol)).join('').slice(0, -eol.length) : ' []';
    edits.push({ start: colon + 1, end: seqRange[1], text: body });
    return applyEdits(text, edits);
  }
  if (current.length !== seq.items.length) throw new Error('items and annotations differ');

  // Where each item's lines are: its dash, and the line after its body.
  const keyNode = seqPair.key as Node | undefined;
  const keyLine = lines.lineOf(keyNode?.range ? keyNode.range[0] : seqRange[0]);
  const n = seq.items.length;
  const dashLine: number[] = [];
  const dashCol: number[] = [];
  const bodyEnd: number[] = [];
  for (let k = 0; k < n; k++) {
    const item = seq.items[k] as Node;
    if (!isMap(item) || !item.range) throw new Error('item is not a mapping');
    const dash = dashes[k];
    if (dash === undefined || dash > item.range[0]) throw new Error('no dash');
    const line = lines.lineOf(dash);
    if (text.slice(lineStart(line), dash).trim() !== '') throw new Error('dash not first on its line');
    dashLine.push(line);
    dashCol.push(dash - lineStart(line));
    bodyEnd.push(lines.lineOf(Math.max(item.range[1] - 1, item.range[0])) + 1);
  }
  const keyEnd = keyNode?.range ? keyNode.range[1] : seqRange[0];
  const planned = planItems({ text, eol, lines, keyLine, keyEnd, dashLine, dashCol, bodyEnd }, current, wanted, (k, w) => renderChanged(doc, seq.items[k] as YAMLMap, w, dashCol[k]!, eol));
  return applyEdits(text, [...edits, ...planned.edits]);
}

/** The item's node edited to hold `next` (comments inside kept), rendered alone at its indentation. */
function renderChanged(doc: Document, item: YAMLMap, next: Annotation, indent: number, eol: string): string {
  updateNode(doc, item, next);
  // Comments above the item and after its last value stay in the file as they are (lead and tail lines).
  item.commentBefore = undefined;
  item.spaceBefore = false;
  item.comment = undefined;
  protectStrings(item);
  const single = new Document();
  const seq = new YAMLSeq();
  seq.items.push(item);
  single.contents = seq;
  return indentBlock(single.toString(SIDECAR_YAML_OPTIONS), indent, eol);
}

/** Makes `node` hold `value`, editing in place where it can so that comments on unchanged parts stay. */
function updateNode(doc: Document, node: unknown, value: unknown): Node {
  if (isMap(node) && isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    node.items = node.items.filter((p) => isPair(p) && isScalar(p.key) && keys.includes(String(p.key.value)));
    keys.forEach((key, i) => {
      const idx = node.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
      if (idx >= 0) {
        const pair = node.items[idx]!;
        pair.value = updateNode(doc, pair.value, value[key]);
      } else {
        // After the nearest earlier key that is present, else first.
        const earlier = keys.slice(0, i).reverse().map((k) => node.items.findIndex((p) => isScalar(p.key) && p.key.value === k)).find((x) => x >= 0);
        node.items.splice(earlier === undefined ? 0 : earlier + 1, 0, new Pair(new Scalar(key), createSidecarNode(doc, value[key])));
      }
    });
    return node;
  }
  if (isSeq(node) && Array.isArray(value) && node.items.length > 0 && value.length > 0) {
    node.items = value.map((v, i) => (i < node.items.length ? updateNode(doc, node.items[i], v) : createSidecarNode(doc, v)));
    return node;
  }
  if (isScalar(node) && !isObject(value) && node.value === value) return node;
  const fresh = createSidecarNode(doc, value);
  if (isMap(node) || isSeq(node) || isScalar(node)) {
    fresh.commentBefore = node.commentBefore;
    fresh.comment = node.comment;
    fresh.spaceBefore = node.spaceBefore;
  }
  return fresh;
}

function renderScalar(value: string): string {
  const d = new Document();
  d.contents = createSidecarNode(d, value);
  return d.toString(SIDECAR_YAML_OPTIONS).replace(/\n$/, '');
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function seqOf(doc: Document): YAMLSeq | undefined {
  const root = doc.contents;
  const value = isMap(root) ? findPair(root, 'annotations')?.value : undefined;
  return isSeq(value) ? value : undefined;
}

/** Offsets of the `-` of each item, when only spaces and line breaks separate it from its item. */
function dashesBefore(text: string, seq: YAMLSeq): number[] | undefined {
  if (seq.flow) return [];
  const out: number[] = [];
  for (const item of seq.items) {
    let i = ((item as Node).range?.[0] ?? 0) - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r')) i--;
    if (i < 0 || text[i] !== '-') return undefined;
    const lineStart = text.lastIndexOf('\n', i) + 1;
    if (text.slice(lineStart, i).trim() !== '') return undefined; // e.g. a '-' ending a comment
    out.push(i);
  }
  return out;
}

/** Offsets of the `-` of each item of a block sequence (from the source tokens), one per item. */
function dashOffsets(seq: YAMLSeq): number[] {
  const token = seq.srcToken as CST.Token | undefined;
  if (!token || token.type !== 'block-seq') throw new Error('not a block sequence');
  const all = token.items.flatMap((it) => it.start.filter((t) => t.type === 'seq-item-ind').map((t) => t.offset));
  // The dash of each item is the last one before it.
  let j = 0;
  return seq.items.map((item) => {
    const at = (item as Node).range?.[0] ?? 0;
    while (j + 1 < all.length && all[j + 1]! <= at) j++;
    return all[j]!;
  });
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return isObject(v) && !Array.isArray(v);
}
