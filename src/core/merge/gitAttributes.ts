/** The `.gitattributes` side of the merge driver: pure text work, shared by the CLI and the editor. */

export const MERGE_DRIVER_NAME = 'policy-lens';
export const SIDECAR_ATTRIBUTES_LINE = `*.annotations.yaml merge=${MERGE_DRIVER_NAME}`;

/** Whether a `.gitattributes` text sends some files to our merge driver (a line with `merge=policy-lens`). */
export function attributesNameDriver(text: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const fields = line.trim().split(/\s+/);
    return !line.trim().startsWith('#') && fields.slice(1).includes(`merge=${MERGE_DRIVER_NAME}`);
  });
}

/** The `.gitattributes` text with our line added when no line names the driver yet (unchanged otherwise). */
export function withDriverAttributes(text: string): string {
  if (attributesNameDriver(text)) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${sep}${SIDECAR_ATTRIBUTES_LINE}${eol}`;
}

/** A POSIX shell word for `s` (git runs a driver's command line through sh, on Windows too). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The driver's command line: this node running this CLI, with git's placeholders. `asNode` prefixes
 * `ELECTRON_RUN_AS_NODE=1`, for the editor's own executable (Electron) standing in for node.
 */
export function driverCommandLine(node: string, cli: string, asNode = false): string {
  return `${asNode ? 'ELECTRON_RUN_AS_NODE=1 ' : ''}${shellQuote(node)} ${shellQuote(cli)} merge-driver %O %A %B %P`;
}
