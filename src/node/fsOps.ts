import { promises as fs, type Stats } from 'fs';

/**
 * The fs calls the Node adapter makes, as one object: tests wrap it to record calls (fsync, chmod) and to
 * inject faults (ENOSPC in the middle of a write, a crash after the temp file is written).
 */
export interface FsOps {
  readonly open: typeof fs.open;
  readonly rename: typeof fs.rename;
  readonly unlink: typeof fs.unlink;
  readonly chmod: typeof fs.chmod;
  readonly chown: typeof fs.chown;
  readonly stat: (file: string) => Promise<Stats>;
  readonly lstat: (file: string) => Promise<Stats>;
  readonly realpath: (file: string) => Promise<string>;
  readonly readlink: (file: string) => Promise<string>;
  readonly readdir: (dir: string) => Promise<string[]>;
  readonly readFile: (file: string) => Promise<Buffer>;
  readonly mkdir: typeof fs.mkdir;
  readonly access: typeof fs.access;
}

export const NODE_FS_OPS: FsOps = {
  open: fs.open,
  rename: fs.rename,
  unlink: fs.unlink,
  chmod: fs.chmod,
  chown: fs.chown,
  stat: (p) => fs.stat(p),
  lstat: (p) => fs.lstat(p),
  realpath: (p) => fs.realpath(p),
  readlink: (p) => fs.readlink(p),
  readdir: (p) => fs.readdir(p),
  readFile: (p) => fs.readFile(p),
  mkdir: fs.mkdir,
  access: fs.access,
};

/** The errno code of a Node error ('' when there is none). */
export function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? '';
}

/** Whether a process of this machine is alive (a process of another user counts as alive). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoOf(err) === 'EPERM';
  }
}
