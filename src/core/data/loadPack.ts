import themesSchema from '../../../annotations/schemas/themes.schema.json';
import planSchema from '../../../annotations/schemas/plan.schema.json';
import counterpartsSchema from '../../../annotations/schemas/counterparts.schema.json';
import { MAX_PROBLEMS_PER_FILE } from '../limits';
import { PackDefinitions } from './mergePacks';
import { KnowledgePack, type CounterpartLink, type Phrase, type Plan, type Provision, type Theme } from './model';
import { boundProblems, type Problem } from './problem';
import { checkSchema } from './schemaCheck';
import { YamlFile, type YamlLimits } from './yamlFile';
import { normalisePhrase } from '../lexicon/phrasePattern';

export interface SourceFile {
  /** Path as it should appear in messages (relative to the workspace or repo). */
  readonly file: string;
  readonly text: string;
  /** Where the file was read from (a path or URI string), when it differs from `file`: for the Problems panel. */
  readonly location?: string;
}

export interface PackSources {
  /** Required in the bundled pack; optional in a workspace pack. */
  readonly themes?: SourceFile;
  readonly plans: readonly SourceFile[];
  readonly counterparts?: SourceFile;
}

export interface PackResult {
  readonly pack: KnowledgePack;
  readonly problems: readonly Problem[];
}

/** Parses, validates and cross-checks a knowledge pack. Items with errors are dropped; everything else loads. */
export function loadKnowledgePack(sources: PackSources, limits?: YamlLimits): PackResult {
  return loadKnowledgePacks([sources], limits);
}

/**
 * Several packs merged into one (the bundled pack first, then workspace packs): all themes are read before
 * any plan, and all plans before any link, so a plan may use another pack's themes and a link may join
 * provisions of any two packs. Ids are global; a clash is an error naming both files (see PackDefinitions).
 * Problems are bounded per file (MAX_PROBLEMS_PER_FILE), as workspace packs are untrusted input.
 */
export function loadKnowledgePacks(packs: readonly PackSources[], limits?: YamlLimits): PackResult {
  const problems: Problem[] = [];
  const defs = new PackDefinitions(problems);
  const parse = (src: SourceFile | undefined, schema: object): YamlFile | undefined => {
    if (!src) return undefined;
    const f = YamlFile.parse(src.file, src.text, limits);
    problems.push(...f.problems);
    if (!f.ok) return undefined;
    const schemaProblems = checkSchema(f, schema);
    problems.push(...schemaProblems);
    return schemaProblems.length ? undefined : f;
  };

  const themes: Theme[] = [];
  for (const src of packs) themes.push(...readThemes(parse(src.themes, themesSchema), defs, problems));
  const plans: Plan[] = [];
  for (const src of packs) {
    for (const planSrc of src.plans) {
      const f = parse(planSrc, planSchema);
      if (f && defs.plan(f, ['plan', 'id'], (f.value as RawPlan).plan.id)) plans.push(readPlan(f, defs, problems));
    }
  }
  const links: CounterpartLink[] = [];
  for (const src of packs) links.push(...readLinks(parse(src.counterparts, counterpartsSchema), defs, problems));
  return { pack: new KnowledgePack(themes, plans, links), problems: boundProblems(problems, MAX_PROBLEMS_PER_FILE) };
}

interface RawTheme {
  id: string;
  label: string;
  description: string;
  colour: Theme['colour'];
  phrases: { text: string; variants?: string[]; ambiguous?: boolean }[];
}

function readThemes(f: YamlFile | undefined, defs: PackDefinitions, problems: Problem[]): Theme[] {
  if (!f) return [];
  const raw = (f.value as { themes: RawTheme[] }).themes;
  const themes: Theme[] = [];
  raw.forEach((t, ti) => {
    if (!defs.theme(f, ['themes', ti, 'id'], t.id)) return;
    const phrases: Phrase[] = [];
    t.phrases.forEach((p, pi) => {
      const forms = [p.text, ...(p.variants ?? [])];
      let clash = false;
      const pathOf = (fi: number) => (fi === 0 ? ['themes', ti, 'phrases', pi, 'text'] : ['themes', ti, 'phrases', pi, 'variants', fi - 1]);
      if (!p.ambiguous) {
        forms.forEach((form, fi) => {
          const owner = defs.phraseOwner(normalisePhrase(form));
          if (owner !== undefined) {
            clash = true;
            problems.push(f.problemAt(pathOf(fi), `phrase '${form}' is already listed under ${owner}`));
          }
        });
        if (!clash) forms.forEach((form, fi) => defs.phrase(f, pathOf(fi), normalisePhrase(form), t.id));
      }
      if (!clash) phrases.push({ text: p.text, variants: p.variants ?? [], ambiguous: p.ambiguous ?? false });
    });
    themes.push({ id: t.id, label: t.label, description: t.description, colour: t.colour, phrases });
  });
  return themes;
}

interface RawPlan {
  plan: Omit<Plan, 'provisions' | 'titleVariants'> & { titleVariants?: string[] };
  provisions: {
    id: string;
    kind: Provision['kind'];
    number?: string | null;
    parent?: string | null;
    heading: string;
    headingVerified?: boolean;
    headingVariants?: string[];
    summary: string;
    keyPhrases?: string[];
    themes: string[];
  }[];
}

function readPlan(f: YamlFile, defs: PackDefinitions, problems: Problem[]): Plan {
  const raw = f.value as RawPlan;
  const planId = raw.plan.id;
  const provisions: Provision[] = [];
  const local = new Set<string>();
  raw.provisions.forEach((p, i) => {
    if (!defs.provision(f, ['provisions', i, 'id'], p.id, planId)) return;
    const parent = p.parent ?? null;
    if (parent !== null && !local.has(parent)) {
      problems.push(f.problemAt(['provisions', i, 'parent'], `parent '${parent}' is not an earlier provision of this plan`));
    }
    p.themes.forEach((t, ti) => {
      if (!defs.hasTheme(t)) problems.push(f.problemAt(['provisions', i, 'themes', ti], `unknown theme '${t}'`));
    });
    local.add(p.id);
    provisions.push({
      id: p.id,
      planId,
      kind: p.kind,
      number: p.number ?? null,
      parent: parent !== null && local.has(parent) ? parent : null,
      heading: p.heading,
      headingVerified: p.headingVerified ?? true,
      headingVariants: p.headingVariants ?? [],
      summary: p.summary.trim(),
      keyPhrases: p.keyPhrases ?? [],
      themes: p.themes.filter((t) => defs.hasTheme(t)),
      depth: parent !== null ? 1 : 0,
      index: provisions.length,
    });
  });
  const { id, title, shortTitle, issuer, country, date, description } = raw.plan;
  return { id, title, shortTitle, titleVariants: raw.plan.titleVariants ?? [], issuer, country, date, description, provisions } as Plan;
}

function readLinks(f: YamlFile | undefined, defs: PackDefinitions, problems: Problem[]): CounterpartLink[] {
  if (!f) return [];
  const raw = (f.value as { links: CounterpartLink[] }).links;
  const links: CounterpartLink[] = [];
  raw.forEach((l, i) => {
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (defs.planOf(l[end]) === undefined) {
        problems.push(f.problemAt(['links', i, end], `unknown provision '${l[end]}'`));
        ok = false;
      }
    }
    if (ok && defs.planOf(l.from) === defs.planOf(l.to)) {
      problems.push(f.problemAt(['links', i, 'to'], `'${l.from}' and '${l.to}' are in the same plan; counterparts link different plans`));
      ok = false;
    }
    if (ok && defs.link(f, ['links', i], l.from, l.to)) {
      links.push({ ...l, summary: l.summary.trim() });
    }
  });
  return links;
}
