import { OPEN_PROVISION_COMMAND } from '../core/hover/hoverCard';

/** Every command id we register, in one place (package.json contributes the same ids). */
export const CommandId = {
  jumpToCounterpart: 'policyLens.jumpToCounterpart',
  openProvision: OPEN_PROVISION_COMMAND,
  treatAsPolicyDocument: 'policyLens.treatAsPolicyDocument',
} as const;
