import codebookSchema from '../../../annotations/schemas/codebook.schema.json';
import type { Theme } from '../data/model';
import type { Problem } from '../data/problem';
import { checkSchema } from '../data/schemaCheck';
import { YamlFile, type YamlLimits } from '../data/yamlFile';

/** A code an analyst can put on a passage: a knowledge-pack theme or a code of the workspace codebook. */
export interface Code {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Colour for dark themes; light themes get a darker variant where one is known. */
  readonly colour?: string;
  readonly lightColour?: string;
  readonly parent?: string;
  readonly source: 'theme' | 'codebook';
}

export interface Codebook {
  readonly codes: readonly Code[];
  readonly relations: readonly string[];
  readonly problems: readonly Problem[];
}

export const BUILT_IN_RELATIONS = ['aligned', 'contrasting', 'partial'] as const;
export const CODEBOOK_PATH = '.policy-lens/codebook.yaml';

/** What a new workspace codebook starts as: valid, commented, with one example to copy. */
export const NEW_CODEBOOK = `# Policy Lens codebook: this workspace's own codes, offered next to the knowledge pack's themes
# when you annotate a passage. Fields: id (kebab-case, stable), label, description, colour (#RRGGBB),
# parent (id of another code, for a hierarchy). "relations" adds counterpart relations of your own.
version: 1
relations: []
codes:
  - id: follow-up
    label: Follow up
    description: A passage to come back to.
    colour: "#C586C0"
`;

/** Parses a workspace codebook; codes with problems are dropped, the rest load. */
export function parseCodebook(file: string, text: string, limits?: YamlLimits): Codebook {
  const f = YamlFile.parse(file, text, limits);
  const problems: Problem[] = [...f.problems];
  if (!f.ok) return { codes: [], relations: [], problems };
  const schemaProblems = checkSchema(f, codebookSchema);
  problems.push(...schemaProblems);
  if (schemaProblems.length) return { codes: [], relations: [], problems };
  const raw = f.value as { codes: { id: string; label: string; description?: string; colour?: string; parent?: string }[] | null; relations?: string[] };
  const codes: Code[] = [];
  const ids = new Set<string>();
  (raw.codes ?? []).forEach((c, i) => {
    if (ids.has(c.id)) {
      problems.push(f.problemAt(['codes', i, 'id'], `duplicate code id '${c.id}'`));
      return;
    }
    ids.add(c.id);
    codes.push({ ...c, source: 'codebook' });
  });
  codes.forEach((c) => {
    if (c.parent && !ids.has(c.parent)) {
      const i = (raw.codes ?? []).findIndex((r) => r.id === c.id);
      problems.push(f.problemAt(['codes', i, 'parent'], `unknown parent code '${c.parent}'`, 'warning'));
    }
  });
  return { codes, relations: raw.relations ?? [], problems };
}

/** Every code on offer: the themes first, then the codebook's (a codebook code never hides a theme). */
export function allCodes(themes: readonly Theme[], codebook: Codebook | undefined): Code[] {
  const out: Code[] = themes.map((t) => ({ id: t.id, label: t.label, description: t.description, colour: t.colour.dark, lightColour: t.colour.light, source: 'theme' }));
  const taken = new Set(out.map((c) => c.id));
  for (const c of codebook?.codes ?? []) if (!taken.has(c.id)) out.push(c);
  return out;
}
