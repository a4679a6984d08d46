import type { KnowledgePack, Plan } from '../core/data/model';
import { markCurated } from '../core/suggest/curated';
import { suggestCounterparts, type Evidence } from '../core/suggest/suggest';
import { CliError } from './cliError';
import type { Output } from './commands';

/** A plan named by id, or by a prefix of exactly one id ("cn", "us-ai"). */
export function findPlan(pack: KnowledgePack, name: string): Plan {
  const exact = pack.plan(name);
  if (exact) return exact;
  const matches = pack.plans.filter((p) => p.id.toLowerCase().startsWith(name.toLowerCase()));
  if (matches.length === 1) return matches[0]!;
  const known = pack.plans.map((p) => p.id).join(', ');
  throw new CliError(matches.length ? `'${name}' names several plans: ${matches.map((p) => p.id).join(', ')}` : `unknown plan '${name}' (known: ${known})`, 2);
}

export function parseTop(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliError(`--top expects a positive whole number, got '${value}'`, 2);
  return Number(value);
}

function evidenceText(e: Evidence): string {
  return e.kind === 'position' ? `parallel position (${e.items.join(' / ')})` : `${e.kind === 'themes' ? 'shared themes' : 'shared terms'}: ${e.items.join(', ')}`;
}

/** `suggest PLAN PLAN`: suggested counterparts in the second plan for each provision of the first. */
export function suggestCommand(pack: KnowledgePack, fromName: string, toName: string, top: number): Output {
  const from = findPlan(pack, fromName);
  const to = findPlan(pack, toName);
  if (from.id === to.id) throw new CliError(`suggest needs two different plans (got ${from.id} twice)`, 2);
  const json = markCurated(suggestCounterparts(pack.themes, from, to, { top }), pack.links);
  const lines: string[] = [];
  for (const s of json) {
    const p = pack.provision(s.from)!;
    lines.push(`${s.from}  ${p.heading}`);
    for (const c of s.candidates) {
      const q = pack.provision(c.to)!;
      lines.push(`  ${c.score.toFixed(3)}  ${c.to.padEnd(8)} ${q.heading}${c.curated ? `  [curated: ${c.curated}]` : ''}`);
      lines.push(`         ${c.evidence.map(evidenceText).join('; ')}`);
    }
  }
  return { json, text: lines.join('\n') };
}
