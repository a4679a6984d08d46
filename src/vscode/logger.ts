import * as vscode from 'vscode';

/**
 * The extension's one log: the "Policy Lens" log channel. activate() opens it before anything else runs,
 * so event-driven work (decorations, the status bar, hovers) that has nobody to report to logs here
 * instead of swallowing its errors or writing to the console.
 */
let channel: vscode.LogOutputChannel | undefined;

/** Makes `channel` the log; disposing the result detaches it again (the channel itself is disposed by its owner). */
export function useLogChannel(log: vscode.LogOutputChannel): vscode.Disposable {
  channel = log;
  return { dispose: () => (channel === log ? (channel = undefined) : undefined) };
}

/** The error with its stack when it has one: the log is read by whoever debugs the failure. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export function logError(what: string, err: unknown): void {
  channel?.error(`${what}: ${describeError(err)}`);
}

export function logWarning(message: string): void {
  channel?.warn(message);
}

/** A handler for `.catch` on fire-and-forget work: the failure is logged under `what`. */
export function logFailure(what: string): (err: unknown) => void {
  return (err) => logError(what, err);
}
