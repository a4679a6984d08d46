import { promises as fs } from 'fs';
import * as path from 'path';
import { formatProblem, sortProblems, type Problem } from '../core/data/problem';
import { PACK_THEMES } from '../core/data/packFiles';
import { CliError } from './cliError';
import type { Output } from './commands';
import { bundledPackDir, loadPackFromDir } from './nodePack';

/** The knowledge pack folder a path belongs to: the folder itself, or the nearest ancestor holding themes.yaml. */
async function packRootOf(target: string): Promise<string | undefined> {
  let dir = path.resolve(target);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat) throw new CliError(`${target}: no such file or directory`);
  if (!stat.isDirectory()) dir = path.dirname(dir);
  for (let i = 0; i < 3; i++) {
    if (await fs.stat(path.join(dir, PACK_THEMES)).catch(() => undefined)) return dir;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** Validates knowledge packs; every problem as file:line:col (1-based, like compilers). */
export async function checkCommand(targets: readonly string[]): Promise<Output & { failed: boolean }> {
  const roots = new Set<string>();
  for (const t of targets.length ? targets : [bundledPackDir()]) {
    const root = await packRootOf(t);
    if (!root) throw new CliError(`${t}: not part of a knowledge pack (no ${PACK_THEMES} in it or above it)`, 2);
    roots.add(root);
  }
  const problems: Problem[] = [];
  for (const root of roots) problems.push(...(await loadPackFromDir(root)).problems);
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const text = sorted.length ? sorted.map(formatProblem).join('\n') : `${[...roots].map((r) => path.relative(process.cwd(), r) || '.').join(', ')}: ok`;
  return { json: sorted, text, failed: errors > 0 };
}
