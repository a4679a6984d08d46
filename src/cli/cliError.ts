import type { LineIndex, Position } from '../core/text/lineIndex';
import { parsePositionLiteral, positionShapeProblem } from '../core/text/positionLiteral';

/** An error the CLI reports as one line on stderr, with its exit code (2: usage, 1: failure). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Refuses a malformed LINE:CHAR before any file is read (exit 2). */
export function checkPositionShape(text: string | undefined): string {
  const problem = positionShapeProblem(text ?? '');
  if (problem) throw new CliError(problem, 2);
  return text!;
}

/** A LINE:CHAR inside the document (exit 2 otherwise, with the literal as typed in the message). */
export function parsePosition(text: string | undefined, lines: LineIndex): { position: Position; offset: number } {
  const r = parsePositionLiteral(checkPositionShape(text), lines);
  if (!r.ok) throw new CliError(r.message, 2);
  return { position: r.position, offset: r.offset };
}
