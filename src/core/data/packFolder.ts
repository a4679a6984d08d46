import { FileSystemError, type FileKind, type FileSystemPort } from '../fs/fileSystem';
import { readBytes } from '../fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES, MAX_PACK_PLAN_FILES } from '../limits';
import type { PackSources, SourceFile } from './loadPack';
import { PACK_COUNTERPARTS, PACK_PLANS_DIR, PACK_THEMES } from './packFiles';
import type { Problem } from './problem';

/** Where a workspace keeps its own knowledge pack, relative to a workspace folder (or any folder for the CLI). */
export const WORKSPACE_PACK_DIR = '.policy-lens/pack';

export interface PackFolderOptions {
  /** How a location is named in messages (workspace- or cwd-relative). */
  readonly display: (location: string) => string;
  /** Largest pack file read; the default is the sidecars' (the same kind of untrusted YAML). */
  readonly maxBytes?: number;
  /** The bundled pack must have themes.yaml and counterparts.yaml; a workspace pack may leave them out. */
  readonly required?: boolean;
}

export interface PackFolder {
  /** False when nothing is at the location: a workspace without a pack. */
  readonly exists: boolean;
  readonly sources: PackSources;
  /** Files that could not be read at all (too large, not a file, invalid UTF-8, unreadable). */
  readonly problems: readonly Problem[];
}

const YAML_NAME = /\.ya?ml$/i;

/** The plan files among a plans folder's entries, in reading order. */
export function planFileNames(entries: readonly [string, FileKind][]): string[] {
  // Symlinks are listed as 'other'; readBytes follows them and refuses anything that is not a regular file.
  return entries
    .filter(([name, kind]) => kind !== 'directory' && YAML_NAME.test(name))
    .map(([name]) => name)
    .sort();
}

/**
 * Reads a knowledge pack folder through the file-system port: `themes.yaml`, `counterparts.yaml` and
 * `plans/*.yaml`. Every file goes through readBytes (regular files only, size limit before reading); only
 * "not found" means absent. Nothing read here is ever executed or used as a path: pack files are data.
 */
export async function readPackFolder(port: FileSystemPort, location: string, options: PackFolderOptions): Promise<PackFolder> {
  const problems: Problem[] = [];
  const stat = await port.stat(location);
  if (!stat) {
    if (options.required) problems.push(problemAt(options.display(location), 'knowledge pack folder not found'));
    return { exists: false, sources: { plans: [] }, problems };
  }
  if (stat.kind !== 'directory') {
    problems.push(problemAt(options.display(location), 'a knowledge pack must be a folder'));
    return { exists: true, sources: { plans: [] }, problems };
  }
  const read = (loc: string, required: boolean) => readSource(port, loc, options, required, problems);
  const plansDir = port.join(location, PACK_PLANS_DIR);
  const entries = planFileNames(
    await port.readDirectory(plansDir).catch((err: unknown) => {
      problems.push(problemAt(options.display(plansDir), messageOf(err)));
      return [];
    }),
  );
  if (entries.length > MAX_PACK_PLAN_FILES) {
    problems.push(problemAt(options.display(plansDir), `${entries.length} plan files, over the limit of ${MAX_PACK_PLAN_FILES}; only the first ${MAX_PACK_PLAN_FILES} are read`));
  }
  const [themes, counterparts, ...plans] = await Promise.all([
    read(port.join(location, PACK_THEMES), options.required === true),
    read(port.join(location, PACK_COUNTERPARTS), options.required === true),
    ...entries.slice(0, MAX_PACK_PLAN_FILES).map((name) => read(port.join(plansDir, name), true)),
  ]);
  return { exists: true, sources: { themes, counterparts, plans: plans.filter((p): p is SourceFile => p !== undefined) }, problems };
}

async function readSource(port: FileSystemPort, location: string, options: PackFolderOptions, required: boolean, problems: Problem[]): Promise<SourceFile | undefined> {
  const file = options.display(location);
  try {
    const read = await readBytes(port, location, options.maxBytes ?? DEFAULT_SIDECAR_MAX_BYTES);
    if (!read) {
      if (required) problems.push(problemAt(file, 'file not found'));
      return undefined;
    }
    // fatal: invalid UTF-8 is reported rather than read as U+FFFD; the BOM is dropped, as VS Code shows the file.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    return { file, text, location };
  } catch (err) {
    problems.push(problemAt(file, err instanceof TypeError ? 'not valid UTF-8' : messageOf(err)));
    return undefined;
  }
}

/**
 * The nearest `.policy-lens/pack` folder from `folder` upwards: the search stops at the file-system root or
 * after a folder holding `.git` (a repository's root), so a pack is never picked up from outside the project.
 */
export async function findPackUpwards(port: FileSystemPort, folder: string): Promise<string | undefined> {
  let dir = folder;
  // Bounded: a port whose dirname never reaches a fixed point must not loop forever.
  for (let depth = 0; depth < 256; depth++) {
    const candidate = port.join(dir, WORKSPACE_PACK_DIR);
    if ((await port.stat(candidate))?.kind === 'directory') return candidate;
    if (await port.stat(port.join(dir, '.git'))) return undefined;
    const parent = port.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // FileSystemError messages start with the location, which the problem already names.
  const prefix = err instanceof FileSystemError ? `${err.location}: ` : undefined;
  return prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function problemAt(file: string, message: string): Problem {
  return { file, line: 0, character: 0, severity: 'error', message };
}

/**
 * A `policyLens.packFolders` entry as a clean workspace-relative path ('/'-separated, no '.' segments), or a
 * reason to refuse it: absolute paths and '..' would let a workspace's settings read files outside it.
 */
export function workspaceRelativeFolder(entry: unknown): { folder: string } | { refused: string } {
  if (typeof entry !== 'string' || entry.trim() === '') return { refused: 'not a folder name' };
  const slashed = entry.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(slashed)) return { refused: 'an absolute path; use a path relative to the workspace folder' };
  const segments = slashed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { refused: "'..' leaves the workspace folder" };
  if (!segments.length) return { refused: 'the workspace folder itself is not a knowledge pack' };
  return { folder: segments.join('/') };
}
