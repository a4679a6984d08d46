import * as fs from 'fs';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import type { Code } from '../src/core/codebook/codebook';
import type { InterchangeProject } from '../src/core/interchange/model';
import type { Annotation } from '../src/core/sidecar/model';
import { createAnnotation } from '../src/core/annotations/annotationFactory';
import { SHARED } from './paths';

/** Inputs of the interchange tests: texts that trip offset conversions, and the REFI-QDA schemas. */
export const REFI = path.join(SHARED, 'refi-qda');
export const PROJECT_XSD = path.join(REFI, 'Project.xsd');
export const CODEBOOK_XSD = path.join(REFI, 'Codebook.xsd');
export const ATLAS_QDE = path.join(REFI, 'atlas-ti-8.4-export.qde');

/** Emoji, a CJK Extension B character, combining marks and CRLF line ends before the annotated spans. */
export const TRICKY_TEXT = 'Préambule 😀 et 𠀀𠀁 caf\u0065\u0301\r\nLigne deux 👩‍👩‍👧 avec une clause ouverte\r\n\r\nTroisième 𪚥 open source models here\r\nend';

export const CODES: Code[] = [
  { id: 'open-source', label: 'Open source and open models', colour: '#6AB7F7', source: 'theme' },
  { id: 'follow-up', label: 'Follow up', colour: '#C586C0', description: 'A passage to come back to.', source: 'codebook' },
  { id: 'follow-up-legal', label: 'Legal follow up', parent: 'follow-up', source: 'codebook' },
];

function at(text: string, exact: string, id: string, extra: Partial<Annotation>): Annotation {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`${exact} not in the text`);
  return { ...createAnnotation({ id, text, start, end: start + exact.length, codes: [], now: new Date('2026-11-28T13:02:11.512Z') }), ...extra };
}

export function trickyProject(): InterchangeProject {
  const t = TRICKY_TEXT;
  const other = 'Another document 😀 with a clause\nand more.';
  return {
    name: 'Tricky',
    codes: CODES,
    documents: [
      {
        path: 'plans/tricky.policy.txt',
        text: t,
        annotations: [
          at(t, 'clause ouverte', 'a-clause0001', { codes: ['open-source', 'follow-up'], note: 'Note with 😀 and <xml> & "quotes"', author: 'ana', modified: '2026-11-29T08:00:00.000Z', links: [{ relation: 'aligned', plan: 'cn', provision: 'cn-3' }, { relation: 'contrasting', document: '../notes/other.txt', annotation: 'a-other00001', note: 'see there' }] }),
          at(t, '𪚥 open source', 'a-astral0001', { codes: ['follow-up-legal'], author: 'bo' }),
          at(t, 'caf\u0065\u0301\r\nLigne', 'a-crlf000001', { codes: ['open-source'] }),
        ],
      },
      { path: 'notes/other.txt', text: other, annotations: [at(other, 'clause', 'a-other00001', { codes: ['follow-up'], author: 'ana', links: [{ relation: 'contrasting', document: '../plans/tricky.policy.txt', annotation: 'a-clause0001' }] })] },
      { path: 'notes/empty.txt', text: 'No annotations here.', annotations: [] },
    ],
  };
}

export async function schemaErrors(xml: string, xsd: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [{ fileName: path.basename(xsd), contents: fs.readFileSync(xsd, 'utf8') }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** A .qdpx as another tool would zip it: its own .qde name, its own sources folder name. */
export function zipLike(qdeName: string, qde: string, sources: Record<string, Uint8Array | string>): Uint8Array {
  const files: Record<string, Uint8Array> = { [qdeName]: strToU8(qde) };
  for (const [name, content] of Object.entries(sources)) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}
