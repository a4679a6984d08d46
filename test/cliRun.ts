import { execFile, type ExecFileOptions } from 'child_process';
import { CLI, REPO } from './paths';

/** What one run of the built CLI (dist/cli.js) gave; `code` is -1 when it was killed for hanging. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js ARGS…` from the repository's root. The kill timeout only turns a hang into a
 * failure (a FIFO read without end); no test asserts how long anything takes.
 */
export function cli(...args: string[]): Promise<Run> {
  return cliWith({}, ...args);
}

/** The same with other process options (another user's uid and gid, another folder). */
export function cliWith(options: ExecFileOptions, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO, timeout: 120000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', ...options }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number; killed?: boolean }) | null;
      resolve({ code: e ? (e.killed ? -1 : (e.code ?? 1)) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
