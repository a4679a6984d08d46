import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { formatProblem, sortProblems, type Problem } from '../core/data/problem';
import { PACK_THEMES } from '../core/data/packFiles';
import { parseSidecar } from '../core/sidecar/parse';
import { limitProblems, pushAll } from '../core/sidecar/problemLimit';
import { SIDECAR_SUFFIX } from './annotationCommands';
import { CliError } from './cliError';
import type { Output } from './commands';
import { bundledPackDir, checkWorkspacePacks, loadPackFromDir } from './nodePack';

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

/** A sidecar, validated against its document (quote lengths, linked documents). */
async function checkSidecar(file: string): Promise<Problem[]> {
  const bytes = await fs.readFile(file);
  const docPath = file.slice(0, -SIDECAR_SUFFIX.length);
  const docLength = await fs.readFile(docPath, 'utf8').then((t) => t.length, () => undefined);
  const dir = path.dirname(file);
  const exists = (rel: string): boolean => existsSync(path.resolve(dir, rel));
  const problems = parseSidecar(path.relative(process.cwd(), file) || file, new Uint8Array(bytes), { maxBytes: 10 * 1024 * 1024, documentLength: docLength, documentExists: exists }).problems;
  if (docLength === undefined) problems.push({ file: path.relative(process.cwd(), file), line: 0, character: 0, severity: 'warning', message: `the annotated document ${path.basename(docPath)} does not exist` });
  return problems;
}

async function sidecarsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !['node_modules', '.git'].includes(e.name)) pushAll(out, await sidecarsUnder(p));
    else if (e.isFile() && e.name.endsWith(SIDECAR_SUFFIX)) out.push(p);
  }
  return out;
}

/**
 * Validates knowledge packs and sidecars; every problem as file:line:col (1-based, like compilers). The
 * workspace packs seen from the targets (and every `--pack` folder) are validated merged with the bundled pack.
 */
export async function checkCommand(targets: readonly string[], packDirs: readonly string[] = []): Promise<Output & { failed: boolean }> {
  const ws = await checkWorkspacePacks(targets, packDirs);
  const roots = new Set<string>();
  const sidecars: string[] = [];
  for (const t of targets.length ? targets : [bundledPackDir()]) {
    if (ws.claimed.has(t)) continue; // a workspace pack's own files: not a bundled-layout pack
    if (t.endsWith(SIDECAR_SUFFIX)) {
      sidecars.push(t);
      continue;
    }
    const stat = await fs.stat(t).catch(() => undefined);
    if (stat?.isDirectory() && !(await fs.stat(path.join(t, PACK_THEMES)).catch(() => undefined))) {
      const found = await sidecarsUnder(t);
      if (found.length) {
        pushAll(sidecars, found);
        continue;
      }
    }
    const root = await packRootOf(t);
    if (!root && ws.checked.length) continue; // a folder whose workspace pack is checked below
    if (!root) throw new CliError(`${t}: not part of a knowledge pack (no ${PACK_THEMES} in it or above it)`, 2);
    roots.add(root);
  }
  // At most MAX_PROBLEMS_PER_FILE per file (parseSidecar bounds its own), then one line saying how many more.
  const problems: Problem[] = [];
  for (const root of roots) pushAll(problems, limitProblems(sortProblems((await loadPackFromDir(root)).problems)));
  for (const s of sidecars) pushAll(problems, await checkSidecar(s));
  pushAll(problems, limitProblems(ws.problems));
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const checked = [...[...roots].map((r) => path.relative(process.cwd(), r) || '.'), ...sidecars.map((s) => path.relative(process.cwd(), s)), ...ws.checked];
  const text = sorted.length ? sorted.map(formatProblem).join('\n') : `${checked.join(', ')}: ok`;
  return { json: sorted, text, failed: errors > 0 };
}
