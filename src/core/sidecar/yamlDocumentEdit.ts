import { Document, isMap, isPair, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLSeq, type CST, type Node, type YAMLMap } from 'yaml';
import { applyEdits, planItems, renderItemList, type Edit } from './itemEdits';
import { canonicalAnnotation, sortAnnotations, type Annotation, type Sidecar } from './model';
import { createSidecarNode, indentBlock, protectStrings, SIDECAR_YAML_OPTIONS } from './serialize';
import { LineStarts } from './yamlNodes';

/**
 * The in-place writer on the `yaml` package's Document: for any file that package reads (the fast
 * reader's subset or not), items located by their nodes and changed ones re-rendered from those nodes,
 * so that comments inside them stay. The fast path borrows renderChanged for items with comments.
 */

/** The in-place edit; throws on layouts it does not handle (the caller then rewrites the file). */
export function editInPlace(text: string, parsed: Document, current: readonly Annotation[], next: Sidecar): string {
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
    const body = renderItemList(wanted, eol);
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
export function renderChanged(doc: Document, item: YAMLMap, next: Annotation, indent: number, eol: string): string {
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

/** `value` written as the serializer writes a scalar: the new `document:` value of either editor. */
export function renderScalar(value: string): string {
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
