import { OPEN_ANNOTATION_COMMAND, OPEN_PROVISION_COMMAND } from '../core/hover/hoverCommands';

/**
 * Every command id we register, in one place; package.json contributes exactly these
 * (test/unit/contributions.test.ts). The two hover commands are named in the core, which builds their links.
 */
export const CommandId = {
  jumpToCounterpart: 'policyLens.jumpToCounterpart',
  openProvision: OPEN_PROVISION_COMMAND,
  treatAsPolicyDocument: 'policyLens.treatAsPolicyDocument',
  annotateSelection: 'policyLens.annotateSelection',
  editAnnotation: 'policyLens.editAnnotation',
  deleteAnnotation: 'policyLens.deleteAnnotation',
  linkSelectionAsCounterpart: 'policyLens.linkSelectionAsCounterpart',
  reattachOrphan: 'policyLens.reattachOrphanedAnnotation',
  openAnnotation: OPEN_ANNOTATION_COMMAND,
  draftPlan: 'policyLens.draftPlan',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
