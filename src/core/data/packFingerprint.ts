import type { FileSystemPort } from '../fs/fileSystem';
import { MAX_PACK_PLAN_FILES } from '../limits';
import { PACK_COUNTERPARTS, PACK_PLANS_DIR, PACK_THEMES } from './packFiles';
import { planFileNames } from './packFolder';

/**
 * A cheap summary of a pack folder's files (name, kind, size, mtime of the folder and of each file
 * `readPackFolder` would read): two equal fingerprints mean nothing worth reading again changed. It lets the
 * editor catch up when a file watcher misses events (a full inotify table, network drives), for a few stats.
 */
export async function packFolderFingerprint(port: FileSystemPort, location: string): Promise<string> {
  const stamp = async (loc: string): Promise<string | undefined> => {
    const s = await port.stat(loc).catch(() => undefined);
    return s && `${port.basename(loc)}=${s.kind}/${s.size}/${s.mtime}`;
  };
  const root = await stamp(location);
  if (!root) return '-';
  const plansDir = port.join(location, PACK_PLANS_DIR);
  const plans = planFileNames(await port.readDirectory(plansDir).catch(() => [])).slice(0, MAX_PACK_PLAN_FILES);
  const files = [port.join(location, PACK_THEMES), port.join(location, PACK_COUNTERPARTS), ...plans.map((n) => port.join(plansDir, n))];
  const stamps = await Promise.all(files.map(async (f) => (await stamp(f)) ?? `${port.basename(f)}=-`));
  return [root, ...stamps].join('|');
}
