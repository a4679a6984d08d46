/**
 * The commands a hover card may link to: the editor trusts links to these and no others
 * (`isTrusted: { enabledCommands: HOVER_COMMANDS }`). Both take arguments the core encodes itself.
 */
export const OPEN_PROVISION_COMMAND = 'policyLens.openProvision';
export const OPEN_ANNOTATION_COMMAND = 'policyLens.openAnnotation';

export type HoverCommand = typeof OPEN_PROVISION_COMMAND | typeof OPEN_ANNOTATION_COMMAND;

export const HOVER_COMMANDS: readonly HoverCommand[] = [OPEN_PROVISION_COMMAND, OPEN_ANNOTATION_COMMAND];
