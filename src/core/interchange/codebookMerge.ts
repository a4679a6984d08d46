import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import type { Code } from '../codebook/codebook';

/**
 * Imported codes added to a workspace codebook's YAML text. The text is edited as a YAML document (the
 * yaml package keeps comments and the order of what is there); codes already in it are never changed.
 */
export interface CodebookMerge {
  readonly text: string;
  readonly added: readonly string[];
  /** Ids already in the codebook: kept as they are. */
  readonly kept: readonly string[];
}

const FRESH = `# Policy Lens codebook: this workspace's own codes (see the README). Codes below were imported.
version: 1
relations: []
codes: []
`;

/** Throws Error when the existing text is not a codebook that can be edited (it is then left untouched). */
export function mergeCodebookText(existing: string | undefined, codes: readonly Code[]): CodebookMerge {
  const doc = parseDocument(existing ?? FRESH);
  if (doc.errors.length) throw new Error(`not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); codes not added`);
  let seq = doc.get('codes', true);
  if (seq === undefined || seq === null || (seq as { value?: unknown }).value === null) {
    seq = new YAMLSeq();
    doc.set('codes', seq);
  }
  if (!(seq instanceof YAMLSeq)) throw new Error("its 'codes' is not a list; codes not added");
  const have = new Set<string>();
  for (const item of seq.items) if (item instanceof YAMLMap) have.add(String(item.get('id')));
  const added: string[] = [];
  const kept: string[] = [];
  for (const c of codes) {
    if (have.has(c.id)) {
      kept.push(c.id);
      continue;
    }
    have.add(c.id);
    added.push(c.id);
    const entry: Record<string, string> = { id: c.id, label: c.label };
    if (c.description) entry['description'] = c.description;
    if (c.colour) entry['colour'] = c.colour;
    if (c.parent) entry['parent'] = c.parent;
    seq.add(doc.createNode(entry));
  }
  if (seq.flow && seq.items.length > 0) seq.flow = false;
  return { text: added.length ? doc.toString({ lineWidth: 0 }) : (existing ?? ''), added, kept };
}
