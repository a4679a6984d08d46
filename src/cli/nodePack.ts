import { promises as fs, statSync } from 'fs';
import * as path from 'path';
import { loadKnowledgePacks, type PackResult, type PackSources } from '../core/data/loadPack';
import type { KnowledgePack } from '../core/data/model';
import { findPackUpwards, readPackFolder } from '../core/data/packFolder';
import type { PackReader } from '../core/data/packFiles';
import { formatProblem, sortProblems, type Problem } from '../core/data/problem';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { CliError } from './cliError';

const port = new NodeFileSystem();

/** The knowledge pack shipped beside the bundle (dist/../annotations), or in the source tree when run from out/. */
export function bundledPackDir(): string {
  for (const candidate of [path.join(__dirname, '..', 'annotations'), path.join(__dirname, '..', '..', '..', 'annotations')]) {
    try {
      statSync(path.join(candidate, 'themes.yaml'));
      return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`cannot find the bundled knowledge pack next to ${__dirname}`);
}

export function nodePackReader(dir: string, displayBase = process.cwd()): PackReader {
  return {
    readText: (rel) => fs.readFile(path.join(dir, rel), 'utf8'),
    list: async (rel) => fs.readdir(path.join(dir, rel)).catch(() => []),
    display: (rel) => path.relative(displayBase, path.join(dir, rel)) || rel,
  };
}

const display = (location: string): string => path.relative(process.cwd(), location) || location;

/** A complete pack folder in the bundled layout (themes.yaml and counterparts.yaml required), on its own. */
export async function loadPackFromDir(dir: string = bundledPackDir()): Promise<PackResult> {
  const folder = await readPackFolder(port, dir, { display, required: true });
  const { pack, problems } = loadKnowledgePacks([folder.sources]);
  return { pack, problems: [...folder.problems, ...problems] };
}

export interface MergedPack {
  readonly pack: KnowledgePack;
  /** The workspace pack folders merged after the bundled one, in order. */
  readonly folders: readonly string[];
  readonly bundledProblems: readonly Problem[];
  /** Problems in the workspace packs' files (clashes with the bundled pack included), sorted. */
  readonly workspaceProblems: readonly Problem[];
}

/**
 * The bundled pack merged with the workspace packs the CLI sees for `from` (a FILE or DIR argument): the
 * nearest `.policy-lens/pack` from its folder upwards, then each `--pack DIR` in order (a folder given twice
 * is read once). A `--pack` folder that does not exist is a usage error.
 */
export async function loadMergedPack(from: string | undefined, packDirs: readonly string[]): Promise<MergedPack> {
  const bundledDir = bundledPackDir();
  const folders: string[] = [];
  if (from !== undefined) {
    const start = path.resolve(from);
    const stat = await port.stat(start).catch(() => undefined);
    const found = await findPackUpwards(port, stat?.kind === 'directory' ? start : path.dirname(start));
    if (found) folders.push(found);
  }
  for (const dir of packDirs) {
    const stat = await port.stat(path.resolve(dir)).catch(() => undefined);
    if (stat?.kind !== 'directory') throw new CliError(`--pack ${dir}: no such folder`, 2);
    folders.push(path.resolve(dir));
  }
  const unique = [...new Set(folders)].filter((f) => f !== path.resolve(bundledDir));
  const bundled = await readPackFolder(port, bundledDir, { display, required: true });
  const workspace = await Promise.all(unique.map((f) => readPackFolder(port, f, { display })));
  const sources: PackSources[] = [bundled.sources, ...workspace.map((w) => w.sources)];
  const { pack, problems } = loadKnowledgePacks(sources);
  const bundledFiles = new Set([bundled.sources.themes, bundled.sources.counterparts, ...bundled.sources.plans].map((s) => s?.file));
  const all = [...bundled.problems, ...workspace.flatMap((w) => w.problems), ...problems];
  return {
    pack,
    folders: unique,
    bundledProblems: all.filter((p) => bundledFiles.has(p.file)),
    workspaceProblems: sortProblems(all.filter((p) => !bundledFiles.has(p.file))),
  };
}

/** Problems of the workspace packs seen from `from` plus `--pack` folders, merged with the bundled pack. */
export async function workspacePackProblems(from: string | undefined, packDirs: readonly string[]): Promise<readonly Problem[]> {
  return (await loadMergedPack(from, packDirs)).workspaceProblems;
}

export interface WorkspacePackCheck {
  readonly problems: readonly Problem[];
  /** The workspace pack folders validated, as the user would type them. */
  readonly checked: readonly string[];
  /** Targets that are (inside) a workspace pack folder: `check` must not read them as a bundled-layout pack. */
  readonly claimed: ReadonlySet<string>;
}

/**
 * What `policy-lens check [PATH…] [--pack DIR…]` validates besides the bundled pack and sidecars: the
 * workspace pack found upwards from each PATH (from the current folder when there is none) and every --pack
 * folder, each merged with the bundled pack so clashes and references to bundled themes and provisions are
 * checked too.
 */
export async function checkWorkspacePacks(targets: readonly string[], packDirs: readonly string[]): Promise<WorkspacePackCheck> {
  const folders = new Set<string>(packDirs.map((d) => path.resolve(d)));
  const claimed = new Set<string>();
  for (const t of targets.length ? targets : [process.cwd()]) {
    const stat = await port.stat(path.resolve(t)).catch(() => undefined);
    const start = stat?.kind === 'directory' ? path.resolve(t) : path.dirname(path.resolve(t));
    const found = await findPackUpwards(port, start);
    if (!found) continue;
    folders.add(found);
    if (`${path.resolve(t)}${path.sep}`.startsWith(`${found}${path.sep}`)) claimed.add(t);
  }
  const merged = await loadMergedPack(undefined, [...folders]);
  return { problems: merged.workspaceProblems, checked: merged.folders.map(display), claimed };
}

/** Workspace-pack problems shown before a command's output; the full list is `policy-lens check`'s job. */
const MAX_WARNINGS = 20;

/**
 * The pack a CLI command runs with. An invalid bundled pack stops the command; problems in a workspace pack
 * are written to `warn` (the rest of that pack still loads, as in the editor).
 */
export async function loadCliPack(from: string | undefined, packDirs: readonly string[], warn: (line: string) => void): Promise<KnowledgePack> {
  const merged = await loadMergedPack(from, packDirs);
  const errors = merged.bundledProblems.filter((p) => p.severity === 'error');
  if (errors.length) throw new CliError(`the bundled knowledge pack is invalid:\n${errors.map(formatProblem).join('\n')}`);
  const shown = merged.workspaceProblems.slice(0, MAX_WARNINGS);
  for (const p of shown) warn(`policy-lens: ${formatProblem(p)}\n`);
  const more = merged.workspaceProblems.length - shown.length;
  if (more > 0) warn(`policy-lens: … ${more} more problems in the workspace pack (see policy-lens check)\n`);
  return merged.pack;
}
