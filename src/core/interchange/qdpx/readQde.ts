import { createSelectors } from '../../anchoring/selectors';
import type { Annotation, AnnotationLink } from '../../sidecar/model';
import { normalizeLineEnds } from '../../text/documentText';
import { codesFromXml } from '../codebookXml';
import { normalGuid } from '../guids';
import type { DataLossItem, ImportResult, InterchangeDocument } from '../model';
import { dirnamePath, relativePath, safeDocumentPath } from '../paths';
import { asArray, attr, parseXml, textOf, type XmlNode } from '../xml';
import { detectCrlfCount, toolOffsets, type CrlfCount } from './crlfCounting';
import { linkTargetGuid, ORIGIN, selectionGuid } from './writeQde';

/**
 * A `.qde` project read into the interchange model: each TextSource with its text becomes a document, each
 * PlainTextSelection an annotation (quote selector built from the text, code points turned into UTF-16
 * offsets, CRLF counted as the exporting tool counted it), Descriptions and referenced Notes its note, the
 * creating User its author. What cannot be carried is listed in `dataLoss`, never dropped silently.
 */
export interface QdeReadOptions {
  /** Code ids the workspace knows (themes, codebook): codes we exported get them back by GUID. */
  readonly knownCodeIds?: Iterable<string>;
  /** Overrides the detection of how the tool counted CRLF. */
  readonly crlf?: CrlfCount;
}

/** The bytes of `internal://…` and other plainTextPath values; undefined when the file does not hold them. */
export type SourceResolver = (plainTextPath: string) => Uint8Array | undefined;

const OTHER_SOURCES = ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'] as const;
const UNCARRIED = ['Variables', 'Cases', 'Sets', 'Graphs'] as const;
const EPOCH = '1970-01-01T00:00:00Z';
const utf8 = new TextDecoder('utf-8');

interface Placed {
  readonly path: string;
  readonly id: string;
}

export function readQde(xml: string, resolve: SourceResolver, options: QdeReadOptions = {}): ImportResult {
  const dataLoss: DataLossItem[] = [];
  let doc: XmlNode;
  try {
    doc = parseXml(xml);
  } catch (err) {
    throw new Error(`not a REFI-QDA project: the XML does not parse (${(err as Error).message})`, { cause: err });
  }
  const project = asArray(doc['Project'])[0];
  if (!project) throw new Error('not a REFI-QDA project: no <Project> element');
  const ours = attr(project, 'origin') === ORIGIN;
  const users = new Map(asArray((project['Users'] as XmlNode | undefined)?.['User']).map((u) => [normalGuid(attr(u, 'guid') ?? ''), attr(u, 'name') ?? '']));
  const codebook = asArray(project['CodeBook'])[0];
  const { codes, idByGuid } = codesFromXml(asArray(codebook?.['Codes'])[0], options.knownCodeIds ?? [], dataLoss);
  const notes = new Map(asArray((project['Notes'] as XmlNode | undefined)?.['Note']).map((n) => [normalGuid(attr(n, 'guid') ?? ''), n]));
  const usedNotes = new Set<string>();
  const sources = asArray(project['Sources'])[0] ?? {};
  const placed = new Map<string, Placed>();
  const documents: InterchangeDocument[] = [];
  const annotationsByPath = new Map<string, Annotation[]>();
  const takenPaths = new Set<string>();

  const noteText = (node: XmlNode): string | undefined => {
    const parts: string[] = [];
    const own = textOf(node['Description'])?.trim();
    if (own) parts.push(own);
    for (const ref of asArray(node['NoteRef'])) {
      const guid = normalGuid(attr(ref, 'targetGUID') ?? '');
      const n = notes.get(guid);
      if (!n) continue;
      usedNotes.add(guid);
      const text = (textOf(n['PlainTextContent']) ?? textOf(n['Description']) ?? '').trim();
      if (text) parts.push(text);
    }
    return parts.length ? parts.join('\n\n') : undefined;
  };

  for (const src of asArray(sources['TextSource'])) {
    const guid = normalGuid(attr(src, 'guid') ?? '');
    const name = attr(src, 'name') ?? guid;
    const selections = asArray(src['PlainTextSelection']);
    let raw: string | undefined;
    const inline = src['PlainTextContent'];
    const textPath = attr(src, 'plainTextPath');
    if (inline !== undefined) raw = textOf(inline) ?? '';
    else if (textPath) {
      const bytes = resolve(textPath);
      if (bytes) raw = utf8.decode(bytes); // TextDecoder drops a UTF-8 BOM
    }
    if (raw === undefined) {
      dataLoss.push({ kind: 'TextSource', where: name, reason: `its text (${textPath ?? 'no plainTextPath'}) is not in the file: its ${selections.length} selection(s) cannot be placed` });
      continue;
    }
    raw = raw.replace(/^\uFEFF/, '');
    const path = uniquePath(safeDocumentPath(name, `source-${guid.slice(0, 8).toLowerCase()}`), takenPaths);
    const text = normalizeLineEnds(raw).text;
    const spans = selections.map((s) => ({ start: Number(attr(s, 'startPosition')), end: Number(attr(s, 'endPosition')), name: attr(s, 'name') }));
    const count = detectCrlfCount(raw, spans, options.crlf);
    const toRaw = toolOffsets(raw, count);
    const toText = rawToText(raw, text);
    const annotations: Annotation[] = [];
    selections.forEach((s, i) => {
      const sGuid = normalGuid(attr(s, 'guid') ?? '');
      const where = `${name}: ${attr(s, 'name') ?? sGuid}`;
      const { start: cpStart, end: cpEnd } = spans[i]!;
      if (!Number.isInteger(cpStart) || !Number.isInteger(cpEnd) || cpStart < 0 || cpEnd <= cpStart) {
        dataLoss.push({ kind: 'PlainTextSelection', where, reason: `positions ${attr(s, 'startPosition')}-${attr(s, 'endPosition')} are not a span` });
        return;
      }
      const start = toText(toRaw(cpStart));
      const end = toText(toRaw(cpEnd));
      if (end > text.length || end <= start) {
        dataLoss.push({ kind: 'PlainTextSelection', where, reason: `positions ${cpStart}-${cpEnd} lie outside the text` });
        return;
      }
      const selName = attr(s, 'name');
      const id = ours && selName && selectionGuid(name, selName) === sGuid ? selName : `q-${sGuid.toLowerCase()}`;
      const codeIds: string[] = [];
      for (const coding of asArray(s['Coding'])) {
        const ref = normalGuid(attr(asArray(coding['CodeRef'])[0], 'targetGUID') ?? '');
        const code = idByGuid.get(ref);
        if (code) {
          if (!codeIds.includes(code)) codeIds.push(code);
        } else dataLoss.push({ kind: 'Coding', where, reason: `refers to a code that is not in the codebook (${ref})` });
      }
      const { quote, position } = createSelectors(text, start, end);
      const a: Annotation = { id, target: { quote, position }, codes: codeIds, created: attr(s, 'creationDateTime') ?? attr(src, 'creationDateTime') ?? attr(project, 'creationDateTime') ?? EPOCH };
      const note = noteText(s);
      if (note) a.note = note;
      const author = users.get(normalGuid(attr(s, 'creatingUser') ?? ''));
      if (author) a.author = author;
      const modified = attr(s, 'modifiedDateTime');
      if (modified && modified !== a.created) a.modified = modified;
      annotations.push(a);
      placed.set(sGuid, { path, id });
    });
    for (const kind of ['Coding', 'NoteRef', 'VariableValue'] as const) {
      const n = asArray(src[kind]).length;
      if (n) dataLoss.push({ kind: kind === 'Coding' ? 'Coding of a whole source' : kind === 'NoteRef' ? 'Note on a source' : 'VariableValue', where: name, reason: `${n} left out: Policy Lens annotates passages` });
    }
    annotationsByPath.set(path, annotations);
    documents.push({ path, text, annotations });
  }

  for (const kind of OTHER_SOURCES) {
    for (const src of asArray(sources[kind])) {
      const selections = Object.keys(src).filter((k) => k.endsWith('Selection')).reduce((n, k) => n + asArray(src[k]).length, 0);
      dataLoss.push({ kind, where: attr(src, 'name') ?? attr(src, 'path') ?? attr(src, 'guid') ?? kind, reason: `only text sources are imported (${selections} selection(s) in it)` });
    }
  }
  for (const kind of UNCARRIED) if (project[kind] !== undefined) dataLoss.push({ kind, where: kind, reason: 'Policy Lens has nothing to hold it' });

  readLinks(asArray(asArray(project['Links'])[0]?.['Link']), placed, annotationsByPath, notes, usedNotes, dataLoss);
  for (const [guid, n] of notes) if (!usedNotes.has(guid)) dataLoss.push({ kind: 'Note', where: attr(n, 'name') ?? guid, reason: 'a note not on a text selection' });
  return { project: { name: attr(project, 'name') ?? 'Imported project', codes, documents }, dataLoss };
}

function readLinks(links: XmlNode[], placed: Map<string, Placed>, byPath: Map<string, Annotation[]>, notes: Map<string, XmlNode>, usedNotes: Set<string>, dataLoss: DataLossItem[]): void {
  for (const l of links) {
    const name = attr(l, 'name') ?? '';
    const from = placed.get(normalGuid(attr(l, 'originGUID') ?? ''));
    const targetGuid = normalGuid(attr(l, 'targetGUID') ?? '');
    const to = placed.get(targetGuid);
    const [relation = '', target] = splitOnce(name);
    let link: AnnotationLink | undefined;
    if (from && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(relation)) {
      if (to && target === undefined) {
        link = { relation, annotation: to.id };
        if (to.path !== from.path) link.document = relativePath(dirnamePath(from.path), to.path);
      } else if (target && linkTargetGuid(target) === targetGuid && !target.startsWith('document:')) {
        const [plan, provision] = target.split('/');
        link = { relation, plan: plan!, ...(provision ? { provision } : {}) };
      } else if (target?.startsWith('document:') && linkTargetGuid(target) === targetGuid) {
        link = { relation, document: relativePath(dirnamePath(from.path), target.slice('document:'.length)) };
      }
    }
    if (!link || !from) {
      dataLoss.push({ kind: 'Link', where: name || (attr(l, 'guid') ?? ''), reason: 'only links between text selections (or ours to provisions) are carried' });
      continue;
    }
    for (const ref of asArray(l['NoteRef'])) {
      const guid = normalGuid(attr(ref, 'targetGUID') ?? '');
      const text = textOf(notes.get(guid)?.['PlainTextContent'])?.trim();
      if (text) {
        link.note = text;
        usedNotes.add(guid);
      }
    }
    const a = byPath.get(from.path)?.find((x) => x.id === from.id);
    if (a) (a.links ??= []).push(link);
  }
}

function splitOnce(s: string): [string, string | undefined] {
  const i = s.indexOf(' ');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function uniquePath(path: string, taken: Set<string>): string {
  let p = path;
  for (let n = 2; taken.has(p.toLowerCase()); n++) p = path.replace(/(\.[^./]+)?$/, (ext) => ` (${n})${ext}`);
  taken.add(p.toLowerCase());
  return p;
}

/** Offsets of the source's raw text in the document text (line ends normalised as VS Code does). */
function rawToText(raw: string, text: string): (offset: number) => number {
  if (raw === text) return (o) => o;
  // Normalising changes only line ends: walk both texts line by line.
  const rawStarts: number[] = [0];
  const textStarts: number[] = [0];
  for (const m of raw.matchAll(/\r\n|\r|\n/g)) rawStarts.push(m.index + m[0].length);
  for (const m of text.matchAll(/\r\n|\n/g)) textStarts.push(m.index + m[0].length);
  return (o) => {
    let lo = 0;
    let hi = rawStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rawStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return Math.min(text.length, textStarts[lo]! + (o - rawStarts[lo]!));
  };
}
