import { OPEN_PROVISION_COMMAND } from '../core/hover/hoverCard';

/** Every command id we register, in one place (package.json contributes the same ids). */
export const CommandId = {
  jumpToCounterpart: 'policyLens.jumpToCounterpart',
  openProvision: OPEN_PROVISION_COMMAND,
  treatAsPolicyDocument: 'policyLens.treatAsPolicyDocument',
  annotateSelection: 'policyLens.annotateSelection',
  editAnnotation: 'policyLens.editAnnotation',
  deleteAnnotation: 'policyLens.deleteAnnotation',
  linkSelectionAsCounterpart: 'policyLens.linkSelectionAsCounterpart',
  reattachOrphan: 'policyLens.reattachOrphanedAnnotation',
  openAnnotation: 'policyLens.openAnnotation',
} as const;
