import { Document, isScalar, Scalar, visit, type Node, type ToStringOptions } from 'yaml';
import { emitAnnotationItem } from './emit';
import { canonicalAnnotation, SIDECAR_VERSION, sortAnnotations, type Annotation, type Sidecar } from './model';

/**
 * How sidecars are written. `lineWidth: 0` turns folding off: with folding the yaml package alters
 * some multi-line strings whose first line starts with spaces (eemeli/yaml#692). Double-quoted strings
 * stay on one line (`\n` escapes): written over several lines, the yaml package escapes the backslash
 * of an escaped space twice, so " \n \n" read back as " \n\\\n".
 */
export const SIDECAR_YAML_OPTIONS: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER };

/**
 * The yaml package writes a multi-line string made only of spaces, tabs and line breaks as a block
 * literal without an indentation indicator, which reads back as different text (" \n" → "\n").
 * Such strings, and any string with a character YAML may read as a line break, are double-quoted.
 */
export function needsDoubleQuotes(s: string): boolean {
  return (s.includes('\n') && /^[ \t\n]*$/.test(s)) || /[\r\u0085\u2028\u2029]/.test(s);
}

/** Forces double quotes on the strings under `node` that need them (see needsDoubleQuotes). */
export function protectStrings(node: Node | Document): void {
  visit(node, {
    Scalar(_key, s) {
      if (typeof s.value === 'string' && needsDoubleQuotes(s.value)) s.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/** A fresh YAML node for a value, with protected strings. */
export function createSidecarNode(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  if (isScalar(node)) {
    if (typeof node.value === 'string' && needsDoubleQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  } else protectStrings(node);
  return node;
}

/**
 * The sidecar as YAML, deterministically: `version` first, then `document`, then the annotations in
 * document order (start offset, then id), every key in a fixed order, block style. The annotations are
 * written by emit.ts (the yaml package's output, faster); the head by the yaml package.
 */
export function serializeSidecar(sidecar: Sidecar): string {
  const head = serializeSidecarWithYaml({ ...sidecar, annotations: [] });
  if (sidecar.annotations.length === 0) return head;
  if (!head.endsWith('\nannotations: []\n')) return serializeSidecarWithYaml(sidecar);
  const parts = [head.slice(0, -' []\n'.length), '\n'];
  for (const a of sortAnnotations(sidecar.annotations)) parts.push(renderAnnotationItem(a, 2));
  return parts.join('');
}

/** serializeSidecar by the yaml package alone: the reference of the emitter's tests. */
export function serializeSidecarWithYaml(sidecar: Sidecar): string {
  const doc = new Document({
    version: SIDECAR_VERSION,
    document: sidecar.document,
    annotations: sortAnnotations(sidecar.annotations).map(canonicalAnnotation),
  });
  protectStrings(doc);
  return doc.toString(SIDECAR_YAML_OPTIONS);
}

/** One annotation as a block-sequence item (`- id: …`), its dash at column `indent`, lines ending in `eol`. */
export function renderAnnotationItem(annotation: Annotation, indent: number, eol = '\n'): string {
  const emitted = emitAnnotationItem(canonicalAnnotation(annotation));
  return emitted === undefined ? renderAnnotationItemWithYaml(annotation, indent, eol) : indentBlock(emitted, indent, eol);
}

/** renderAnnotationItem by the yaml package alone. */
export function renderAnnotationItemWithYaml(annotation: Annotation, indent: number, eol = '\n'): string {
  const doc = new Document([canonicalAnnotation(annotation)]);
  protectStrings(doc);
  return indentBlock(doc.toString(SIDECAR_YAML_OPTIONS), indent, eol);
}

/** Shifts every non-empty line right by `indent` spaces (safe in YAML block context) and sets line ends. */
export function indentBlock(text: string, indent: number, eol = '\n'): string {
  const pad = ' '.repeat(indent);
  const lines = text.split('\n');
  const last = lines.pop(); // '' after the final line break
  const body = lines.map((l) => (l && indent ? pad + l : l)).join(eol) + eol;
  return last ? body + pad + last : body;
}
