import type { KnowledgePack } from '../data/model';

/** What Accept Suggestion… and Dismiss act on: two provisions, and the document the suggestion was shown in. */
export interface SuggestionArgs {
  readonly from: string;
  readonly to: string;
  /** URI of the document whose hover or picker offered it: picks the workspace folder written to. */
  readonly document?: string;
}

const PROVISION_ID = /^[a-z]+-\d+(\.\d+)*$/;

/**
 * The arguments of a suggestion command checked as untrusted input (a command link can be typed into any
 * Markdown): both ends known provisions of different plans of the pack, nothing else but an optional
 * document URI string. Returns the problem in words when they are not acceptable.
 */
export function checkSuggestionArgs(raw: unknown, pack: KnowledgePack): SuggestionArgs | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'expected the suggestion as {from, to}';
  const { from, to, document, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return `unexpected field '${extra[0]}'`;
  for (const [name, id] of [['from', from], ['to', to]] as const) {
    if (typeof id !== 'string' || !PROVISION_ID.test(id)) return `'${name}' must be a provision id`;
    if (!pack.provision(id)) return `unknown provision '${id}'`;
  }
  const a = pack.provision(from as string)!;
  const b = pack.provision(to as string)!;
  if (a.planId === b.planId) return `'${a.id}' and '${b.id}' are in the same plan`;
  if (document !== undefined && (typeof document !== 'string' || document.length > 4096)) return "'document' must be a URI string";
  return { from: a.id, to: b.id, ...(document !== undefined ? { document: document as string } : {}) };
}
