import { stringify } from 'yaml';
import counterpartsSchema from '../../../annotations/schemas/counterparts.schema.json';
import type { CounterpartLink } from './model';
import { DataError } from './problem';
import { checkSchema } from './schemaCheck';
import { appendToBlockSequence } from './yamlAppend';
import { YamlFile } from './yamlFile';

/** What a new workspace counterparts.yaml starts with: the reader learns what the file is and what it holds. */
const NEW_FILE_HEADER = [
  '# Counterpart links of this workspace\'s knowledge pack (Policy Lens), merged with the bundled links.',
  '# Accept Suggestion… adds links here; edit them as you like (schema: counterparts.schema.json).',
  '#   relation    aligned | partial | contrasting',
  '#   confidence  high | medium | low',
  '',
  '',
].join('\n');

/** A link as it is written: the fields in the schema's order, optional ones only when set. */
function linkRecord(link: CounterpartLink): Record<string, string> {
  return {
    from: link.from,
    to: link.to,
    relation: link.relation,
    confidence: link.confidence,
    ...(link.evidence ? { evidence: link.evidence } : {}),
    summary: link.summary,
  };
}

/**
 * The text of a counterparts.yaml with `link` added: the file is created when `existing` is undefined,
 * otherwise its content and comments are kept byte for byte and the link appended to `links`. A file that does
 * not parse or is not valid against the counterparts schema is not touched: DataError with its
 * `file:line:col` problems, so nothing the analyst wrote is lost. The result is checked again before it is
 * returned (valid, and the old links followed by the new one).
 */
export function addCounterpartLink(file: string, existing: string | undefined, link: CounterpartLink): string {
  const record = linkRecord(link);
  if (existing === undefined || existing.trim() === '') {
    return verified(file, `${NEW_FILE_HEADER}version: 1\nlinks:\n${indentItems([record])}`, [], record);
  }
  const before = validFile(file, existing);
  const old = (before.value as { links: unknown[] }).links;
  const pair = (l: { from: unknown; to: unknown }): string => [l.from, l.to].sort().join('\u0000');
  if (old.some((l) => pair(l as CounterpartLink) === pair(link))) throw new Error(`${file} already links ${link.from} and ${link.to}`);
  const appended = appendToBlockSequence(existing, before.doc!.get('links', true), [record]);
  if (appended !== undefined) return verified(file, appended, old, record);
  // An empty or flow-style `links: []`: the sequence is replaced by a block one; the rest stays as it is.
  const doc = before.doc!;
  doc.set('links', doc.createNode([...old, record]));
  return verified(file, doc.toString({ lineWidth: 100 }), old, record);
}

/** Items of a block list at two spaces, as the bundled file writes them (plain scalars where YAML allows). */
function indentItems(records: readonly object[]): string {
  return stringify(records, { lineWidth: 100 })
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}

function validFile(file: string, text: string): YamlFile {
  const f = YamlFile.parse(file, text);
  if (!f.ok) throw new DataError(f.problems.filter((p) => p.severity === 'error'));
  const problems = checkSchema(f, counterpartsSchema);
  if (problems.length) throw new DataError(problems);
  return f;
}

/** The written text must read back as the old links followed by the new one, or it is not written. */
function verified(file: string, text: string, old: readonly unknown[], record: object): string {
  const after = validFile(file, text);
  const links = (after.value as { links: unknown[] }).links;
  // Plain data from YAML, keys in written order: equal JSON is equal content.
  if (JSON.stringify(links) !== JSON.stringify([...old, record])) throw new Error(`${file}: adding the link would change other content; nothing was written`);
  return text;
}
