import type { KnowledgePack, Plan } from '../data/model';
import { RELATION_MARK } from '../hover/hoverCard';

/**
 * A read-only Markdown rendering of a bundled plan (headings and our summaries), for when the workspace
 * has no copy of the plan. Headings keep the plan's own wording so that the recogniser finds them again.
 */
export function renderPlanDocument(pack: KnowledgePack, plan: Plan): string {
  const out: string[] = [
    `# ${plan.title}`,
    '',
    `*Policy Lens knowledge pack: the plan's structure with summaries written for Policy Lens. This is not the official text.*`,
    '',
  ];
  if (plan.description) out.push(plan.description.trim(), '');
  for (const p of plan.provisions) {
    const hashes = p.depth === 0 ? '##' : '###';
    const number = p.number && p.kind === 'action' ? `${p.number}. ` : '';
    out.push(`${hashes} ${number}${p.heading}`, '');
    out.push(`\`${p.id}\`${p.headingVerified ? '' : ' · heading not verified against the official English text'}`, '');
    out.push(p.summary.trim(), '');
    const counterparts = pack.counterpartsOf(p.id);
    if (counterparts.length) {
      out.push(...counterparts.map((c) => `- ${RELATION_MARK[c.link.relation]} ${c.link.relation}: ${c.provision.id} ${c.provision.heading}`), '');
    }
  }
  return out.join('\n');
}
