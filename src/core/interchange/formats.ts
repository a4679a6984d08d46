/**
 * Export and import, whatever the format: the one dispatch the CLI and the editor call.
 *
 *   exportProject(project: InterchangeProject, format: ExportFormat): Uint8Array
 *     'qdpx' a REFI-QDA project (zip: project.qde + sources/<GUID>.txt), 'qdc' the codebook alone,
 *     'w3c' W3C Web Annotation JSON-LD, 'csv' one row per annotation. Throws Error with a message for the user.
 *   importBytes(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult
 *     The format from the file name (.qdpx .qde .qdc .json .jsonld .csv), else from the bytes. Throws Error
 *     (message for the user) when the file is not one of them; what it cannot carry is in `dataLoss`.
 *   formatFromFileName(fileName): ExportFormat | undefined — for a picker's default.
 */
import { exportCsv, importCsv } from './csv';
import type { ImportResult, InterchangeProject } from './model';
import { exportQdc, importQdc } from './qdc';
import type { CrlfCount } from './qdpx/crlfCounting';
import { exportQdpx, importQdpx } from './qdpx/qdpxZip';
import { readQde } from './qdpx/readQde';
import { exportW3c, importW3c } from './w3c';

export const EXPORT_FORMATS = ['qdpx', 'qdc', 'w3c', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File name extension of each format (W3C: JSON-LD written as .json, which every tool opens). */
export const FORMAT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { qdpx: '.qdpx', qdc: '.qdc', w3c: '.json', csv: '.csv' };

export interface ImportOptions {
  /** Code ids the workspace knows (pack themes, codebook): REFI-QDA codes we exported get them back by GUID. */
  readonly knownCodeIds?: Iterable<string>;
  /** How the exporting tool counted CRLF in REFI-QDA sources; detected when not given. */
  readonly crlf?: CrlfCount;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

export function exportProject(project: InterchangeProject, format: ExportFormat): Uint8Array {
  switch (format) {
    case 'qdpx':
      return exportQdpx(project);
    case 'qdc':
      return encoder.encode(exportQdc(project.codes));
    case 'w3c':
      return encoder.encode(exportW3c(project));
    case 'csv':
      return encoder.encode(exportCsv(project));
  }
}

type ImportFormat = ExportFormat | 'qde';

export function formatFromFileName(fileName: string): ExportFormat | undefined {
  const f = importFormatOfName(fileName);
  return f === 'qde' ? 'qdpx' : f;
}

function importFormatOfName(fileName: string): ImportFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(fileName);
  switch (m?.[1]!.toLowerCase()) {
    case 'qdpx':
      return 'qdpx';
    case 'qde':
      return 'qde';
    case 'qdc':
      return 'qdc';
    case 'json':
    case 'jsonld':
      return 'w3c';
    case 'csv':
      return 'csv';
    default:
      return undefined;
  }
}

/** The format from the first bytes, for a file whose name says nothing. */
function sniff(bytes: Uint8Array): ImportFormat | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'qdpx';
  const head = decoder.decode(bytes.subarray(0, 4096)).trimStart();
  if (head.startsWith('<')) return /<(\w+:)?CodeBook[\s>]/.test(head) && !/<(\w+:)?Project[\s>]/.test(head) ? 'qdc' : 'qde';
  if (head.startsWith('{') || head.startsWith('[')) return 'w3c';
  return undefined;
}

export function importBytes(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  const format = importFormatOfName(fileName) ?? sniff(bytes);
  const text = (): string => decoder.decode(bytes); // drops a UTF-8 BOM
  switch (format) {
    case 'qdpx':
      return importQdpx(bytes, options);
    case 'qde': {
      const result = readQde(text(), () => undefined, options);
      return result;
    }
    case 'qdc':
      return importQdc(text(), options);
    case 'w3c':
      return importW3c(text(), fileName);
    case 'csv':
      return importCsv(text(), fileName);
    default:
      throw new Error(`${fileName}: not a file Policy Lens imports (.qdpx, .qde, .qdc, W3C .json/.jsonld, .csv)`);
  }
}
