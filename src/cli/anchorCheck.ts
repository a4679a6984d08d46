import { anchorAnnotations } from '../core/annotations/annotationFactory';
import type { Problem } from '../core/data/problem';
import type { Annotation } from '../core/sidecar/model';
import { LineIndex } from '../core/text/lineIndex';

/** A re-anchoring finding: a Problem placed on the document, naming the annotation. */
export interface AnchorProblem extends Problem {
  readonly annotation: string;
  readonly codes: readonly string[];
  readonly status: 'fuzzy' | 'orphaned';
}

/** The line of `- id: ID` in the sidecar's text (0-based), so the message can point into the sidecar too. */
function sidecarLineOf(sidecarText: string | undefined, id: string): number | undefined {
  if (!sidecarText) return undefined;
  // Line by line (a regex built from the id would have to be escaped and checked for linearity).
  const wanted = new Set([`id: ${id}`, `id: '${id}'`, `id: "${id}"`]);
  const lines = sidecarText.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (wanted.has(line.startsWith('- ') ? line.slice(2).trim() : line)) return i;
  }
  return undefined;
}

/**
 * Re-anchors each annotation against the document as it is now (the editor's one re-anchoring function):
 * an orphan is an error (its passage is gone), a fuzzy match a warning (the passage was edited: someone
 * should look). Each finding sits at the annotation's old place — its position hint, as line:col of the
 * current text, clamped to its end — in `documentShown`; exact and moved annotations are fine.
 */
export function anchorProblems(documentShown: string, text: string, annotations: readonly Annotation[], sidecarShown: string, sidecarText?: string): AnchorProblem[] {
  const index = new LineIndex(text);
  const out: AnchorProblem[] = [];
  for (const { annotation: a, anchor } of anchorAnnotations(text, annotations)) {
    if (anchor.status !== 'orphaned' && anchor.status !== 'fuzzy') continue;
    const old = index.positionAt(Math.max(0, Math.min(a.target.position.start, text.length)));
    const codes = a.codes.length ? a.codes.join(', ') : 'no code';
    const quote = a.target.quote.exact.length > 60 ? `${a.target.quote.exact.slice(0, 57)}…` : a.target.quote.exact;
    const sidecarLine = sidecarLineOf(sidecarText, a.id);
    const where = `${sidecarShown}${sidecarLine === undefined ? '' : `:${sidecarLine + 1}`}`;
    const score = anchor.score.toFixed(2);
    let message: string;
    if (anchor.status === 'orphaned') {
      message = `annotation ${a.id} (${codes}) is orphaned: its passage "${quote}" is no longer in the document (best match scored ${score}); re-attach or delete it (${where})`;
    } else {
      const now = index.positionAt(anchor.start);
      message = `annotation ${a.id} (${codes}) was found only approximately, at ${now.line + 1}:${now.character + 1} (score ${score}): its passage "${quote}" was edited; check it still fits (${where})`;
    }
    out.push({ file: documentShown, line: old.line, character: old.character, severity: anchor.status === 'orphaned' ? 'error' : 'warning', message, annotation: a.id, codes: a.codes, status: anchor.status });
  }
  return out;
}
