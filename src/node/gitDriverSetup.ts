import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { attributesNameDriver, driverCommandLine, MERGE_DRIVER_NAME, withDriverAttributes } from '../core/merge/gitAttributes';

const run = promisify(execFile);

/** Runs git in `cwd` (never through a shell) and returns its stdout, trimmed. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, encoding: 'utf8', windowsHide: true });
  return stdout.trim();
}

async function gitOrUndefined(cwd: string, ...args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, ...args);
  } catch {
    return undefined; // `git config --get` exits 1 when the key is not set
  }
}

export interface DriverSetup {
  /** The work tree's top folder. */
  readonly root: string;
  readonly attributesFile: string;
  readonly attributesChanged: boolean;
  readonly driver: string;
  readonly configChanged: boolean;
}

/**
 * Installs the merge driver for the clone that holds `dir`, idempotently: the `.gitattributes` line at the
 * top of the work tree (to be committed, so every clone routes sidecars to the driver) and the driver's
 * command in the clone's own config (`git config --local`: it names this machine's paths).
 * `cli` is the absolute path of the CLI bundle; the command runs it with the node running now (in the
 * editor: its Electron executable, run as node).
 */
export async function setUpMergeDriver(dir: string, cli: string, node = process.execPath, asNode = process.versions.electron !== undefined): Promise<DriverSetup> {
  const root = await git(dir, 'rev-parse', '--show-toplevel');
  const attributesFile = path.join(root, '.gitattributes');
  let before = '';
  try {
    before = await fs.readFile(attributesFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const after = withDriverAttributes(before);
  if (after !== before) await fs.writeFile(attributesFile, after, 'utf8');
  const driver = driverCommandLine(node, cli, asNode);
  const name = 'Policy Lens sidecars, merged by annotation id';
  const key = `merge.${MERGE_DRIVER_NAME}`;
  const [oldDriver, oldName] = await Promise.all([gitOrUndefined(root, 'config', '--local', '--get', `${key}.driver`), gitOrUndefined(root, 'config', '--local', '--get', `${key}.name`)]);
  if (oldName !== name) await git(root, 'config', '--local', `${key}.name`, name);
  if (oldDriver !== driver) await git(root, 'config', '--local', `${key}.driver`, driver);
  return { root, attributesFile, attributesChanged: after !== before, driver, configChanged: oldDriver !== driver };
}

export interface DriverStatus {
  readonly root: string;
  /** Some `.gitattributes` line sends files to the driver. */
  readonly named: boolean;
  /** The clone has `merge.policy-lens.driver` set. */
  readonly configured: boolean;
  readonly driver: string | undefined;
}

/**
 * Whether the clone holding `dir` can run the driver its `.gitattributes` names. `named && !configured`
 * is the case to warn about: git then falls back, silently, to a text merge of the sidecars.
 */
export async function mergeDriverStatus(dir: string): Promise<DriverStatus> {
  const root = await git(dir, 'rev-parse', '--show-toplevel');
  let text = '';
  try {
    text = await fs.readFile(path.join(root, '.gitattributes'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const driver = await gitOrUndefined(root, 'config', '--get', `merge.${MERGE_DRIVER_NAME}.driver`);
  return { root, named: attributesNameDriver(text), configured: driver !== undefined && driver !== '', driver };
}
