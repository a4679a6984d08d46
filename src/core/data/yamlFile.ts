import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../limits';
import { utf8ByteLength } from '../text/utf8';
import { fieldPath, type Problem } from './problem';

/** Limits applied to every YAML file we read: files may come from anyone's repository. */
export interface YamlLimits {
  readonly maxBytes: number;
  readonly maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: DEFAULT_SIDECAR_MAX_BYTES, maxAliasCount: 100 };

/** A parsed YAML file that can point back at the source of any value path. */
export class YamlFile {
  private constructor(
    readonly file: string,
    readonly doc: Document | undefined,
    private readonly lines: LineCounter,
    readonly value: unknown,
    readonly problems: Problem[],
  ) {}

  static parse(file: string, text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): YamlFile {
    const lines = new LineCounter();
    const problems: Problem[] = [];
    const bytes = utf8ByteLength(text);
    if (bytes > limits.maxBytes) {
      problems.push({ file, line: 0, character: 0, severity: 'error', message: `file is ${bytes} bytes, over the limit of ${limits.maxBytes}` });
      return new YamlFile(file, undefined, lines, undefined, problems);
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
    for (const e of [...doc.errors, ...doc.warnings]) {
      const pos = lines.linePos(e.pos[0]);
      problems.push({
        file,
        line: pos.line - 1,
        character: pos.col - 1,
        severity: doc.errors.includes(e as never) ? 'error' : 'warning',
        message: e.message.split('\n')[0]!,
      });
    }
    let value: unknown;
    if (doc.errors.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
      } catch (err) {
        // The yaml package refuses documents whose aliases expand past maxAliasCount (alias bombs).
        problems.push({ file, line: 0, character: 0, severity: 'error', message: `cannot expand YAML aliases: ${(err as Error).message}` });
      }
    }
    return new YamlFile(file, doc, lines, value, problems);
  }

  get ok(): boolean {
    return !this.problems.some((p) => p.severity === 'error');
  }

  /** Source offset of the value at `path` (or of the nearest existing ancestor). */
  offsetOf(path: readonly (string | number)[], preferKey = false): number {
    let node: unknown = this.doc?.contents;
    let offset = rangeStart(node) ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === seg);
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        node = pair.value;
        offset = (preferKey ? keyStart : rangeStart(node) ?? keyStart) ?? offset;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        offset = rangeStart(node) ?? offset;
      } else break;
    }
    return offset;
  }

  problemAt(path: readonly (string | number)[], message: string, severity: Problem['severity'] = 'error', preferKey = false): Problem {
    const pos = this.lines.linePos(this.offsetOf(path, preferKey));
    return { file: this.file, line: pos.line - 1, character: pos.col - 1, severity, message, field: fieldPath(path) || undefined } as Problem;
  }
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? r[0] : undefined;
}
