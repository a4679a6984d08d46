import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { MAX_DOCUMENT_BYTES } from '../core/limits';
import { decodeDocumentBytes } from '../core/text/documentText';
import { formatProblem, sortProblems, type Problem } from '../core/data/problem';
import { PACK_THEMES } from '../core/data/packFiles';
import { parseSidecar } from '../core/sidecar/parse';
import { limitProblems, pushAll } from '../core/sidecar/problemLimit';
import { anchorProblems } from './anchorCheck';
import { SIDECAR_SUFFIX } from './annotationCommands';
import { CliError } from './cliError';
import type { Output } from './commands';
import { nodeFs } from './documents';
import { githubAnnotation } from './githubFormat';
import { bundledPackDir, checkWorkspacePacks, loadPackFromDir } from './nodePack';

export type CheckFormat = 'text' | 'github';

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

/** The annotated document's text as the editor holds it; undefined when absent, a problem when unreadable. */
async function documentText(docPath: string): Promise<string | undefined | Problem> {
  const problemAt = (message: string): Problem => ({ file: path.relative(process.cwd(), docPath), line: 0, character: 0, severity: 'warning', message });
  try {
    const read = await readBytes(nodeFs, docPath, MAX_DOCUMENT_BYTES);
    if (!read) return undefined;
    const doc = decodeDocumentBytes(read.bytes);
    return doc.binary ? problemAt('a binary file: its annotations cannot be re-anchored') : doc.text;
  } catch (err) {
    return problemAt(`${err instanceof FileSystemError ? err.message : (err as Error).message}: its annotations cannot be re-anchored`);
  }
}

/**
 * A sidecar, validated against its document (quote lengths, linked documents), then every annotation
 * re-anchored in the document as it is now: orphaned is an error, fuzzy a warning (anchorCheck.ts).
 */
async function checkSidecar(file: string): Promise<Problem[]> {
  const bytes = new Uint8Array(await fs.readFile(file));
  const docPath = file.slice(0, -SIDECAR_SUFFIX.length);
  const doc = await documentText(docPath);
  const text = typeof doc === 'string' ? doc : undefined;
  const dir = path.dirname(file);
  const exists = (rel: string): boolean => existsSync(path.resolve(dir, rel));
  const shown = path.relative(process.cwd(), file) || file;
  const parsed = parseSidecar(shown, bytes, { maxBytes: 10 * 1024 * 1024, documentLength: text?.length, documentExists: exists });
  const problems = parsed.problems;
  if (doc === undefined) problems.push({ file: shown, line: 0, character: 0, severity: 'warning', message: `the annotated document ${path.basename(docPath)} does not exist` });
  else if (typeof doc !== 'string') problems.push(doc);
  else pushAll(problems, limitProblems(anchorProblems(path.relative(process.cwd(), docPath) || docPath, doc, parsed.annotations, shown, new TextDecoder().decode(bytes))));
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
 * `format: 'github'` prints GitHub Actions workflow commands instead, one annotation per problem.
 */
export async function checkCommand(targets: readonly string[], packDirs: readonly string[] = [], format: CheckFormat = 'text'): Promise<Output & { failed: boolean }> {
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
  const text = sorted.length ? sorted.map(format === 'github' ? githubAnnotation : formatProblem).join('\n') : `${checked.join(', ')}: ok`;
  return { json: sorted, text, failed: errors > 0 };
}
