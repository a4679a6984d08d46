import Papa from 'papaparse';
import type { Annotation } from '../sidecar/model';
import { CSV_COLUMNS, parseStatusBarPosition } from './csvColumns';
import { ImportedProject, baseName } from './importedProject';
import { annotationIdOf, isoDateOf } from './importValues';
import type { ImportResult, PositionHint } from './model';

const REQUIRED = ['document', 'quote'] as const;

/**
 * Reads a CSV as `exportCsv` writes it, also after a spreadsheet saved it again (another delimiter such as
 * ';', columns in another order or in other case, extra columns). A file that is not such a table is refused
 * with what is wrong; a row or cell that cannot be carried is listed in the data-loss report.
 */
export function importCsv(text: string, fileName: string): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    const line = body.slice(0, fatal.index ?? 0).split(/\r\n|\r|\n/).length;
    throw new Error(`${fileName}: line ${line}: ${fatal.message} (a quoted cell is not closed or has a stray quote)`);
  }
  const headers = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !headers.includes(c));
  if (missing.length) throw new Error(`${fileName}: no ${missing.map((c) => `'${c}'`).join(' or ')} column (the header row has ${headers.length ? headers.map((h) => `'${h}'`).join(', ') : 'nothing'}); expected the columns ${CSV_COLUMNS.join(', ')}`);
  const out = new ImportedProject();
  const known = new Set<string>(CSV_COLUMNS);
  for (const h of headers) if (!known.has(h)) out.lose('Column', h, 'not a column Policy Lens reads: its cells are not carried');
  for (const e of parsed.errors) if (e.code === 'TooManyFields') out.lose('Cell', `record ${(e.row ?? 0) + 1}`, 'more cells than the header row has columns: the extra cells are not carried');
  parsed.data.forEach((raw, i) => readRow(raw, i, out));
  return out.result(baseName(fileName));
}

/** The cell's text with the formula guard (one leading apostrophe) taken off. */
function cell(row: Record<string, string>, column: string): string {
  const v = row[column];
  if (typeof v !== 'string') return '';
  return v.startsWith("'") ? v.slice(1) : v;
}

function readRow(row: Record<string, string>, index: number, out: ImportedProject): void {
  const where = `record ${index + 1}`;
  const document = cell(row, 'document').trim();
  const quote = cell(row, 'quote');
  const path = out.documentPath(document);
  if ('error' in path) return out.lose('Annotation', where, path.error);
  const startCell = cell(row, 'start');
  const endCell = cell(row, 'end');
  const start = parseStatusBarPosition(startCell);
  const end = parseStatusBarPosition(endCell);
  if ((startCell.trim() || endCell.trim()) && (!start || !end)) out.lose('Position', where, `start '${startCell}' and end '${endCell}' are not 'Ln L, Col C': the quote alone places it`);
  const hint: PositionHint | undefined = start && end ? { unit: 'lineCharacter', start, end } : undefined;
  if (!quote && !hint) return out.lose('Annotation', where, 'no quote and no start and end: nothing says which passage it annotates');
  const createdCell = cell(row, 'created').trim();
  const created = isoDateOf(createdCell);
  if (!created) out.lose('Date', where, `created '${createdCell}' is not an ISO 8601 date: the import's time is used`);
  const modified = isoDateOf(cell(row, 'modified'));
  const id = cell(row, 'id').trim();
  const codes = cell(row, 'codes').trim();
  const note = cell(row, 'note');
  const author = cell(row, 'author').trim();
  const annotation: Annotation = {
    id: annotationIdOf(id || undefined, `${document}\u0000${startCell}\u0000${quote}\u0000${createdCell}`, out.ids),
    target: { quote: { exact: quote, prefix: '', suffix: '' }, position: { start: 0, end: 0 } },
    codes: codes ? codes.split(/;\s+|;$/) /* CODE_SEPARATOR, and a trailing ';' */.filter(Boolean).map((c) => out.codes.idFor(c.trim())) : [],
    ...(note !== '' ? { note } : {}),
    ...(author ? { author } : {}),
    created: created ?? new Date().toISOString(),
    ...(modified ? { modified } : {}),
  };
  if (id && annotation.id !== id) out.lose('Id', where, `the id '${id}' is not one Policy Lens can use (or is taken): imported as '${annotation.id}'`);
  out.add(path.path, annotation, hint, { plan: cell(row, 'plan').trim() || undefined, provision: cell(row, 'provision').trim() || undefined });
}
