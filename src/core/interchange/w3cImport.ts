/**
 * Reads W3C Web Annotation JSON (a collection with embedded pages, a page, one annotation, or a JSON array
 * of annotations) and Hypothesis exports (an array, or the API's {rows: [...]}: `target[].selector[]`,
 * `tags`, `text`, `user`, `uri`, `created`, `updated`). A file of the wrong shape is refused with what is
 * wrong; within a good file, each annotation or part of one that cannot be carried is listed in the
 * data-loss report, never dropped silently.
 */
import type { Annotation } from '../sidecar/model';
import { ImportedProject, baseName } from './importedProject';
import { annotationIdOf, isoDateOf } from './importValues';
import type { ImportResult, PositionHint } from './model';

type Json = Record<string, unknown>;

export function importW3c(text: string, fileName: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${fileName}: not JSON (${(e as Error).message})`, { cause: e });
  }
  const { items, name } = annotationsOf(json, fileName);
  const out = new ImportedProject();
  items.forEach((item, i) => readAnnotation(item, i, fileName, out));
  return out.result(name);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function hasType(v: Json, type: string): boolean {
  return asArray(v.type).includes(type);
}

function annotationsOf(json: unknown, fileName: string): { items: unknown[]; name: string } {
  const name = baseName(fileName);
  if (Array.isArray(json)) return { items: json, name };
  if (!isObject(json)) throw new Error(`${fileName}: expected a W3C AnnotationCollection, AnnotationPage or Annotation, or a Hypothesis export (an array, or {"rows": [...]}); found ${json === null ? 'null' : typeof json}`);
  const label = typeof json.label === 'string' && json.label.trim() ? json.label.trim() : name;
  if (Array.isArray(json.rows)) return { items: json.rows, name };
  if (hasType(json, 'AnnotationCollection')) {
    if (typeof json.first === 'string') throw new Error(`${fileName}: the collection's first page is a link (${json.first}), not embedded: save the pages with the collection to import them`);
    const items: unknown[] = asArray(json.items);
    const seen = new Set<unknown>();
    for (let page: unknown = json.first; isObject(page) && !seen.has(page); page = page.next) {
      seen.add(page);
      if (page.items !== undefined && !Array.isArray(page.items)) throw new Error(`${fileName}: a page's "items" is not an array`);
      items.push(...asArray(page.items));
    }
    if (json.first === undefined && json.items === undefined && Number(json.total) > 0) throw new Error(`${fileName}: the collection says it has ${String(json.total)} annotations but holds no page of them ("first")`);
    return { items, name: label };
  }
  if (hasType(json, 'AnnotationPage')) {
    if (!Array.isArray(json.items)) throw new Error(`${fileName}: the AnnotationPage has no "items" array`);
    return { items: json.items, name: label };
  }
  if (hasType(json, 'Annotation')) return { items: [json], name };
  const type = json.type === undefined ? 'no "type"' : `type ${JSON.stringify(json.type)}`;
  throw new Error(`${fileName}: expected a W3C AnnotationCollection, AnnotationPage or Annotation, or a Hypothesis export (an array, or {"rows": [...]}); found an object with ${type}`);
}

interface Found {
  source?: string;
  quote?: { exact: string; prefix: string; suffix: string };
  position?: { start: number; end: number };
}

function readAnnotation(item: unknown, index: number, fileName: string, out: ImportedProject): void {
  const fallback = `annotation ${index + 1}`;
  if (!isObject(item)) {
    out.lose('Annotation', fallback, `not an annotation object (${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item})`);
    return;
  }
  const where = typeof item.id === 'string' && item.id ? item.id : fallback;
  const found = findTarget(item, where, out);
  if (!found) return;
  if (!found.quote && !found.position) {
    out.lose('Annotation', where, 'no TextQuoteSelector or TextPositionSelector: nothing says which passage it annotates (a page note?)');
    return;
  }
  const path = out.documentPath(found.source ?? (typeof item.uri === 'string' ? item.uri : ''));
  if ('error' in path) {
    out.lose('Annotation', where, path.error);
    return;
  }
  const uri = found.source ?? String(item.uri);
  if (path.fromUri) out.lose('Source', uri, `a URI, not a workspace path: its annotations are imported for the document '${path.path}'`);
  const { codes, note } = readBodies(item, where, out);
  const created = isoDateOf(item.created) ?? isoDateOf(item.modified) ?? isoDateOf(item.updated);
  const modified = isoDateOf(item.modified) ?? isoDateOf(item.updated);
  if (!created) out.lose('Date', where, `no ISO 8601 created date (${item.created === undefined ? 'none given' : JSON.stringify(item.created)}): the import's time is used`);
  const author = creatorOf(item);
  const annotation: Annotation = {
    id: annotationIdOf(item.id, `${fileName}#${index}`, out.ids),
    target: { quote: found.quote ?? { exact: '', prefix: '', suffix: '' }, position: { start: 0, end: 0 } },
    codes: codes.map((tag) => out.codes.idFor(tag)).filter((c, i, all) => all.indexOf(c) === i),
    ...(note !== undefined ? { note } : {}),
    ...(author !== undefined ? { author } : {}),
    created: created ?? new Date().toISOString(),
    ...(modified !== undefined && modified !== created ? { modified } : {}),
  };
  const hint: PositionHint | undefined = found.position && { unit: 'codePoint', ...found.position };
  out.add(path.path, annotation, hint);
}

/** The first target with a text selector; the others are reported. */
function findTarget(item: Json, where: string, out: ImportedProject): Found | undefined {
  const targets = asArray(item.target);
  if (targets.length === 0) {
    out.lose('Annotation', where, 'no target: nothing says what it annotates');
    return undefined;
  }
  const read = targets.map((t) => readTarget(t, where, out));
  const chosen = read.find((f) => f.quote || f.position) ?? read[0]!;
  read.forEach((f, i) => {
    if (f !== chosen) out.lose('Target', `${where} target ${i + 1}`, 'an annotation here has one target; only the first with a text selector is kept');
  });
  return chosen;
}

function readTarget(target: unknown, where: string, out: ImportedProject): Found {
  if (typeof target === 'string') return { source: target };
  if (!isObject(target)) return {};
  const found: Found = typeof target.source === 'string' ? { source: target.source } : {};
  const selectors: unknown[] = [];
  for (const queue = asArray(target.selector); queue.length; ) {
    const s = queue.shift();
    if (!isObject(s)) continue;
    selectors.push(s);
    queue.push(...asArray(s.refinedBy));
  }
  for (const s of selectors as Json[]) {
    if (hasType(s, 'TextQuoteSelector') && !found.quote) {
      if (typeof s.exact !== 'string') out.lose('Selector', where, 'a TextQuoteSelector without an "exact" string');
      else found.quote = { exact: s.exact, prefix: typeof s.prefix === 'string' ? s.prefix : '', suffix: typeof s.suffix === 'string' ? s.suffix : '' };
    } else if (hasType(s, 'TextPositionSelector') && !found.position) {
      const ok = Number.isSafeInteger(s.start) && Number.isSafeInteger(s.end) && (s.start as number) >= 0 && (s.end as number) >= (s.start as number);
      if (ok) found.position = { start: s.start as number, end: s.end as number };
      else out.lose('Selector', where, `a TextPositionSelector with start ${JSON.stringify(s.start)} and end ${JSON.stringify(s.end)} (whole numbers, start ≤ end): the quote alone places it`);
    }
  }
  return found;
}

/** Tags (W3C `tagging` bodies, Hypothesis `tags`) and the note (`commenting` and other text bodies, `text`). */
function readBodies(item: Json, where: string, out: ImportedProject): { codes: string[]; note?: string } {
  const codes: string[] = [];
  const notes: string[] = [];
  for (const tag of asArray(item.tags)) if (typeof tag === 'string' && tag.trim()) codes.push(tag.trim());
  if (typeof item.text === 'string' && item.text.trim()) notes.push(item.text);
  if (typeof item.bodyValue === 'string' && item.bodyValue.trim()) notes.push(item.bodyValue);
  for (const body of asArray(item.body)) {
    if (typeof body === 'string') {
      out.lose('Body', where, `a linked resource (${body}), not text`);
      continue;
    }
    if (!isObject(body)) continue;
    const textual = hasType(body, 'TextualBody') || (body.type === undefined && typeof body.value === 'string');
    if (!textual || typeof body.value !== 'string') {
      out.lose('Body', where, `a ${typeof body.type === 'string' ? body.type : 'non-text'} body is not carried`);
      continue;
    }
    const purposes = asArray(body.purpose);
    if (purposes.includes('tagging') || purposes.includes('classifying')) {
      if (body.value.trim()) codes.push(body.value.trim());
    } else if (body.value.trim()) notes.push(body.value);
  }
  return notes.length ? { codes, note: notes.join('\n\n') } : { codes };
}

/** The creator's name: W3C `creator` (a name, an agent, or several), else Hypothesis' display name or account. */
function creatorOf(item: Json): string | undefined {
  const names = asArray(item.creator)
    .map((c) => (typeof c === 'string' ? accountName(c) : isObject(c) ? firstString(c.name, c.nickname, typeof c.id === 'string' ? accountName(c.id) : undefined) : undefined))
    .filter((n): n is string => n !== undefined);
  if (names.length) return names.join(', ');
  const info = isObject(item.user_info) ? item.user_info : {};
  return firstString(info.display_name, typeof item.user === 'string' ? accountName(item.user) : undefined);
}

/** 'acct:alice@hypothes.is' → 'alice'; anything else as written. */
function accountName(s: string): string {
  const m = /^acct:([^@]+)@/.exec(s);
  return m ? m[1]! : s;
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.trim()) return v.trim();
  return undefined;
}
