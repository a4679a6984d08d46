/** The CSV's columns and cell formats, shared by its writer (csv.ts) and reader (csvImport.ts). */
import type { Position } from '../text/lineIndex';

export const CSV_COLUMNS = ['id', 'document', 'plan', 'provision', 'codes', 'quote', 'note', 'author', 'created', 'modified', 'start', 'end', 'status'] as const;

/** Cells a spreadsheet would run as a formula, and cells already starting with the apostrophe that guards them. */
export const FORMULA_START = /^[=+\-@\t\r']/;

/** Codes in one cell: code ids never hold white space, so "; " cannot be part of one. */
export const CODE_SEPARATOR = '; ';

/** A 0-based position as the status bar shows it: `Ln 12, Col 5`. */
export function statusBarPosition(p: Position): string {
  return `Ln ${p.line + 1}, Col ${p.character + 1}`;
}

/** `Ln 12, Col 5` (or Go to Line's `12:5`) as a 0-based position; undefined when it is neither. */
export function parseStatusBarPosition(cell: string): Position | undefined {
  const m = /^\s*(?:Ln\s*(\d{1,9})\s*,\s*Col\s*(\d{1,9})|(\d{1,9})\s*:\s*(\d{1,9}))\s*$/i.exec(cell);
  if (!m) return undefined;
  const line = Number(m[1] ?? m[3]);
  const column = Number(m[2] ?? m[4]);
  return line >= 1 && column >= 1 ? { line: line - 1, character: column - 1 } : undefined;
}
