import type { FileSystemPort } from '../fs/fileSystem';
import type { SidecarLayout } from './model';

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

/**
 * The layout beside each document (the CLI's): `<document>.annotations.yaml`. The document is where the
 * layout puts it, as the persistence protocol pairs them; the `document:` field is only checked (a sidecar
 * from someone's repository cannot point the explorer outside the workspace).
 */
export function besideLayout(list: () => Promise<readonly string[]>): SidecarLayout {
  return {
    list,
    isSidecar: (location: string) => location.endsWith(SIDECAR_SUFFIX),
    documentOf: (sidecar: string) => sidecar.slice(0, -SIDECAR_SUFFIX.length),
  };
}
