import type { KnowledgePack } from '../data/model';

/** The plan schema's ids: lower case, digits and single hyphens, starting with a letter. */
export const PLAN_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A plan id offered for a file name: "EU AI Continent (2025).md" → "eu-ai-continent-2025". */
export function suggestedPlanId(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  let base = dot > 0 ? fileName.slice(0, dot) : fileName;
  if (base.endsWith('.policy')) base = base.slice(0, -'.policy'.length);
  const slug = base.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join('-');
  return /^[a-z]/.test(slug) ? slug : `plan-${slug || 'draft'}`;
}

/** Why an id cannot name a new plan (as the input box says it), or undefined when it can. */
export function planIdProblem(id: string, pack: KnowledgePack): string | undefined {
  if (!PLAN_ID.test(id)) return 'Lower-case letters, digits and single hyphens, starting with a letter (e.g. eu-ai-continent-2025).';
  if (pack.plan(id)) return `A plan '${id}' is already in the knowledge pack.`;
  return undefined;
}
