import { linkDocumentProblem } from '../annotations/linkTarget';
import type { Problem } from '../data/problem';
import type { YamlFile } from '../data/yamlFile';
import { type Annotation, type AnnotationLink, LINK_TARGET_KEYS } from './model';
import type { SidecarParseOptions } from './parse';
import type { NodePath } from './yamlNodes';

/**
 * The checks of one annotation that the sidecar schema cannot express, and the wording of schema problems:
 * kept apart from the parser, which decides how a sidecar is read (fast reader or YAML) and where problems go.
 */

/** A link the editor will not follow (outside the workspace, absolute, not normalised): a warning at load. */
export function unfollowedLink(document: string, opts: Pick<SidecarParseOptions, 'sidecarFolder'>): string | undefined {
  const why = linkDocumentProblem(document, opts.sidecarFolder);
  return why && `linked document '${document}' is not followed: ${why}`;
}

/** A quote longer than the document: the document is an older or shorter version, the annotation an orphan. */
export function quoteTooLong(a: Annotation, documentLength: number): string {
  const n = a.target.quote.exact.length;
  return `quote is ${n} characters long, longer than the whole document (${documentLength}): the annotation is orphaned`;
}

/** Checks the schema cannot express. */
export function checkAnnotation(a: Annotation, path: NodePath, yaml: YamlFile, opts: SidecarParseOptions): Problem[] {
  const out: Problem[] = [];
  const { start, end } = a.target.position;
  if (end < start) out.push(yaml.problemAt([...path, 'target', 'position', 'end'], `end ${end} is before start ${start}`));
  if (opts.documentLength !== undefined && a.target.quote.exact.length > opts.documentLength) {
    out.push(yaml.problemAt([...path, 'target', 'quote', 'exact'], quoteTooLong(a, opts.documentLength), 'warning'));
  }
  a.links?.forEach((link: AnnotationLink, j) => {
    const lp = [...path, 'links', j];
    if (!LINK_TARGET_KEYS.some((k) => link[k] !== undefined)) {
      out.push(yaml.problemAt(lp, 'link names no target: give plan, provision, document or annotation'));
    }
    const unsafe = link.document === undefined ? undefined : unfollowedLink(link.document, opts);
    if (unsafe) out.push(yaml.problemAt([...lp, 'document'], unsafe, 'warning'));
    else if (link.document !== undefined && opts.documentExists && !opts.documentExists(link.document)) {
      out.push(yaml.problemAt([...lp, 'document'], `linked document '${link.document}' does not exist`, 'warning'));
    }
  });
  if (opts.knownCodes) {
    a.codes.forEach((code, k) => {
      if (!opts.knownCodes!.has(code)) {
        out.push(yaml.problemAt([...path, 'codes', k], `unknown code '${code}': not a theme of the knowledge pack nor a code of the workspace codebook`, 'warning'));
      }
    });
  }
  return out;
}

const PATTERN_MEANING: [RegExp, string][] = [
  [/(^|\.)(created|modified)$/, 'must be an ISO 8601 date or date-time, e.g. 2025-07-23 or 2025-07-23T10:15:00Z'],
  [/(^|\.)(id|annotation)$/, "must be an annotation id: a letter or digit, then letters, digits, '.', '_' or '-' (at most 64)"],
  [/(^|\.)document$/, "must be a relative path with '/' separators (no leading '/', drive letter, URI scheme or backslash)"],
  [/\.relation$/, "must be a relation name: a letter, then letters, digits, '_' or '-'"],
  [/\.codes\[\d+\]$/, 'must be a code without spaces'],
];

/** Says what a `pattern` is for instead of quoting the regular expression. */
export function explainPattern(p: Problem): Problem {
  if (!p.message.startsWith('must match pattern') || !p.field) return p;
  const meaning = PATTERN_MEANING.find(([re]) => re.test(p.field!));
  return meaning ? { ...p, message: meaning[1] } : p;
}
