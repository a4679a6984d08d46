/** An error the CLI reports as one line on stderr, with its exit code (2: usage, 1: failure). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function parsePosition(text: string | undefined): { line: number; character: number } {
  const m = /^(\d+):(\d+)$/.exec(text ?? '');
  if (!m) throw new CliError(`expected a position LINE:CHAR (0-based), got '${text ?? ''}'`, 2);
  return { line: Number(m[1]), character: Number(m[2]) };
}
