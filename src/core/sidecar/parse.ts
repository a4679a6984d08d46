import { isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLSeq } from 'yaml';
import { fieldPath, sortProblems, type Problem } from '../data/problem';
import { utf8ByteLength } from '../text/utf8';
import { checkSchema, schemaAccepts } from '../data/schemaCheck';
import { YamlFile } from '../data/yamlFile';
import { conflictCopyMessage } from '../merge/conflictCopies';
import { surelyValidAnnotation } from './annotationShape';
import { checkAnnotation, explainPattern, quoteTooLong, unfollowedLink } from './annotationChecks';
import { decodeSidecarBytes } from './decode';
import { limitProblems, pushAll } from './problemLimit';
import { fastRead, type FastRead } from './fastRead';
import { canonicalAnnotation, LINK_TARGET_KEYS, SIDECAR_VERSION, type Annotation, type Sidecar } from './model';
import { ANNOTATION_SCHEMA, SIDECAR_TOP_SCHEMA } from './schema';
import { findUnsafeNodes, LineStarts, pathAt, type NodePath, type UnsafeNode } from './yamlNodes';

export interface SidecarParseOptions {
  /** Files over this size are refused unread (the `policyLens` setting; default 10 MB). */
  readonly maxBytes: number;
  /** Passed to the yaml package; aliases are refused anyway, this only bounds the work before that. */
  readonly maxAliasCount?: number;
  /**
   * Length of the annotated document (UTF-16 code units): a quote longer than it is a warning, never an error
   * (an older or truncated version of the document: the annotation loads and is orphaned, the file stays writable).
   */
  readonly documentLength?: number;
  /** Codes known to the knowledge pack and the workspace codebook: others are warnings. */
  readonly knownCodes?: ReadonlySet<string>;
  /** Whether a document path (relative to the sidecar, as written in it) exists: missing ones are warnings. */
  readonly documentExists?: (relPath: string) => boolean;
  /** The sidecar's folder relative to its workspace folder ('' at its root): links leaving it are reported. */
  readonly sidecarFolder?: string;
}

export interface SidecarParseResult {
  /** The whole sidecar when its top level (version, document, annotations) is sound; else undefined. */
  readonly sidecar: Sidecar | undefined;
  /** Every annotation that loaded (file order); bad ones are left out, each with its problems. */
  readonly annotations: Annotation[];
  /** Every problem, sorted by position: file, 0-based line and character, field. */
  readonly problems: Problem[];
  /** True when the file has any error: the editor must never overwrite it. */
  readonly readOnly: boolean;
}

/** What the updater needs besides the result: the parsed YAML. */
export interface SidecarAnalysis extends SidecarParseResult {
  readonly yaml: YamlFile | undefined;
}

/**
 * Parses and validates a sidecar. Every problem is reported with file, line, column and field; each
 * bad annotation is dropped and the others still load; nothing in the file is executed or expanded.
 * `input` may be the file's bytes (then invalid UTF-8 is reported where it is) or its decoded text.
 *
 * Two paths, one result: a sidecar as Policy Lens writes it (or hand-edited within the same plain
 * subset of YAML, comments included) that has no error is read by the fast reader (fastRead.ts) and
 * checked against the same schema; anything else — other YAML styles, any error — is parsed by the
 * `yaml` package, which positions every problem. The property tests hold both paths to the same result.
 */
export function parseSidecar(file: string, input: string | Uint8Array, opts: SidecarParseOptions): SidecarParseResult {
  return parseSidecarForUpdate(file, input, opts).result;
}

/** The `yaml` package's analysis of a sidecar's text, kept for updateSidecar (see parseSidecarForUpdate). */
export interface YamlAnalysis {
  /** The text analysed (decoded: without a BOM). */
  readonly text: string;
  readonly analysis: SidecarAnalysis;
}

/**
 * parseSidecar, also handing back the `yaml` package's analysis when the file took that path, so that
 * updateSidecar on the same text does not parse a large file again (a 9.7 MB flow-style sidecar took the
 * `yaml` path three times per `annotate`).
 */
export function parseSidecarForUpdate(file: string, input: string | Uint8Array, opts: SidecarParseOptions): { result: SidecarParseResult; yaml: YamlAnalysis | undefined } {
  let text: string | undefined;
  if (typeof input === 'string') {
    if (input.length * 3 <= opts.maxBytes || utf8ByteLength(input) <= opts.maxBytes) text = input;
  } else if (input.length <= opts.maxBytes) {
    const decoded = decodeSidecarBytes(input);
    if (decoded.problems.length === 0) text = decoded.text;
  }
  const fast = text === undefined ? undefined : fastAnalyse(file, text, opts);
  if (fast) return { result: fast.result, yaml: undefined };
  const analysis = analyseSidecar(file, text ?? input, opts);
  const { yaml: _yaml, ...result } = analysis;
  return { result, yaml: text === undefined ? undefined : { text, analysis } };
}

/** A sidecar read by the fast path: the result, and the reader's layout (for the in-place writer). */
export interface FastAnalysis {
  readonly result: SidecarParseResult & { readonly sidecar: Sidecar };
  readonly read: FastRead;
  /** The text read: the input, with CRLF line ends made LF (the layout's offsets are in it). */
  readonly text: string;
  /** The input's line end. */
  readonly eol: '\n' | '\r\n';
}

/** `text` with CRLF line ends made LF when every line ends in CRLF (no other CR); else undefined. */
export function lfText(text: string): string | undefined {
  if (!text.includes('\r')) return text;
  const lf = text.replace(/\r\n/g, '\n');
  return lf.includes('\r') || (lf.length < text.length && text.length - lf.length !== lf.split('\n').length - 1) ? undefined : lf;
}

/**
 * The fast path: the result when `text` is inside the fast reader's subset and has no error (only
 * warnings, positioned as the `yaml` path positions them); otherwise undefined, and the caller parses
 * with `yaml`. Size limits and decoding are the caller's.
 */
export function fastAnalyse(file: string, text: string, opts: Omit<SidecarParseOptions, 'maxBytes'>): FastAnalysis | undefined {
  // CRLF files (git on Windows) are read as LF: YAML reads CRLF and LF alike, and '\r' only ever ends a line.
  const input = text;
  const lf = lfText(input);
  if (lf === undefined) return undefined;
  text = lf;
  const read = fastRead(text);
  if (!read) return undefined;
  const value = read.value;
  if (value['version'] !== SIDECAR_VERSION) return undefined;
  const top: Record<string, unknown> = {};
  for (const key of Object.keys(value)) top[key] = key === 'annotations' && Array.isArray(value[key]) ? [] : value[key];
  if (!schemaAccepts(top, SIDECAR_TOP_SCHEMA)) return undefined;
  const document = value['document'] as string;
  const items = value['annotations'] as unknown[];

  // Warnings are positioned at their value; positions are read again only when there is one.
  const warnings: { path: NodePath; message: string }[] = [];
  if (opts.documentExists && !opts.documentExists(document)) warnings.push({ path: ['document'], message: `the annotated document '${document}' does not exist` });
  const annotations: Annotation[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    if (!surelyValidAnnotation(items[i]) && !schemaAccepts(items[i], ANNOTATION_SCHEMA)) return undefined;
    // In canonical key order already (as written), the value read is its own canonical copy.
    const a = read.canonicalOrder ? (items[i] as Annotation) : canonicalAnnotation(items[i] as Annotation);
    if (a.target.position.end < a.target.position.start) return undefined;
    if (opts.documentLength !== undefined && a.target.quote.exact.length > opts.documentLength) {
      warnings.push({ path: ['annotations', i, 'target', 'quote', 'exact'], message: quoteTooLong(a, opts.documentLength) });
    }
    if (ids.has(a.id)) return undefined;
    ids.add(a.id);
    const links = a.links;
    if (links) {
      for (let j = 0; j < links.length; j++) {
        const link = links[j]!;
        if (!LINK_TARGET_KEYS.some((k) => link[k] !== undefined)) return undefined;
        const unsafe = link.document === undefined ? undefined : unfollowedLink(link.document, opts);
        if (unsafe) warnings.push({ path: ['annotations', i, 'links', j, 'document'], message: unsafe });
        else if (link.document !== undefined && opts.documentExists && !opts.documentExists(link.document)) {
          warnings.push({ path: ['annotations', i, 'links', j, 'document'], message: `linked document '${link.document}' does not exist` });
        }
      }
    }
    if (opts.knownCodes) {
      a.codes.forEach((code, k) => {
        if (!opts.knownCodes!.has(code)) {
          warnings.push({ path: ['annotations', i, 'codes', k], message: `unknown code '${code}': not a theme of the knowledge pack nor a code of the workspace codebook` });
        }
      });
    }
    annotations.push(a);
  }
  annotations.forEach((a, i) => {
    const conflict = conflictCopyMessage(a.id, ids);
    if (conflict) warnings.push({ path: ['annotations', i, 'id'], message: conflict });
  });
  let problems: Problem[] = [];
  if (warnings.length) {
    const positions = new Map<string, number>();
    fastRead(text, positions);
    const lines = new LineStarts(text);
    problems = limitProblems(sortProblems(
      warnings.map(({ path, message }) => {
        const field = fieldPath(path);
        const offset = positions.get(field) ?? 0;
        const line = lines.lineOf(offset);
        return { file, line, character: offset - lines.start(line, text.length), severity: 'warning', message, field } as Problem;
      }),
    ));
  }
  return { result: { sidecar: { version: SIDECAR_VERSION, document, annotations }, annotations, problems, readOnly: false }, read, text, eol: lf === input ? '\n' : '\r\n' };
}

export function analyseSidecar(file: string, input: string | Uint8Array, opts: SidecarParseOptions): SidecarAnalysis {
  const problems: Problem[] = [];
  const done = (yaml: YamlFile | undefined, sidecar?: Sidecar, annotations: Annotation[] = []): SidecarAnalysis => {
    const sorted = sortProblems(problems);
    // Bounded per file; readOnly still from all of them.
    return { sidecar, annotations, problems: limitProblems(sorted), readOnly: sorted.some((p) => p.severity === 'error'), yaml };
  };

  let text: string;
  let invalidOffsets: readonly number[] = [];
  let maxBytes = opts.maxBytes;
  if (typeof input === 'string') text = input;
  else {
    if (input.length > opts.maxBytes) {
      problems.push({ file, line: 0, character: 0, severity: 'error', message: `file is ${input.length} bytes, over the limit of ${opts.maxBytes}` });
      return done(undefined);
    }
    const decoded = decodeSidecarBytes(input, file);
    text = decoded.text;
    invalidOffsets = decoded.invalidOffsets;
    pushAll(problems, decoded.problems);
    maxBytes = Number.MAX_SAFE_INTEGER; // already checked on the bytes; U+FFFD may have made the text longer
  }

  const yaml = YamlFile.parse(file, text, { maxBytes, maxAliasCount: opts.maxAliasCount ?? 100 });
  const doc = yaml.doc;
  if (!doc) {
    pushAll(problems, yaml.problems);
    return done(undefined);
  }
  const root = doc.contents;
  let errorOffset = Infinity;
  for (const e of doc.errors) errorOffset = Math.min(errorOffset, e.pos[0]);
  const lines = new LineStarts(text);

  // Aliases, custom tags and invalid UTF-8 taint the value they are in: reported, and that value not used.
  const decodeProblems = problems.splice(0);
  const unsafe = findUnsafeNodes(root);
  const tainted: NodePath[] = [];
  // One problem per annotation (or top-level field) and kind: an alias bomb has hundreds of aliases.
  const groups = new Map<string, UnsafeNode[]>();
  for (const u of unsafe) {
    tainted.push(u.path);
    const unit = `${u.kind}:${JSON.stringify(u.path.slice(0, u.path[0] === 'annotations' ? 2 : 1))}`;
    const group = groups.get(unit);
    if (group) group.push(u);
    else groups.set(unit, [u]);
  }
  for (const [first, ...more] of groups.values()) {
    const also = more.length ? ` (and ${more.length} more here)` : '';
    if (first!.kind === 'alias') problems.push(yaml.problemAt(first!.path, `YAML alias ${first!.detail} is not allowed in a sidecar${also}`));
    else {
      // Point at the tag itself, which the yaml package leaves out of the node's range.
      const p = yaml.problemAt(first!.path, `YAML tag '${shortTag(first!.detail)}' is not allowed in a sidecar: nothing in a sidecar is constructed or executed${also}`);
      const at = lines.start(p.line, text.length) + p.character;
      const tag = tagBefore(text.slice(lines.start(p.line, text.length), at));
      problems.push(tag >= 0 ? { ...p, character: tag } : p);
    }
  }
  invalidOffsets.forEach((offset, i) => {
    const path = pathAt(root, offset);
    tainted.push(path);
    const p = decodeProblems[i];
    if (p) decodeProblems[i] = { ...p, field: fieldPath(path) || undefined };
  });
  pushAll(problems, decodeProblems);
  const hasAlias = unsafe.some((u) => u.kind === 'alias');
  const hasTag = unsafe.some((u) => u.kind === 'tag');
  for (const p of yaml.problems) {
    if (hasAlias && p.message.startsWith('cannot expand YAML aliases')) continue; // reported per alias
    if (hasTag && p.message.startsWith('Unresolved tag')) continue; // reported per tag, as an error
    const field = p.field ?? (fieldPath(pathAt(root, lines.start(p.line, text.length) + p.character)) || undefined);
    problems.push({ ...p, field });
  }
  // A value is unusable when something bad is in it (not when it merely contains a bad comment elsewhere).
  // Every prefix of a tainted path, as a key: one lookup per value (a scan of all tainted paths per
  // annotation was quadratic with an alias in each of 100,000 items).
  const taintedPrefixes = new Set<string>();
  for (const t of tainted) for (let k = 0; k <= t.length; k++) taintedPrefixes.add(JSON.stringify(t.slice(0, k)));
  const isTainted = (path: NodePath) => taintedPrefixes.has(JSON.stringify(path));
  const taintedFields = new Set(tainted.map(fieldPath));

  if (!isMap(root)) {
    // An empty (or comments-only) file is a sidecar without annotations yet, not an error.
    if (doc.errors.length === 0 && root !== null) problems.push(yaml.problemAt([], 'a sidecar must be a YAML mapping with version, document and annotations'));
    return done(yaml);
  }
  const syntaxOk = doc.errors.length === 0;
  const usable = (node: unknown) => {
    const r = (node as Node | null | undefined)?.range;
    return r ? r[2] <= errorOffset : syntaxOk;
  };
  const valueOf = (node: unknown, path: NodePath): unknown => {
    if (syntaxOk && yaml.value !== undefined) return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], yaml.value);
    return toJS(doc, node);
  };
  const pair = (key: string) => root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);

  // version: nothing else can be read without it.
  const versionPair = pair('version');
  if (!versionPair || !usable(versionPair.value)) {
    if (syntaxOk) problems.push(yaml.problemAt([], "missing required field 'version'"));
    return done(yaml);
  }
  const version = isTainted(['version']) ? undefined : valueOf(versionPair.value, ['version']);
  if (version !== SIDECAR_VERSION) {
    problems.push(yaml.problemAt(['version'], `unsupported sidecar version ${JSON.stringify(version) ?? '?'}: this Policy Lens reads version ${SIDECAR_VERSION}`));
    return done(yaml);
  }

  // The top level, with the annotations only checked to be a list.
  let topOk = false;
  let document: string | undefined;
  if (syntaxOk) {
    const top: Record<string, unknown> = {};
    for (const p of root.items) {
      if (!isPair(p)) continue;
      const key = isScalar(p.key) ? String(p.key.value) : '?';
      const value = key === 'annotations' && isSeq(p.value) ? [] : toJS(doc, p.value);
      Object.defineProperty(top, key, { value, enumerable: true, writable: true, configurable: true }); // even '__proto__'
    }
    const topProblems = checkSchema(viewOf(yaml, top, []), SIDECAR_TOP_SCHEMA).map(explainPattern);
    pushAll(problems, topProblems.filter((p) => p.field === undefined || !taintedFields.has(p.field)));
    document = typeof top['document'] === 'string' && !isTainted(['document']) ? top['document'] : undefined;
    topOk = document !== undefined && !topProblems.some((p) => p.field === 'document' || p.field === 'version' || p.field === 'annotations');
    if (document !== undefined && opts.documentExists && !opts.documentExists(document)) {
      problems.push(yaml.problemAt(['document'], `the annotated document '${document}' does not exist`, 'warning'));
    }
  }

  // Annotations, one at a time.
  const seqPair = pair('annotations');
  const seq = seqPair && isSeq(seqPair.value) ? (seqPair.value as YAMLSeq) : undefined;
  if (!seq) return done(yaml); // missing or not a list: reported by the schema
  const annotations: Annotation[] = [];
  const firstOfId = new Map<string, number>();
  let skippedAfterError = 0;
  seq.items.forEach((item, i) => {
    const path: NodePath = ['annotations', i];
    if (!usable(item)) {
      if (skippedAfterError++ === 0) problems.push(yaml.problemAt(path, 'this annotation and the ones after it are not loaded until the YAML error is fixed', 'warning'));
      return;
    }
    if (isTainted(path)) return;
    const value = valueOf(item, path);
    const schemaProblems = checkSchema(viewOf(yaml, value, path), ANNOTATION_SCHEMA).map(explainPattern);
    if (schemaProblems.length) {
      pushAll(problems, schemaProblems);
      return;
    }
    const a = canonicalAnnotation(value as Annotation);
    const own = checkAnnotation(a, path, yaml, opts);
    pushAll(problems, own);
    if (own.some((p) => p.severity === 'error')) return;
    const first = firstOfId.get(a.id);
    if (first !== undefined) {
      const firstLine = yaml.problemAt(['annotations', first, 'id'], '').line;
      problems.push(yaml.problemAt([...path, 'id'], `duplicate annotation id '${a.id}' (first used at line ${firstLine + 1}); only the first is loaded`));
      return;
    }
    firstOfId.set(a.id, i);
    annotations.push(a);
  });
  for (const [id, i] of firstOfId) {
    const conflict = conflictCopyMessage(id, firstOfId);
    if (conflict) problems.push(yaml.problemAt(['annotations', i, 'id'], conflict, 'warning'));
  }
  const sidecar: Sidecar | undefined = syntaxOk && topOk && document !== undefined ? { version: SIDECAR_VERSION, document, annotations } : undefined;
  return done(yaml, sidecar, annotations);
}

/** `file` seen through a value at `prefix`, so that checkSchema positions its problems under `prefix`. */
function viewOf(file: YamlFile, value: unknown, prefix: NodePath): YamlFile {
  const view = Object.create(file) as YamlFile;
  Object.defineProperty(view, 'value', { value });
  Object.defineProperty(view, 'problemAt', {
    value: (path: NodePath, message: string, severity?: Problem['severity'], preferKey?: boolean) =>
      file.problemAt([...prefix, ...path], message, severity, preferKey),
  });
  return view;
}

function toJS(doc: Document, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  try {
    return (node as Node).toJS(doc, { maxAliasCount: 0 });
  } catch {
    return null;
  }
}

/**
 * Where the tag ends `line` starts (`!foo ` in `key: !foo `), or -1: what `/!\S*[ \t]*$/` finds, in one pass
 * (that regex is quadratic on a run of `!`).
 */
export function tagBefore(line: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  let start = end;
  while (start > 0 && !/\s/.test(line[start - 1]!)) start--;
  const bang = line.indexOf('!', start);
  return bang >= 0 && bang < end ? bang : -1;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}
