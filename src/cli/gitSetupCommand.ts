import * as path from 'path';
import { mergeDriverStatus, setUpMergeDriver } from '../node/gitDriverSetup';
import { CliError } from './cliError';
import type { Output } from './commands';

/** The CLI bundle that is running (dist/cli.js), which the driver's command will run again. */
function runningCli(): string {
  const script = require.main?.filename ?? process.argv[1];
  if (!script) throw new CliError('cannot tell where the policy-lens CLI is installed');
  return path.resolve(script);
}

async function inRepo<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const e = err as Error & { stderr?: string; code?: string | number };
    if (e.code === 'ENOENT') throw new CliError('git is not installed (or not on PATH)');
    throw new CliError(`${dir}: ${(e.stderr ?? e.message).trim() || 'not a git work tree'}`);
  }
}

/** `policy-lens git-setup [DIR] [--check]`: installs the merge driver, or (--check) says whether it is. */
export async function gitSetupCommand(dir: string | undefined, checkOnly: boolean): Promise<Output> {
  const where = dir ?? '.';
  if (checkOnly) {
    const s = await inRepo(where, () => mergeDriverStatus(where));
    const missing = s.named && !s.configured;
    const text = missing
      ? `${s.root}: .gitattributes sends sidecars to the policy-lens merge driver, but this clone has not configured it: git falls back to a text merge. Run: policy-lens git-setup ${where}`
      : s.configured
        ? `${s.root}: merge driver configured: ${s.driver}${s.named ? '' : ' (but no .gitattributes line names it)'}`
        : `${s.root}: the policy-lens merge driver is not set up (policy-lens git-setup ${where})`;
    return { json: s, text, failed: missing };
  }
  const r = await inRepo(where, () => setUpMergeDriver(where, runningCli()));
  const text = [
    `${r.attributesFile}: ${r.attributesChanged ? 'added' : 'already has'} '*.annotations.yaml merge=policy-lens' (commit it, so every clone uses the driver)`,
    `git config merge.policy-lens.driver ${r.configChanged ? 'set to' : 'already'} ${r.driver} (this clone only; run git-setup in each clone)`,
  ].join('\n');
  return { json: r, text };
}
