import themesSchema from '../../../annotations/schemas/themes.schema.json';
import planSchema from '../../../annotations/schemas/plan.schema.json';
import counterpartsSchema from '../../../annotations/schemas/counterparts.schema.json';
import { KnowledgePack, type CounterpartLink, type Phrase, type Plan, type Provision, type Theme } from './model';
import type { Problem } from './problem';
import { checkSchema } from './schemaCheck';
import { YamlFile, type YamlLimits } from './yamlFile';
import { normalisePhrase } from '../lexicon/phrasePattern';

export interface SourceFile {
  /** Path as it should appear in messages (relative to the workspace or repo). */
  readonly file: string;
  readonly text: string;
}

export interface PackSources {
  readonly themes: SourceFile;
  readonly plans: readonly SourceFile[];
  readonly counterparts: SourceFile;
}

export interface PackResult {
  readonly pack: KnowledgePack;
  readonly problems: readonly Problem[];
}

/** Parses, validates and cross-checks a knowledge pack. Items with errors are dropped; everything else loads. */
export function loadKnowledgePack(sources: PackSources, limits?: YamlLimits): PackResult {
  const problems: Problem[] = [];
  const parse = (src: SourceFile, schema: object): YamlFile | undefined => {
    const f = YamlFile.parse(src.file, src.text, limits);
    problems.push(...f.problems);
    if (!f.ok) return undefined;
    const schemaProblems = checkSchema(f, schema);
    problems.push(...schemaProblems);
    return schemaProblems.length ? undefined : f;
  };

  const themes = readThemes(parse(sources.themes, themesSchema), problems);
  const themeIds = new Set(themes.map((t) => t.id));
  const plans: Plan[] = [];
  const provisionIds = new Map<string, string>();
  for (const src of sources.plans) {
    const f = parse(src, planSchema);
    if (f) {
      const plan = readPlan(f, themeIds, provisionIds, problems);
      if (plans.some((p) => p.id === plan.id)) problems.push(f.problemAt(['plan', 'id'], `duplicate plan id '${plan.id}'`));
      else plans.push(plan);
    }
  }
  const links = readLinks(parse(sources.counterparts, counterpartsSchema), provisionIds, problems);
  return { pack: new KnowledgePack(themes, plans, links), problems };
}

interface RawTheme {
  id: string;
  label: string;
  description: string;
  colour: Theme['colour'];
  phrases: { text: string; variants?: string[]; ambiguous?: boolean }[];
}

function readThemes(f: YamlFile | undefined, problems: Problem[]): Theme[] {
  if (!f) return [];
  const raw = (f.value as { themes: RawTheme[] }).themes;
  const themes: Theme[] = [];
  const phraseOwner = new Map<string, string>();
  raw.forEach((t, ti) => {
    if (themes.some((x) => x.id === t.id)) {
      problems.push(f.problemAt(['themes', ti, 'id'], `duplicate theme id '${t.id}'`));
      return;
    }
    const phrases: Phrase[] = [];
    t.phrases.forEach((p, pi) => {
      const forms = [p.text, ...(p.variants ?? [])];
      let clash = false;
      if (!p.ambiguous) {
        forms.forEach((form, fi) => {
          const key = normalisePhrase(form);
          const owner = phraseOwner.get(key);
          if (owner !== undefined) {
            clash = true;
            const path = fi === 0 ? ['themes', ti, 'phrases', pi, 'text'] : ['themes', ti, 'phrases', pi, 'variants', fi - 1];
            problems.push(f.problemAt(path, `phrase '${form}' is already listed under theme '${owner}'`));
          }
        });
        if (!clash) for (const form of forms) phraseOwner.set(normalisePhrase(form), t.id);
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

function readPlan(f: YamlFile, themeIds: Set<string>, provisionIds: Map<string, string>, problems: Problem[]): Plan {
  const raw = f.value as RawPlan;
  const planId = raw.plan.id;
  const provisions: Provision[] = [];
  const local = new Set<string>();
  raw.provisions.forEach((p, i) => {
    const owner = provisionIds.get(p.id);
    if (owner !== undefined) {
      problems.push(f.problemAt(['provisions', i, 'id'], `duplicate provision id '${p.id}' (already in plan '${owner}')`));
      return;
    }
    const parent = p.parent ?? null;
    if (parent !== null && !local.has(parent)) {
      problems.push(f.problemAt(['provisions', i, 'parent'], `parent '${parent}' is not an earlier provision of this plan`));
    }
    p.themes.forEach((t, ti) => {
      if (!themeIds.has(t)) problems.push(f.problemAt(['provisions', i, 'themes', ti], `unknown theme '${t}'`));
    });
    provisionIds.set(p.id, planId);
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
      themes: p.themes.filter((t) => themeIds.has(t)),
      depth: parent !== null ? 1 : 0,
      index: provisions.length,
    });
  });
  const { id, title, shortTitle, issuer, country, date, description } = raw.plan;
  return { id, title, shortTitle, titleVariants: raw.plan.titleVariants ?? [], issuer, country, date, description, provisions } as Plan;
}

function readLinks(f: YamlFile | undefined, provisionIds: Map<string, string>, problems: Problem[]): CounterpartLink[] {
  if (!f) return [];
  const raw = (f.value as { links: CounterpartLink[] }).links;
  const links: CounterpartLink[] = [];
  const seen = new Set<string>();
  raw.forEach((l, i) => {
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (!provisionIds.has(l[end])) {
        problems.push(f.problemAt(['links', i, end], `unknown provision '${l[end]}'`));
        ok = false;
      }
    }
    if (ok && provisionIds.get(l.from) === provisionIds.get(l.to)) {
      problems.push(f.problemAt(['links', i, 'to'], `'${l.from}' and '${l.to}' are in the same plan; counterparts link different plans`));
      ok = false;
    }
    const key = [l.from, l.to].sort().join('|');
    if (ok && seen.has(key)) {
      problems.push(f.problemAt(['links', i], `duplicate link between '${l.from}' and '${l.to}'`));
      ok = false;
    }
    if (ok) {
      seen.add(key);
      links.push({ ...l, summary: l.summary.trim() });
    }
  });
  return links;
}
