import { pathToFileURL } from 'url';
import * as path from 'path';
import { anchorAnnotations, type AnchoredAnnotation } from '../core/annotations/annotationFactory';
import { annotationSection } from '../core/annotations/annotationCard';
import { RangeIndex } from '../core/annotations/rangeIndex';
import type { KnowledgePack } from '../core/data/model';
import { buildHoverCard, HOVER_DETAIL_SETTINGS, hoverDetailAt, type HoverDetailSetting } from '../core/hover/hoverCard';
import { themesAt } from '../core/hover/themesAt';
import { ThemeMatcher } from '../core/lexicon/themeMatcher';
import { provisionAt } from '../core/recognition/recognise';
import type { LineIndex } from '../core/text/lineIndex';
import { checkPositionShape, CliError, parsePosition } from './cliError';
import { counterpartRows, type Output } from './commands';
import { openDocument } from './documents';
import { codesFor, loadSidecar, reportSidecarProblems } from './sidecarRead';

/**
 * The editor's hover card at a position, built from the same parts as the hover provider: the annotations
 * under the pointer (from FILE's sidecar, re-anchored in its current text), the provision, the themes and
 * the counterparts, at the detail the editor's default setting gives (`--detail` as `policyLens.hover.detail`).
 * `--json` gives the same content as data.
 */
export async function hoverCommand(pack: KnowledgePack, file: string, at: string | undefined, detailOption = 'auto'): Promise<Output> {
  checkPositionShape(at);
  if (!(HOVER_DETAIL_SETTINGS as readonly string[]).includes(detailOption)) throw new CliError(`--detail must be one of ${HOVER_DETAIL_SETTINGS.join(', ')}`, 2);
  const doc = await openDocument(file, pack);
  const lines = doc.recognition.lines;
  const { position, offset } = parsePosition(at, lines);
  const located = provisionAt(doc.recognition, position);
  const themes = themesAt(new ThemeMatcher(pack.themes), lines, position);
  const here = await annotationsAt(file, doc.text, offset);
  const codes = here.length ? await codesFor(file, pack.themes) : new Map();
  const documentUri = pathToFileURL(path.resolve(file)).toString();
  const annotations = here.length
    ? annotationSection(pack, here.map(({ annotation, anchor }) => ({ annotation, status: anchor.status, documentUri })), codes)
    : undefined;
  const detail = hoverDetailAt(detailOption as HoverDetailSetting, located, position);
  const card = buildHoverCard({ pack, located, themes, annotations, detail });
  const json = {
    position,
    provision: located ? { plan: located.provision.planId, id: located.provision.id, heading: located.provision.heading, start: located.range.start, end: located.range.end } : null,
    themes: themes.map((m) => ({ theme: m.themeId, text: m.text, start: lines.positionAt(m.start), end: lines.positionAt(m.end), ...(m.wrapped ? { wrapped: true } : {}) })),
    counterparts: located ? counterpartRows(pack, located.provision.id) : [],
    annotations: here.map((a) => annotationRow(a, lines)),
    detail,
    markdown: card ?? null,
  };
  return { json, text: card ?? '' };
}

/** The annotations whose current range holds the offset (either end included, as in the editor). */
async function annotationsAt(file: string, text: string, offset: number): Promise<AnchoredAnnotation[]> {
  const sidecar = await loadSidecar(file, text.length);
  if (!sidecar) return [];
  reportSidecarProblems(sidecar);
  if (sidecar.state.annotations.length === 0) return [];
  const anchored = anchorAnnotations(text, sidecar.state.annotations);
  const index = new RangeIndex(anchored.map((a, i) => [i, a.anchor.status === 'orphaned' ? 'orphaned' : { start: a.anchor.start, end: a.anchor.end }] as const));
  return index.at(offset).map((i) => anchored[i]!);
}

function annotationRow({ annotation: a, anchor }: AnchoredAnnotation, lines: LineIndex): object {
  return {
    id: a.id,
    codes: a.codes,
    ...(a.note !== undefined ? { note: a.note } : {}),
    ...(a.links?.length ? { links: a.links } : {}),
    ...(a.author !== undefined ? { author: a.author } : {}),
    created: a.created,
    ...(a.modified !== undefined ? { modified: a.modified } : {}),
    status: anchor.status,
    score: Math.round(anchor.score * 1000) / 1000,
    start: lines.positionAt(anchor.start),
    end: lines.positionAt(anchor.end),
  };
}
