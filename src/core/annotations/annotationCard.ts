import type { Code } from '../codebook/codebook';
import type { KnowledgePack } from '../data/model';
import { commandLink, escapeMarkdown } from '../hover/markdownText';
import { RELATION_MARK } from '../hover/hoverCard';
import { OPEN_ANNOTATION_COMMAND, OPEN_PROVISION_COMMAND } from '../hover/hoverCommands';
import type { AnchorStatus } from '../anchoring';
import type { Annotation, AnnotationLink } from '../sidecar/model';
import { linkDocumentProblem } from './linkTarget';

export { OPEN_ANNOTATION_COMMAND } from '../hover/hoverCommands';

export interface AnnotationView {
  readonly annotation: Annotation;
  readonly status: AnchorStatus;
  /** The annotated document's URI, to resolve links relative to it. */
  readonly documentUri: string;
  /** The sidecar's folder relative to its workspace folder, when inside one: links leaving it are not live. */
  readonly sidecarFolder?: string;
}

/** Arguments of a link to an annotation in another document, resolved by the adapter. */
export interface OpenAnnotationArgs {
  readonly fromDocument: string;
  readonly document: string;
  readonly annotationId?: string;
}

const STATUS_NOTE: Partial<Record<AnchorStatus, string>> = { fuzzy: 'attached by a fuzzy match: check the span', moved: 'moved since it was written' };

/**
 * The analyst's annotations under the pointer. Notes and codes come from files anyone may have written:
 * they are escaped to plain text, and only links we build ourselves (to our own commands) are live.
 */
/**
 * The passage a link to another annotation points at (its quote), when the adapter could read it: the
 * link is labelled with it, the file named beside it.
 */
export type LinkedPassage = (documentUri: string, link: AnnotationLink) => string | undefined;

/** How much of a linked passage labels its link. */
const PASSAGE_LABEL = 60;

export function passageLabel(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > PASSAGE_LABEL ? `${flat.slice(0, PASSAGE_LABEL - 1).trimEnd()}…` : flat;
}

export function annotationSection(pack: KnowledgePack, views: readonly AnnotationView[], codes: ReadonlyMap<string, Code>, passageOf: LinkedPassage = () => undefined): string {
  const blocks: string[] = [];
  for (const { annotation: a, status, documentUri, sidecarFolder } of views) {
    const labels = a.codes.map((c) => escapeMarkdown(codes.get(c)?.label ?? c)).join(' · ') || '*no code*';
    const lines = [`**Annotation** · ${labels}`];
    if (a.note) lines.push(`“${noteLines(a.note)}”`);
    for (const l of a.links ?? []) lines.push(linkLine(pack, l, documentUri, sidecarFolder, passageOf));
    const meta = [a.author ? escapeMarkdown(a.author) : undefined, escapeMarkdown(a.created.slice(0, 10)), a.modified ? `edited ${escapeMarkdown(a.modified.slice(0, 10))}` : undefined, STATUS_NOTE[status]].filter(Boolean);
    lines.push(`*${meta.join(' · ')}*`);
    blocks.push(lines.join('  \n'));
  }
  return blocks.join('\n\n');
}

/** A hover keeps a long note short: its first lines, each escaped. */
const NOTE_LINES = 6;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s/;

/**
 * A note of several lines as it was written: paragraphs and list items on lines of their own, a line
 * wrapped inside a paragraph joined to it (as Markdown reads a single line break).
 */
function noteLines(note: string): string {
  const lines: string[] = [];
  let joinNext = false;
  for (const raw of note.split(/\r\n|\r|\n/)) {
    if (!raw.trim()) {
      joinNext = false;
      continue;
    }
    if (joinNext && !LIST_ITEM.test(raw)) lines[lines.length - 1] += ` ${raw.trim()}`;
    else lines.push(raw.trim());
    joinNext = true;
  }
  const shown = lines.slice(0, NOTE_LINES).map((l) => escapeMarkdown(l));
  return `${shown.join('  \n')}${lines.length > NOTE_LINES ? ' …' : ''}`;
}

function linkLine(pack: KnowledgePack, l: AnnotationLink, documentUri: string, sidecarFolder: string | undefined, passageOf: LinkedPassage): string {
  const mark = l.relation in RELATION_MARK ? RELATION_MARK[l.relation as keyof typeof RELATION_MARK] : '→';
  const note = l.note ? ` — ${escapeMarkdown(l.note)}` : '';
  const provision = l.provision ? pack.provision(l.provision) : undefined;
  if (provision) {
    const plan = pack.plan(provision.planId);
    const target = commandLink(escapeMarkdown(provision.heading), OPEN_PROVISION_COMMAND, [{ planId: provision.planId, provisionId: provision.id }]);
    return `${mark} **${escapeMarkdown(l.relation)}** · ${escapeMarkdown(plan?.shortTitle ?? provision.planId)} \`${provision.id}\` ${target}${note}`;
  }
  const unsafe = l.document ? linkDocumentProblem(l.document, sidecarFolder) : undefined;
  if (l.document && unsafe) return `${mark} **${escapeMarkdown(l.relation)}** · ${escapeMarkdown(l.document)} *(not followed: ${escapeMarkdown(unsafe)})*${note}`;
  if (l.document) {
    const args: OpenAnnotationArgs = { fromDocument: documentUri, document: l.document, annotationId: l.annotation };
    const passage = l.annotation ? passageOf(documentUri, l) : undefined;
    const label = passage ? `“${escapeMarkdown(passageLabel(passage))}”` : escapeMarkdown(l.document);
    const target = commandLink(label, OPEN_ANNOTATION_COMMAND, [args]);
    const file = passage ? ` · ${escapeMarkdown(l.document.slice(l.document.lastIndexOf('/') + 1))}` : '';
    return `${mark} **${escapeMarkdown(l.relation)}** · ${target}${file}${note}`;
  }
  return `${mark} **${escapeMarkdown(l.relation)}** · ${escapeMarkdown(l.provision ?? l.plan ?? 'unknown target')}${note}`;
}
