import type { KnowledgePack } from '../core/data/model';
import { ThemeMatcher } from '../core/lexicon/themeMatcher';
import { provisionAt } from '../core/recognition/recognise';
import { checkPositionShape, parsePosition } from './cliError';
import { openDocument, readDocument } from './documents';
import { jsonArrayPieces, linePieces } from './streamedOutput';
import { eachThemeOccurrence } from './themeOccurrences';

/** Output of a command: JSON for --json, text otherwise; `failed` makes the exit code 1 (e.g. files with errors). */
export interface Output {
  readonly json: unknown;
  readonly text: string;
  readonly failed?: boolean;
}

/**
 * Output too big to hold (`themes` on 50 MB: millions of lines): written piece by piece as it is made,
 * byte for byte what the Output of the same result would print.
 */
export interface StreamedOutput {
  readonly stream: (json: boolean) => Iterable<string>;
  readonly failed?: boolean;
}

export type CommandOutput = Output | StreamedOutput;

export async function identifyCommand(pack: KnowledgePack, file: string): Promise<Output> {
  const { recognition } = await openDocument(file, pack);
  const provisions = recognition.provisions.map((lp) => ({
    id: lp.provision.id,
    heading: lp.provision.heading,
    start: lp.range.start,
    end: lp.range.end,
  }));
  // Three decimals, as `annotations` prints its scores: more digits are noise, not precision.
  const score = Math.round(recognition.score * 1000) / 1000;
  const json = { plan: recognition.plan?.id ?? null, score, provisions };
  const text = recognition.plan
    ? [
        `${file}: ${recognition.plan.title} (${recognition.plan.id}), score ${score.toFixed(3)}`,
        `${provisions.length} of ${recognition.plan.provisions.length} provisions found:`,
        ...provisions.map((p) => `  ${p.id.padEnd(8)} ${String(p.start.line).padStart(5)}-${String(p.end.line).padEnd(5)} ${p.heading}`),
      ].join('\n')
    : `${file}: not a known plan (best score ${score.toFixed(3)})`;
  return { json, text };
}

/**
 * Themed phrases need the text alone: no recognition, and the occurrences are printed as they are found. The
 * core's matcher finds them, as the editor colours Markdown and plain text (README, CLI).
 */
export async function themesCommand(pack: KnowledgePack, file: string): Promise<StreamedOutput> {
  const text = await readDocument(file);
  const matcher = new ThemeMatcher(pack.themes);
  const occurrences = () => eachThemeOccurrence(text, matcher);
  return {
    stream: (json) =>
      json
        ? jsonArrayPieces(occurrences())
        : linePieces(occurrences(), (o) => `${o.line}:${o.character}\t${o.theme}\t${JSON.stringify(o.text)}${o.wrapped ? '\t(wrapped)' : ''}`, `${file}: no themed phrases`),
  };
}

/** The counterparts of a provision as `counterparts --json` and `hover --json` list them. */
export function counterpartRows(pack: KnowledgePack, provisionId: string) {
  return pack.counterpartsOf(provisionId).map((c) => ({
    plan: c.plan.id,
    id: c.provision.id,
    heading: c.provision.heading,
    relation: c.link.relation,
    confidence: c.link.confidence,
    summary: c.link.summary,
  }));
}

export async function counterpartsCommand(pack: KnowledgePack, file: string, at: string | undefined): Promise<Output> {
  checkPositionShape(at);
  const doc = await openDocument(file, pack);
  const pos = parsePosition(at, doc.recognition.lines).position;
  const located = provisionAt(doc.recognition, pos);
  if (!located) {
    const why = doc.recognition.plan ? `no provision of ${doc.recognition.plan.id} at ${pos.line}:${pos.character}` : 'not a known plan';
    return { json: { provision: null, counterparts: [] }, text: `${file}: ${why}` };
  }
  const p = located.provision;
  const counterparts = counterpartRows(pack, p.id);
  const text = [
    `${p.planId} ${p.id}: ${p.heading}`,
    ...(counterparts.length ? counterparts.map((c) => `  ${c.relation.padEnd(11)} ${c.confidence.padEnd(6)} ${c.id.padEnd(7)} ${c.heading}\n      ${c.summary}`) : ['  no counterparts']),
  ].join('\n');
  return { json: { provision: { plan: p.planId, id: p.id, heading: p.heading }, counterparts }, text };
}
