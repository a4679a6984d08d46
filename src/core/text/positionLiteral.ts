import type { LineIndex, Position } from './lineIndex';

/**
 * A position typed by a user (`LINE:CHAR`, 0-based, as in VS Code), checked against the document it points
 * into. Messages quote what was typed: a huge number stays as written, never `1e+23`.
 */
export type PositionLiteral = { readonly ok: true; readonly position: Position; readonly offset: number } | { readonly ok: false; readonly message: string };

const SHAPE = /^(-?\d+):(-?\d+)$/;

/** What is wrong with the literal itself, before any document is read; undefined when it is well formed. */
export function positionShapeProblem(literal: string): string | undefined {
  const m = SHAPE.exec(literal);
  if (!m) return `expected a position LINE:CHAR (0-based), got '${literal}'`;
  if (m[1]!.startsWith('-')) return `position ${literal}: line must be ≥ 0`;
  if (m[2]!.startsWith('-')) return `position ${literal}: character must be ≥ 0`;
  return undefined;
}

export function parsePositionLiteral(literal: string, lines: LineIndex): PositionLiteral {
  const shape = positionShapeProblem(literal);
  if (shape) return { ok: false, message: shape };
  const [lineText, charText] = literal.split(':') as [string, string];
  const fail = (why: string): PositionLiteral => ({ ok: false, message: `position ${literal}: ${why}` });
  // Digits only from here; compare as text first so no digit string is ever rounded.
  const line = toIndex(lineText);
  if (line === undefined || line >= lines.lineCount) return fail(`line ${lineText} is past the end (the document has ${lines.lineCount} line${lines.lineCount === 1 ? '' : 's'}, 0-${lines.lineCount - 1})`);
  const length = lines.lineEnd(line) - lines.lineStart(line);
  const character = toIndex(charText);
  if (character === undefined || character > length) return fail(`character ${charText} is past the end of line ${line} (${length} character${length === 1 ? '' : 's'})`);
  const position = { line, character };
  return { ok: true, position, offset: lines.lineStart(line) + character };
}

/** A non-negative decimal as a number when it is a safe integer, else undefined (it is past any end). */
function toIndex(digits: string): number | undefined {
  const d = digits.replace(/^0+(?=\d)/, '');
  if (d.length > 15) return undefined;
  return Number(d);
}
