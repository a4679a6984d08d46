import type { FileSystemPort } from '../fs/fileSystem';
import { MAX_PACK_PLAN_FILES } from '../limits';
import { PACK_COUNTERPARTS, PACK_PLANS_DIR, PACK_THEMES } from './packFiles';

const YAML_NAME = /\.ya?ml$/i;

/**
 * A cheap summary of a pack folder's files (name, kind, size, mtime of each file `readPackFolder` would read):
 * two equal fingerprints mean nothing worth reading again changed. It lets the editor catch up when a file
 * watcher misses events (a full inotify table, network drives), at the cost of a few stat calls.
 */
export async function packFolderFingerprint(port: FileSystemPort, location: string): Promise<string> {
  const stamp = async (loc: string): Promise<string> => {
    const s = await port.stat(loc).catch(() => undefined);
    return `${port.basename(loc)}=${s ? `${s.kind}/${s.size}/${s.mtime}` : '-'}`;
  };
  const root = await stamp(location);
  if (root.endsWith('=-')) return root;
  const plansDir = port.join(location, PACK_PLANS_DIR);
  const names = (await port.readDirectory(plansDir).catch(() => [] as [string, string][]))
    .filter(([name, kind]) => kind !== 'directory' && YAML_NAME.test(name))
    .map(([name]) => name)
    .sort()
    .slice(0, MAX_PACK_PLAN_FILES);
  const stamps = await Promise.all([PACK_THEMES, PACK_COUNTERPARTS].map((n) => stamp(port.join(location, n))).concat(names.map((n) => stamp(port.join(plansDir, n)))));
  return [root, ...stamps].join('|');
}
