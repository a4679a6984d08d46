import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * A copy of the CLI bundle at a path that outlives extension updates (the extension's own folder is named
 * after its version, so a driver pointing into it would break at the next update). Copied again when the
 * version written beside it is not `version`; written to a temporary name and renamed, so a merge running
 * meanwhile sees the old copy or the new one, never half of one. Returns the copy's path.
 */
export async function installStableCli(bundledCli: string, dir: string, version: string): Promise<string> {
  const target = path.join(dir, 'cli.js');
  const marker = path.join(dir, 'cli.version');
  const current = await fs.readFile(marker, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const present = await fs.stat(target).then(() => true, () => false);
  if (current === version && present) return target;
  await fs.mkdir(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.copyFile(bundledCli, tmp);
  await fs.rename(tmp, target);
  await fs.writeFile(marker, version, 'utf8');
  return target;
}

/** Refreshes an existing copy after an update; does nothing when the driver was never set up here. */
export async function refreshStableCli(bundledCli: string, dir: string, version: string): Promise<void> {
  if (await fs.stat(path.join(dir, 'cli.js')).then(() => true, () => false)) await installStableCli(bundledCli, dir, version);
}
