import type { KnowledgePack } from '../data/model';
import type { PickerRecord } from './pickerIndex';

/** A provision as a picker record: its heading, its id and plan, its summary (and key phrases, searched too). */
export interface ProvisionRecord extends PickerRecord {
  readonly kind: 'provision';
  readonly planId: string;
}

export function provisionRecords(pack: KnowledgePack): ProvisionRecord[] {
  return pack.plans.flatMap((plan) =>
    plan.provisions.map((p) => ({
      kind: 'provision' as const,
      id: p.id,
      planId: plan.id,
      label: p.heading,
      description: `${p.id} · ${plan.shortTitle}${p.headingVariants.length ? ` · ${p.headingVariants.join(' · ')}` : ''}`,
      detail: `${p.summary}${p.keyPhrases.length ? ` (${p.keyPhrases.join(', ')})` : ''}`,
    })),
  );
}
