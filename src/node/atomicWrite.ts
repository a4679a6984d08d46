import { randomBytes } from 'crypto';
import { constants as fsConstants, type Stats } from 'fs';
import * as path from 'path';
import { FileSystemError } from '../core/fs/fileSystem';
import { errnoOf, processAlive, type FsOps } from './fsOps';

/** Suffix of our temp files, so that ones left by a crash are recognised and removed. */
export const TEMP_SUFFIX = '.policy-lens-tmp';
/** A temp file older than this is stale even when its pid is alive (pid reuse, another machine). */
export const STALE_TEMP_MS = 5 * 60 * 1000;

/**
 * Where a write to `location` lands: a symlink is written through to its target (followed to the end,
 * also when the target does not exist yet), so the link stays a link.
 */
export async function resolveTarget(ops: FsOps, location: string): Promise<string> {
  let current = path.resolve(location);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await ops.realpath(current);
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
    }
    let link: string;
    try {
      link = await ops.readlink(current);
    } catch {
      // Not a (dangling) symlink: a new file. Its folder may be a symlink, which is fine to follow.
      try {
        return path.join(await ops.realpath(path.dirname(current)), path.basename(current));
      } catch {
        return current;
      }
    }
    current = path.resolve(path.dirname(current), link);
  }
  throw Object.assign(new Error(`${location}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/** Temp files of `base` in `dir`: ours (`.<base>.<pid>.<hex>.policy-lens-tmp`) and older releases' (`<base>.<pid>[-x].tmp`). */
function tempPid(name: string, base: string): number | undefined {
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\.${esc}\\.(\\d+)\\.[0-9a-f]+${TEMP_SUFFIX.replace('.', '\\.')}$`).exec(name) ?? new RegExp(`^${esc}\\.(\\d+)(?:-[0-9a-z]+)?\\.tmp$`).exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Removes temp files of `target` left by a crash: their writer is gone, or they are minutes old. Best effort. */
export async function removeStaleTemps(ops: FsOps, target: string, now = Date.now()): Promise<string[]> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = await ops.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempPid(name, base);
    if (pid === undefined) continue;
    const file = path.join(dir, name);
    try {
      const st = await ops.lstat(file);
      if (!st.isFile()) continue;
      if (pid !== process.pid && processAlive(pid) && now - st.mtimeMs < STALE_TEMP_MS) continue;
      if (pid === process.pid && now - st.mtimeMs < STALE_TEMP_MS) continue; // a write of ours in progress
      await ops.unlink(file);
      removed.push(file);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

/** Whether a file may be replaced: it has a write bit (root ignores permissions, not the user's intent) and we may write it. */
async function writable(ops: FsOps, file: string, mode: number): Promise<boolean> {
  if ((mode & 0o222) === 0) return false;
  try {
    await ops.access(file, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface AtomicWriteOptions {
  readonly refuseReadOnly?: boolean;
}

/**
 * Replaces `location`'s content: a temp file with a unique name in the target's folder, opened
 * exclusively with the target's mode, written, fsync'ed, given the target's owner and mode, renamed over
 * the target, and the folder fsync'ed. On any failure the temp file is removed and the target is as it was.
 */
export async function writeFileAtomic(ops: FsOps, location: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveTarget(ops, location);
  const dir = path.dirname(target);
  let existing: Stats | undefined;
  try {
    existing = await ops.stat(target);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
  }
  if (existing && !existing.isFile()) throw new FileSystemError('not-a-file', location, `${location}: not a regular file; not written`);
  if (existing && options.refuseReadOnly !== false && !(await writable(ops, target, existing.mode))) {
    throw new FileSystemError('read-only', location, `${location}: the file is read-only; make it writable to save annotations to it`);
  }
  if (!existing) await ops.mkdir(dir, { recursive: true });
  await removeStaleTemps(ops, target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const mode = existing ? existing.mode & 0o7777 : 0o666;
  let created = false;
  try {
    const handle = await ops.open(tmp, 'wx', mode).catch((err: unknown) => {
      // Named for the user: the folder, not our temp file, is what refuses.
      throw Object.assign(new Error(`cannot create a file in ${dir} (${errnoOf(err) || (err as Error).message}); nothing was changed`), { code: errnoOf(err) });
    });
    created = true;
    try {
      let offset = 0;
      while (offset < bytes.length) offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing) {
      // open() applied the umask: give the temp file the target's exact mode and, where we may, its owner.
      await ops.chmod(tmp, mode);
      if ((process.getuid?.() ?? existing.uid) !== existing.uid || (process.getgid?.() ?? existing.gid) !== existing.gid) {
        await ops.chown(tmp, existing.uid, existing.gid).catch(() => undefined);
      }
    }
    await ops.rename(tmp, target);
    created = false;
  } catch (err) {
    if (created) await ops.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncFolder(ops, dir);
}

/** fsync of the folder, so the rename survives a power cut; some platforms cannot open a folder for it. */
async function syncFolder(ops: FsOps, dir: string): Promise<void> {
  let handle: Awaited<ReturnType<FsOps['open']>> | undefined;
  try {
    handle = await ops.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!['EINVAL', 'EISDIR', 'EPERM', 'EACCES', 'EBADF', 'ENOTSUP'].includes(errnoOf(err))) throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
