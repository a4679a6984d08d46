import type { Code } from '../codebook/codebook';
import { codesFromXml, codesToXml } from './codebookXml';
import type { DataLossItem, ImportResult } from './model';
import { ORIGIN } from './qdpx/writeQde';
import { asArray, attr, buildXml, parseXml } from './xml';

/**
 * REFI-QDA codebooks (`.qdc`, namespace urn:QDA-XML:codebook:1.0): the codes alone, hierarchy as nesting,
 * colours as #RRGGBB. Export takes the pack's themes and the workspace codebook; import yields codes that
 * importInto merges into `.policy-lens/codebook.yaml`.
 */
export function exportQdc(codes: readonly Code[]): string {
  const root: Record<string, unknown> = { '@_xmlns': 'urn:QDA-XML:codebook:1.0', '@_origin': ORIGIN };
  // <Codes> is required and may not be empty: a codebook without codes is no .qdc.
  if (codes.length === 0) throw new Error('no codes to export: the codebook is empty');
  root['Codes'] = { Code: codesToXml(codes) };
  return buildXml({ CodeBook: root });
}

export function importQdc(text: string, options: { knownCodeIds?: Iterable<string> } = {}): ImportResult {
  const dataLoss: DataLossItem[] = [];
  let doc;
  try {
    doc = parseXml(text);
  } catch (err) {
    throw new Error(`not a REFI-QDA codebook: the XML does not parse (${(err as Error).message})`, { cause: err });
  }
  // A .qdc's root is CodeBook; a .qde's codebook sits in Project (accepted too: the codes are the same).
  const book = asArray(doc['CodeBook'])[0] ?? asArray(asArray(doc['Project'])[0]?.['CodeBook'])[0];
  if (!book) throw new Error('not a REFI-QDA codebook: no <CodeBook> element');
  const { codes } = codesFromXml(asArray(book['Codes'])[0], options.knownCodeIds ?? [], dataLoss);
  const sets = asArray(asArray(book['Sets'])[0]?.['Set']);
  for (const s of sets) dataLoss.push({ kind: 'Set', where: attr(s, 'name') ?? attr(s, 'guid') ?? 'Set', reason: 'code sets have no counterpart in the codebook' });
  return { project: { name: attr(book, 'origin') ?? 'Imported codebook', codes, documents: [] }, dataLoss };
}
