import type { Sidecar } from '../sidecar/model';
import { fastAnalyse } from '../sidecar/parse';

/**
 * The common ancestor is only consulted for annotations the two sides hold differently, usually a few of
 * thousands: instead of reading all of it, its annotation blocks are found by their `  - id: ` lines and
 * only the ones asked for are read (with the `document:` field). Any layout other than the serializer's
 * gives undefined: the caller then parses the whole file.
 */
export function readBaseAnnotations(text: string, ids: ReadonlySet<string>): Sidecar | undefined {
  const key = /^annotations:[ \t]*$/m.exec(text);
  if (!key) return undefined;
  const head = fastAnalyse('base', `${text.slice(0, key.index)}annotations: []\n`, {});
  if (!head) return undefined;
  const document = head.result.sidecar.document;
  const body = text.slice(key.index + key[0].length);
  // Everything after the key must belong to the list: indented lines, comments, blank lines.
  if (/^(?![ \t]|#|$)/m.test(body.replace(/^\n/, ''))) return undefined;
  const dashes = body.match(/^ {2}- /gm)?.length ?? 0;
  const starts: { id: string; at: number }[] = [];
  for (const m of body.matchAll(/^ {2}- id: ([A-Za-z0-9][A-Za-z0-9_.-]*)[ \t]*$/gm)) starts.push({ id: m[1]!, at: m.index });
  if (starts.length !== dashes) return undefined;
  const blocks: string[] = [];
  const wanted = new Set<string>();
  starts.forEach((s, i) => {
    if (!ids.has(s.id)) return;
    wanted.add(s.id);
    blocks.push(body.slice(s.at, i + 1 < starts.length ? starts[i + 1]!.at : body.length).replace(/\n?$/, '\n'));
  });
  if (blocks.length === 0) return { version: 1, document, annotations: [] };
  const read = fastAnalyse('base', `version: 1\ndocument: base\nannotations:\n${blocks.join('')}`, {});
  if (!read || read.result.annotations.length !== wanted.size) return undefined;
  return { version: 1, document, annotations: read.result.annotations };
}
