import { parseDocument, type Document } from 'yaml';
import { appendToBlockSequence } from '../data/yamlAppend';
import { DataError, type Problem } from '../data/problem';
import { checkSchema } from '../data/schemaCheck';
import { YamlFile } from '../data/yamlFile';

/** Where a workspace folder remembers the suggestions its analysts dismissed (beside the pack, not in it). */
export const DISMISSED_SUGGESTIONS_FILE = '.policy-lens/dismissed-suggestions.yaml';

/** A dismissed suggestion: the pair of provisions, in either direction (links are read both ways). */
export interface DismissedPair {
  readonly from: string;
  readonly to: string;
}

const PROVISION_ID = /^[a-z]+-\d+(\.\d+)*$/;

/** The file is a plain YAML list of {from, to}; provision ids as in the knowledge pack. */
const SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['from', 'to'],
    properties: {
      from: { type: 'string', pattern: '^[a-z]+-\\d+(\\.\\d+)*$' },
      to: { type: 'string', pattern: '^[a-z]+-\\d+(\\.\\d+)*$' },
    },
  },
};

const HEADER = [
  '# Suggested counterparts dismissed in this workspace (Policy Lens): hidden from hovers and Jump to Counterpart.',
  '# Delete an entry to see the suggestion again.',
  '',
].join('\n');

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The dismissed pairs, looked up in either direction. */
export class DismissedSet {
  private readonly keys: Set<string>;

  constructor(readonly pairs: readonly DismissedPair[]) {
    this.keys = new Set(pairs.map((p) => pairKey(p.from, p.to)));
  }

  has(a: string, b: string): boolean {
    return this.keys.has(pairKey(a, b));
  }
}

/**
 * Reads the dismissed list. An absent or empty file is an empty list; a broken one gives its `file:line:col`
 * problems and no pairs (nothing is hidden on a guess).
 */
export function parseDismissed(file: string, text: string | undefined): { pairs: DismissedPair[]; problems: Problem[] } {
  if (text === undefined || text.trim() === '') return { pairs: [], problems: [] };
  const f = YamlFile.parse(file, text);
  if (!f.ok) return { pairs: [], problems: f.problems };
  if (f.value === null || f.value === undefined) return { pairs: [], problems: [] };
  const problems = checkSchema(f, SCHEMA);
  if (problems.length) return { pairs: [], problems };
  return { pairs: (f.value as DismissedPair[]).map(({ from, to }) => ({ from, to })), problems: [] };
}

/**
 * The file's text with one more pair; comments and entries kept as written. A broken file is not rewritten:
 * DataError with its problems. A pair already listed (either way round) leaves the text as it is.
 */
export function addDismissed(file: string, existing: string | undefined, pair: DismissedPair): string {
  const item = { from: pair.from, to: pair.to };
  for (const id of [item.from, item.to]) if (!PROVISION_ID.test(id)) throw new Error(`'${id}' is not a provision id`);
  const { pairs, problems } = parseDismissed(file, existing);
  if (problems.length) throw new DataError(problems);
  if (new DismissedSet(pairs).has(pair.from, pair.to)) return existing!;
  if (existing === undefined || existing.trim() === '') return `${HEADER}- from: ${item.from}\n  to: ${item.to}\n`;
  const doc: Document = parseDocument(existing);
  // A comment-only file gets its first item after the comments; a flow list is rewritten as a block one.
  let text = doc.contents === null ? `${existing.trimEnd()}\n- from: ${item.from}\n  to: ${item.to}\n` : appendToBlockSequence(existing, doc.contents, [item]);
  if (text === undefined) {
    doc.contents = doc.createNode([...pairs, item]);
    text = doc.toString();
  }
  const check = parseDismissed(file, text);
  if (check.problems.length || check.pairs.length !== pairs.length + 1) throw new Error(`${file}: adding the pair would change other content; nothing was written`);
  return text;
}
