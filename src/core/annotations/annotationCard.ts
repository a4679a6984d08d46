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
export function annotationSection(pack: KnowledgePack, views: readonly AnnotationView[], codes: ReadonlyMap<string, Code>): string {
  const blocks: string[] = [];
  for (const { annotation: a, status, documentUri, sidecarFolder } of views) {
    const labels = a.codes.map((c) => escapeMarkdown(codes.get(c)?.label ?? c)).join(' · ') || '*no code*';
    const lines = [`**Annotation** · ${labels}`];
    if (a.note) lines.push(`“${escapeMarkdown(a.note)}”`);
    for (const l of a.links ?? []) lines.push(linkLine(pack, l, documentUri, sidecarFolder));
    const meta = [a.author ? escapeMarkdown(a.author) : undefined, escapeMarkdown(a.created.slice(0, 10)), a.modified ? `edited ${escapeMarkdown(a.modified.slice(0, 10))}` : undefined, STATUS_NOTE[status]].filter(Boolean);
    lines.push(`*${meta.join(' · ')}*`);
    blocks.push(lines.join('  \n'));
  }
  return blocks.join('\n\n');
}

function linkLine(pack: KnowledgePack, l: AnnotationLink, documentUri: string, sidecarFolder: string | undefined): string {
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
    const target = commandLink(escapeMarkdown(l.document), OPEN_ANNOTATION_COMMAND, [args]);
    return `${mark} **${escapeMarkdown(l.relation)}** · ${target}${note}`;
  }
  return `${mark} **${escapeMarkdown(l.relation)}** · ${escapeMarkdown(l.provision ?? l.plan ?? 'unknown target')}${note}`;
}
