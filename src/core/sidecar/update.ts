import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { DataError, type Problem } from '../data/problem';
import { schemaAccepts } from '../data/schemaCheck';
import { fastRead, fastReadItems, type FastRead } from './fastRead';
import { surelyValidAnnotation } from './annotationShape';
import { canonicalAnnotation, LINK_TARGET_KEYS, SIDECAR_VERSION, sameAnnotationData, sameValue, sortAnnotations, type Annotation, type Sidecar } from './model';
import { analyseSidecar, fastAnalyse, type FastAnalysis, type SidecarAnalysis, type YamlAnalysis } from './parse';
import { ANNOTATION_SCHEMA, SIDECAR_TOP_SCHEMA } from './schema';
import { renderAnnotationItem, serializeSidecar } from './serialize';
import { applyEdits, planItems, renderItemList, type PlannedEdit } from './itemEdits';
import { editInPlace, renderChanged, renderScalar } from './yamlDocumentEdit';
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

/**
 * updateSidecarText, also saying how the text was made. `file` names the sidecar in errors. `yaml`: the
 * analysis parseSidecarForUpdate handed back, used when it is of `existingText`, so that a large file
 * outside the fast reader's subset is not parsed by the `yaml` package twice (it is used up: editing
 * changes its nodes).
 */
export function updateSidecar(existingText: string, next: Sidecar, file = 'sidecar', yaml?: YamlAnalysis): SidecarUpdate {
  return update(existingText, next, file, true, yaml?.text === existingText ? yaml.analysis : undefined);
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

function update(existingText: string, next: Sidecar, file: string, fastPath: boolean, analysis?: SidecarAnalysis): SidecarUpdate {
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

  const existing = analysis?.yaml ? analysis : analyseSidecar(file, existingText, { maxBytes: Number.MAX_SAFE_INTEGER });
  if (!existing.readOnly && existing.yaml?.doc?.contents === null) {
    // Only comments so far: they stay on top.
    return checked(file, `${existingText.trimEnd()}\n` + serializeSidecar(next), next, 'rewritten', fastPath);
  }
  if (existing.readOnly || !existing.sidecar) {
    throw new DataError(existing.problems.length ? existing.problems : [{ file, line: 0, character: 0, severity: 'error', message: 'not a sidecar' }]);
  }
  if (existing.sidecar.document === next.document && sameList(existing.annotations, next.annotations)) return { text: existingText, mode: 'unchanged' };

  // A flow-style root (`{version: 1, …}`, JSON) has no lines of its own to keep: rewritten in block style
  // below, read back by the fast reader (a block list spliced into a flow mapping would not be YAML, and
  // reading that back with the `yaml` package took longer than the rest and overflowed its stack).
  const root = existing.yaml?.doc?.contents;
  if (!(isMap(root) && root.flow)) {
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

  // Annotations that are the very objects read (the merge driver keeps them) are canonical already: not copied.
  const read_ = new Set(current);
  const wanted = sortAnnotations(next.annotations).map((a) => (read_.has(a) ? a : canonicalAnnotation(a)));
  if (list.emptyFlow) {
    // `annotations: []`: the list written below the key. The file is small: read it back whole.
    const colon = text.lastIndexOf(':', list.emptyFlow.start);
    const body = renderItemList(wanted, eol);
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
  if (!surelyValidAnnotation(value) && !schemaAccepts(value, ANNOTATION_SCHEMA)) return false;
  const a = value as Annotation;
  return a.target.position.end >= a.target.position.start && (a.links ?? []).every((l) => LINK_TARGET_KEYS.some((k) => l[k] !== undefined));
}

/**
 * updateSidecar for a text the caller has already read with fastAnalyse (the merge driver has): the same
 * result, without reading the 10,000 annotations a second time. `existingText` is the text as analysed.
 */
export function updateAnalysedSidecar(fast: FastAnalysis, existingText: string, next: Sidecar, file = 'sidecar'): SidecarUpdate {
  if (fast.result.sidecar.document === next.document && sameList(fast.result.annotations, next.annotations)) return { text: existingText, mode: 'unchanged' };
  const text = new Set(next.annotations.map((a) => a.id)).size === next.annotations.length ? fastEdit(fast, next) : undefined;
  return text !== undefined ? { text, mode: 'in-place' } : update(existingText, next, file, true);
}
