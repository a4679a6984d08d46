/**
 * What an export writes, gathered from the workspace through the FileSystemPort:
 *
 *   collectProject(port: FileSystemPort, paths: readonly string[], options: CollectOptions): Promise<CollectResult>
 *     `paths`: documents and folders (folders are walked for *.md, *.markdown, *.txt; node_modules, .git and
 *     .policy-lens skipped). Each document is decoded as VS Code decodes it (decodeDocumentBytes), its sidecar
 *     read through SidecarPersistence, its plan and each annotation's provision recognised with the pack;
 *     annotations are re-anchored in the text as it is now (fresh selectors; orphans left out, with a
 *     warning). Codes: the pack's themes, then the nearest `.policy-lens/codebook.yaml` at or above the root.
 *     Throws FileSystemError when a path is missing or unreadable; everything else is a warning.
 */
import { anchorAnnotations, withFreshSelectors } from '../annotations/annotationFactory';
import { allCodes, CODEBOOK_PATH, parseCodebook, type Codebook } from '../codebook/codebook';
import type { KnowledgePack } from '../data/model';
import { FileSystemError, type FileSystemPort } from '../fs/fileSystem';
import { readBytes } from '../fs/readBytes';
import { DEFAULT_SIDECAR_MAX_BYTES, MAX_DOCUMENT_BYTES } from '../limits';
import { provisionAt, recognise } from '../recognition/recognise';
import { decodeSidecarBytes } from '../sidecar/decode';
import type { Annotation } from '../sidecar/model';
import { SidecarPersistence } from '../sidecar/persistence';
import { decodeDocumentBytes } from '../text/documentText';
import type { InterchangeDocument, InterchangeProject } from './model';

export interface CollectOptions {
  readonly pack: KnowledgePack;
  /** Folder the documents' paths are relative to; default: the folder given, or the deepest one holding every document. */
  readonly root?: string;
  /** Project name; default: the root folder's name. */
  readonly name?: string;
  /** Where a document's sidecar is; default `<document>.annotations.yaml` beside it. */
  readonly sidecarFor?: (document: string) => string;
  readonly maxSidecarBytes?: number;
}

export interface CollectResult {
  readonly project: InterchangeProject;
  /** One line each: unreadable documents, sidecars with problems, orphaned annotations left out. */
  readonly warnings: readonly string[];
  /** The root the paths are relative to. */
  readonly root: string;
}

const DOCUMENT = /\.(md|markdown|txt)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.policy-lens']);

async function documentsUnder(port: FileSystemPort, dir: string, out: string[]): Promise<void> {
  const entries = (await port.readDirectory(dir)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, kind] of entries) {
    const p = port.join(dir, name);
    if (kind === 'directory' && !SKIP_DIRS.has(name)) await documentsUnder(port, p, out);
    else if (kind === 'file' && DOCUMENT.test(name)) out.push(p);
  }
}

const inside = (rel: string): boolean => !rel.startsWith('../') && rel !== '..' && !/^[A-Za-z]:|^\//.test(rel);

async function findCodebook(port: FileSystemPort, root: string, maxBytes: number, warnings: string[]): Promise<Codebook | undefined> {
  for (let dir = root; ; ) {
    const file = port.join(dir, CODEBOOK_PATH);
    try {
      const read = await readBytes(port, file, maxBytes);
      if (read) {
        const book = parseCodebook(file, decodeSidecarBytes(read.bytes).text);
        if (book.problems.length) warnings.push(`${file}: ${book.problems.length} problem(s); codes with problems left out (policy-lens check lists them)`);
        return book;
      }
    } catch (err) {
      warnings.push(`${(err as Error).message}; codebook left out`);
      return undefined;
    }
    const up = port.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export async function collectProject(port: FileSystemPort, paths: readonly string[], options: CollectOptions): Promise<CollectResult> {
  const warnings: string[] = [];
  const files: string[] = [];
  const folders: string[] = [];
  for (const p of paths) {
    const stat = await port.stat(p);
    if (!stat) throw new FileSystemError('not-found', p, `${p}: no such file or folder`);
    if (stat.kind === 'directory') {
      folders.push(p);
      await documentsUnder(port, p, files);
    } else if (stat.kind === 'file') files.push(p);
    else throw new FileSystemError('not-a-file', p, `${p}: not a regular file or folder`);
  }
  const unique = [...new Set(files)];
  let root = options.root ?? (folders.length === 1 && paths.length === 1 ? folders[0]! : port.dirname(unique[0] ?? folders[0] ?? '.'));
  if (options.root === undefined) while (!unique.every((f) => inside(port.relative(root, f))) && port.dirname(root) !== root) root = port.dirname(root);
  const maxSidecar = options.maxSidecarBytes ?? DEFAULT_SIDECAR_MAX_BYTES;
  const store = new SidecarPersistence(port, { maxBytes: maxSidecar });
  const sidecarFor = options.sidecarFor ?? ((d: string) => `${d}.annotations.yaml`);
  const documents: InterchangeDocument[] = [];
  for (const file of unique) {
    let text: string;
    try {
      const read = await readBytes(port, file, MAX_DOCUMENT_BYTES);
      if (!read) throw new FileSystemError('not-found', file, `${file}: no such file`);
      const decoded = decodeDocumentBytes(read.bytes);
      if (decoded.binary) {
        warnings.push(`${file}: a binary file; skipped`);
        continue;
      }
      text = decoded.text;
    } catch (err) {
      if (paths.includes(file)) throw err;
      warnings.push(`${(err as Error).message}; skipped`);
      continue;
    }
    const sidecar = sidecarFor(file);
    let loaded: readonly Annotation[] = [];
    try {
      const state = await store.read(sidecar, text.length);
      if (state.problems.some((p) => p.severity === 'error')) warnings.push(`${sidecar}: has errors; only the annotations that load are exported (policy-lens check lists them)`);
      loaded = state.annotations;
    } catch (err) {
      warnings.push(`${(err as Error).message}; its annotations are left out`);
    }
    const recognition = recognise(text, options.pack, { markdown: /\.(md|markdown)$/i.test(file) });
    const provisions = new Map<string, string>();
    const annotations: Annotation[] = [];
    for (const { annotation, anchor } of anchorAnnotations(text, loaded)) {
      if (anchor.status === 'orphaned') {
        warnings.push(`${file}: annotation ${annotation.id} is orphaned (its quote is no longer in the text); left out`);
        continue;
      }
      const fresh = withFreshSelectors(text, annotation, anchor.start, anchor.end);
      annotations.push(fresh);
      const lp = recognition.plan ? provisionAt(recognition, recognition.lines.positionAt(anchor.start)) : undefined;
      if (lp) provisions.set(fresh.id, lp.provision.id);
    }
    const path = port.relative(root, file);
    documents.push({ path, text, annotations, ...(recognition.plan ? { plan: recognition.plan.id } : {}), ...(provisions.size ? { provisions } : {}) });
  }
  const codebook = await findCodebook(port, root, maxSidecar, warnings);
  const name = options.name ?? (port.basename(root) || 'Policy Lens project');
  return { project: { name, codes: allCodes(options.pack.themes, codebook), documents }, warnings, root };
}
