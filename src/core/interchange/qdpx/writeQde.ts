import type { Code } from '../../codebook/codebook';
import type { Annotation, AnnotationLink } from '../../sidecar/model';
import { codeGuid, codesToXml } from '../codebookXml';
import { stableGuid } from '../guids';
import { CrlfMap } from '../lineEnds';
import type { InterchangeDocument, InterchangeProject } from '../model';
import { CodePointOffsets } from '../../text/codePointOffsets';
import { joinPath, dirnamePath } from '../paths';
import { buildXml, xmlSafe, type XmlNode } from '../xml';

/**
 * The `.qde` project file and its `sources/` texts, written from the interchange model. Child order and
 * required attributes follow Project.xsd; empty containers are left out (the schema refuses them). Every
 * GUID is UUIDv5 of our ids and nothing depends on the clock, so the same workspace gives the same bytes.
 */
export interface QdeFiles {
  readonly qde: string;
  /** `sources/<GUID>.txt` → the document's text, LF line ends, as the offsets count it. */
  readonly sources: ReadonlyMap<string, string>;
}

export const ORIGIN = 'Policy Lens';
const XSD_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export function sourceGuid(path: string): string {
  return stableGuid('source', path);
}

export function selectionGuid(path: string, id: string): string {
  return stableGuid('selection', `${path}#${id}`);
}

export function userGuid(name: string): string {
  return stableGuid('user', name);
}

/** The GUID a link to a plan, a provision or a whole document points at (nothing in the file has it). */
export function linkTargetGuid(target: string): string {
  return stableGuid('target', target);
}

/** A link's name: its relation, and what it points at when that is not an annotation in the file. */
export function linkName(relation: string, target: string | undefined): string {
  return target ? `${relation} ${target}` : relation;
}

/** `plan/provision`, `plan` or `document:path` for a link that does not point at an annotation. */
export function linkTargetText(l: AnnotationLink, documentPath: string | undefined): string | undefined {
  if (l.annotation) return undefined;
  if (l.plan || l.provision) return [l.plan ?? '', l.provision ?? ''].filter(Boolean).join('/');
  return documentPath ? `document:${documentPath}` : undefined;
}

function dated(node: XmlNode, name: string, value: string | undefined): void {
  if (value && XSD_DATE.test(value)) node[`@_${name}`] = value;
}

export function writeQde(project: InterchangeProject): QdeFiles {
  const codes: Code[] = [...project.codes];
  const known = new Set(codes.map((c) => c.id));
  const users = new Set<string>();
  const notes: XmlNode[] = [];
  const links: XmlNode[] = [];
  const sources = new Map<string, string>();
  const docs = [...project.documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const docByPath = new Map(docs.map((d) => [d.path, d]));
  for (const d of docs) for (const a of d.annotations) {
    if (a.author) users.add(a.author);
    // A code used but not in the codebook still needs a Code for its CodeRef to point at.
    for (const c of a.codes) if (!known.has(c)) (known.add(c), codes.push({ id: c, label: c, source: 'codebook' }));
  }
  // One GUID per user, not one per selection, coding and note that names them.
  const userGuids = new Map([...users].map((u) => [u, userGuid(u)]));
  const userAttr = (node: XmlNode, name: string, author: string | undefined): void => {
    if (author) node[`@_${name}`] = userGuids.get(author) ?? userGuid(author);
  };
  const note = (guid: string, text: string, author: string | undefined, created: string | undefined): void => {
    const n: XmlNode = { '@_guid': guid };
    userAttr(n, 'creatingUser', author);
    dated(n, 'creationDateTime', created);
    n['PlainTextContent'] = xmlSafe(text);
    notes.push(n);
  };
  const textSources = docs.map((d) => {
    const guid = sourceGuid(d.path);
    const crlf = new CrlfMap(d.text);
    const lf = crlf.lfText();
    const points = new CodePointOffsets(lf);
    sources.set(`sources/${guid}.txt`, lf);
    const node: XmlNode = { '@_guid': guid, '@_name': xmlSafe(d.path), '@_plainTextPath': `internal://${guid}.txt` };
    const selections = [...d.annotations].sort((a, b) => a.target.position.start - b.target.position.start || (a.id < b.id ? -1 : 1));
    if (selections.length) node['PlainTextSelection'] = selections.map((a) => selection(d, a, crlf, points));
    return node;
  });

  function selection(d: InterchangeDocument, a: Annotation, crlf: CrlfMap, points: CodePointOffsets): XmlNode {
    const guid = selectionGuid(d.path, a.id);
    const s: XmlNode = {
      '@_guid': guid,
      '@_name': a.id,
      '@_startPosition': String(points.toCodePoint(crlf.toLf(a.target.position.start))),
      '@_endPosition': String(points.toCodePoint(crlf.toLf(a.target.position.end))),
    };
    userAttr(s, 'creatingUser', a.author);
    dated(s, 'creationDateTime', a.created);
    if (a.modified) userAttr(s, 'modifyingUser', a.author);
    dated(s, 'modifiedDateTime', a.modified);
    if (a.codes.length) {
      s['Coding'] = a.codes.map((c) => {
        const coding: XmlNode = { '@_guid': stableGuid('coding', `${d.path}#${a.id}#${c}`) };
        userAttr(coding, 'creatingUser', a.author);
        dated(coding, 'creationDateTime', a.created);
        coding['CodeRef'] = { '@_targetGUID': codeGuid(c) };
        return coding;
      });
    }
    if (a.note) {
      const noteGuid = stableGuid('note', `${d.path}#${a.id}`);
      note(noteGuid, a.note, a.author, a.created);
      s['NoteRef'] = [{ '@_targetGUID': noteGuid }];
    }
    (a.links ?? []).forEach((l, i) => links.push(link(d, a, guid, l, i)));
    return s;
  }

  function link(d: InterchangeDocument, a: Annotation, origin: string, l: AnnotationLink, i: number): XmlNode {
    const targetPath = l.document !== undefined ? joinPath(dirnamePath(d.path), l.document) : l.annotation ? d.path : undefined;
    const target = linkTargetText(l, targetPath);
    const targetGuid = l.annotation && targetPath !== undefined && docByPath.has(targetPath) ? selectionGuid(targetPath, l.annotation) : linkTargetGuid(target ?? `${targetPath ?? ''}#${l.annotation ?? ''}`);
    const node: XmlNode = { '@_guid': stableGuid('link', `${d.path}#${a.id}#${i}`), '@_name': xmlSafe(linkName(l.relation, target)), '@_direction': 'OneWay', '@_originGUID': origin, '@_targetGUID': targetGuid };
    if (l.note) {
      const noteGuid = stableGuid('note', `${d.path}#${a.id}#link${i}`);
      note(noteGuid, l.note, a.author, a.created);
      node['NoteRef'] = [{ '@_targetGUID': noteGuid }];
    }
    return node;
  }

  const root: XmlNode = { '@_xmlns': 'urn:QDA-XML:project:1.0', '@_name': xmlSafe(project.name) || 'Policy Lens project', '@_origin': ORIGIN };
  if (users.size) root['Users'] = { User: [...users].sort().map((u) => ({ '@_guid': userGuids.get(u)!, '@_name': xmlSafe(u) })) };
  if (codes.length) root['CodeBook'] = { Codes: { Code: codesToXml(codes) } };
  if (textSources.length) root['Sources'] = { TextSource: textSources };
  if (notes.length) root['Notes'] = { Note: notes };
  if (links.length) root['Links'] = { Link: links };
  return { qde: buildXml({ Project: root }), sources };
}
