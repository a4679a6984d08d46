import type { KnowledgePack } from '../core/data/model';
import { draftPlan, PLAN_ID } from '../core/draft/draftPlan';
import { FileSystemError } from '../core/fs/fileSystem';
import { outline } from '../core/recognition/outline';
import { CliError } from './cliError';
import type { Output } from './commands';
import { isMarkdownPath, nodeFs, readDocument } from './documents';

/** `outline FILE`: the document's own headings, with no knowledge pack. */
export async function outlineCommand(file: string): Promise<Output> {
  const text = await readDocument(file);
  const json = outline(text, { markdown: isMarkdownPath(file) });
  const lines = json.map((e) => `${'  '.repeat(e.level - 1)}${e.start.line}:${e.start.character}-${e.end.line}:${e.end.character}\t${e.number ? `${e.number} ` : ''}${e.heading}`);
  return { json, text: lines.join('\n') || `${file}: no headings found` };
}

/** `draft-plan FILE --id ID [--title T] [--out FILE]`: a plan YAML drafted from the document, to --out or stdout. */
export async function draftPlanCommand(pack: KnowledgePack, file: string, id: string | undefined, title: string | undefined, out: string | undefined): Promise<Output> {
  if (!id) throw new CliError('missing --id ID (the new plan id, e.g. eu-ai-continent-2025)', 2);
  if (!PLAN_ID.test(id)) throw new CliError(`--id ${id}: use lower-case letters, digits and single hyphens, starting with a letter`, 2);
  if (pack.plan(id)) throw new CliError(`--id ${id}: a plan with this id is already in the knowledge pack`, 2);
  const text = await readDocument(file);
  const draft = draftPlan(text, pack, { id, title, markdown: isMarkdownPath(file), source: file.split(/[\\/]/).pop() });
  if (out === undefined) return { json: { plan: id, provisions: draft.provisions, yaml: draft.yaml }, text: draft.yaml.trimEnd() };
  try {
    await nodeFs.writeFileAtomic(out, new TextEncoder().encode(draft.yaml));
  } catch (err) {
    throw new CliError(err instanceof FileSystemError ? err.message : `${out}: ${(err as Error).message}`);
  }
  return { json: { plan: id, provisions: draft.provisions, out }, text: `${out}: plan ${id} drafted, ${draft.provisions} provisions (summaries marked DRAFT)` };
}
