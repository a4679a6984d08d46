import type { FileSystemPort } from '../fs/fileSystem';

export const SIDECAR_SUFFIX = '.annotations.yaml';

/** Folders never searched for sidecars (what workspace.findFiles excludes in the editor, too). */
const SKIPPED = new Set(['node_modules', '.git']);

/**
 * Every `*.annotations.yaml` under a folder, through the port (the CLI, the bench and a web worker without
 * workspace.findFiles), breadth first; symlinked folders are not followed (the port reports them as 'other').
 */
export async function findSidecars(port: FileSystemPort, root: string, limit = 100_000): Promise<string[]> {
  const out: string[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < limit) {
    const dir = queue.shift()!;
    for (const [name, kind] of (await port.readDirectory(dir)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (kind === 'directory' && !SKIPPED.has(name)) queue.push(port.join(dir, name));
      else if (kind === 'file' && name.endsWith(SIDECAR_SUFFIX)) out.push(port.join(dir, name));
    }
  }
  return out.slice(0, limit);
}

/** The layout beside each document: `<document>.annotations.yaml`, the document named by its `document:` field. */
export function besideLayout(port: FileSystemPort, list: () => Promise<readonly string[]>) {
  return {
    list,
    isSidecar: (location: string) => location.endsWith(SIDECAR_SUFFIX),
    documentOf: (sidecar: string, field: string | undefined) => (field !== undefined ? port.join(port.dirname(sidecar), field) : sidecar.slice(0, -SIDECAR_SUFFIX.length)),
  };
}
