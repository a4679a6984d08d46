/**
 * CSV for spreadsheets: one row per annotation, RFC 4180 (comma-separated, CRLF between records, fields with
 * a comma, quote or line break in double quotes; papaparse writes and reads it).
 *
 * - A UTF-8 byte-order mark starts the file: without one Excel reads a CSV in the system's ANSI code page
 *   (Chinese quotes, emoji and accents turn to mojibake); with it Excel and LibreOffice both take UTF-8.
 *   The import drops it.
 * - Start and end are where the editor shows the cursor at the passage's two ends, as its status bar does:
 *   `Ln 12, Col 5` (1-based line and column, characters counted as VS Code counts them, a tab as one), so
 *   Go to Line (Ctrl+G) `12:5` finds them. Not a bare `12:5`: Excel would read that as a time of day.
 * - A cell that starts with = + - @, a tab or a carriage return would be run as a formula by a spreadsheet
 *   (formula injection): it is written with a leading apostrophe, and so is a cell that already starts with
 *   one, so the import takes exactly one apostrophe off any cell that starts with it and gets the text back.
 * - Status is how the core's re-anchoring finds the passage in the document now: anchored (at its place or
 *   moved unchanged), fuzzy (edited), orphaned (not found; start and end empty).
 */
import Papa from 'papaparse';
import { LineIndex } from '../text/lineIndex';
import { CODE_SEPARATOR, CSV_COLUMNS, FORMULA_START, statusBarPosition } from './csvColumns';
import { currentSpans } from './currentSpans';
import type { InterchangeProject } from './model';

export { importCsv } from './csvImport';
export { CSV_COLUMNS } from './csvColumns';

const ROWS_PER_PIECE = 256;

export function exportCsv(project: InterchangeProject): string {
  const data: string[][] = [];
  for (const doc of project.documents) {
    const lines = new LineIndex(doc.text);
    for (const span of currentSpans(doc)) {
      const a = span.annotation;
      const attached = span.status !== 'orphaned';
      data.push([
        a.id,
        doc.path,
        doc.plan ?? '',
        doc.provisions?.get(a.id) ?? '',
        a.codes.join(CODE_SEPARATOR),
        span.quote.exact,
        a.note ?? '',
        a.author ?? '',
        a.created,
        a.modified ?? '',
        attached ? statusBarPosition(lines.positionAt(span.start)) : '',
        attached ? statusBarPosition(lines.positionAt(span.end)) : '',
        span.status === 'fuzzy' || span.status === 'orphaned' ? span.status : 'anchored',
      ]);
    }
  }
  // Written a few hundred rows at a time and joined: papaparse builds its string with `+=`, and one string of
  // 130,000 pieces for 10,000 rows costs more per row to flatten and encode than short ones (cache misses), so
  // the export grew faster than the rows (growth exponent 1.17). The same text: a header, then rows, CRLF between.
  // The header alone comes with its CRLF.
  const header = Papa.unparse({ fields: [...CSV_COLUMNS], data: [] }, { newline: '\r\n', escapeFormulae: FORMULA_START });
  const pieces: string[] = [];
  for (let i = 0; i < data.length; i += ROWS_PER_PIECE) pieces.push(Papa.unparse(data.slice(i, i + ROWS_PER_PIECE), { newline: '\r\n', escapeFormulae: FORMULA_START }));
  return `\uFEFF${header}${pieces.join('\r\n')}\r\n`;
}
