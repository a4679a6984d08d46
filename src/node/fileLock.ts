import { randomBytes } from 'crypto';
import { hostname } from 'os';
import { FileSystemError } from '../core/fs/fileSystem';
import { errnoOf, processAlive, type FsOps } from './fsOps';

export interface LockOptions {
  /** Longest total wait for the lock before giving up with an error; default 20 s. */
  readonly maxWaitMs?: number;
  /** A lock older than this is broken even when its process seems alive (pid reuse, a hung writer); default 60 s. */
  readonly staleMs?: number;
}

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly time: number;
  readonly token: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readLock(ops: FsOps, lockFile: string): Promise<{ raw: string; info: Partial<LockInfo> } | undefined> {
  try {
    const raw = (await ops.readFile(lockFile)).toString('utf8');
    let info: Partial<LockInfo> = {};
    try {
      info = JSON.parse(raw) as Partial<LockInfo>;
    } catch {
      // half-written or foreign: judged by its age alone
    }
    return { raw, info };
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** A lock whose process is gone (same machine) or that is older than `staleMs`. */
async function isStale(ops: FsOps, lockFile: string, info: Partial<LockInfo>, staleMs: number): Promise<boolean> {
  if (info.host === hostname() && typeof info.pid === 'number' && !processAlive(info.pid)) return true;
  try {
    return Date.now() - (await ops.stat(lockFile)).mtimeMs > staleMs;
  } catch {
    return false; // gone: the next attempt takes it
  }
}

/**
 * Runs `work` holding `<target>.lock`, created exclusively ('wx') with our pid, host and time; other
 * writers wait with backoff. A stale lock (its process gone, or too old) is broken. The lock is always
 * released, and only if it is still ours. Gives up after `maxWaitMs` with an error naming the lock file.
 */
export async function withFileLock<T>(ops: FsOps, target: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockFile = `${target}.lock`;
  const maxWait = options.maxWaitMs ?? 20_000;
  const staleMs = options.staleMs ?? 60_000;
  const mine: LockInfo = { pid: process.pid, host: hostname(), time: Date.now(), token: randomBytes(8).toString('hex') };
  const raw = JSON.stringify(mine);
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      const handle = await ops.open(lockFile, 'wx');
      try {
        await handle.writeFile(raw);
      } finally {
        await handle.close();
      }
      break;
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw err;
    }
    const held = await readLock(ops, lockFile);
    if (held && (await isStale(ops, lockFile, held.info, staleMs))) {
      // Break it only if it is still the stale one we judged (another waiter may have broken and retaken it).
      const again = await readLock(ops, lockFile);
      if (again?.raw === held.raw) await ops.unlink(lockFile).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > maxWait) {
      const who = held?.info.pid !== undefined ? `process ${held.info.pid}${held.info.host && held.info.host !== hostname() ? ` on ${held.info.host}` : ''}` : 'another writer';
      throw new FileSystemError('busy', target, `${target}: locked by ${who} for over ${Math.round(maxWait / 1000)} s; if no Policy Lens is writing it, remove ${lockFile}`);
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 200);
  }
  try {
    return await work();
  } finally {
    const now = await readLock(ops, lockFile).catch(() => undefined);
    if (now?.raw === raw) await ops.unlink(lockFile).catch(() => undefined);
  }
}
