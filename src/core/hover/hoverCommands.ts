/**
 * The commands a hover card may link to: the editor trusts links to these and no others
 * (`isTrusted: { enabledCommands: HOVER_COMMANDS }`). All take arguments the core encodes itself, and each
 * command checks them again (a link is only as good as the text it was built from).
 */
export const OPEN_PROVISION_COMMAND = 'policyLens.openProvision';
export const OPEN_ANNOTATION_COMMAND = 'policyLens.openAnnotation';
/** A suggested counterpart's *Accept Suggestion…* and *Dismiss* (arguments: SuggestionArgs). */
export const ACCEPT_SUGGESTION_COMMAND = 'policyLens.acceptSuggestion';
export const DISMISS_SUGGESTION_COMMAND = 'policyLens.dismissSuggestion';

export type HoverCommand = typeof OPEN_PROVISION_COMMAND | typeof OPEN_ANNOTATION_COMMAND | typeof ACCEPT_SUGGESTION_COMMAND | typeof DISMISS_SUGGESTION_COMMAND;

export const HOVER_COMMANDS: readonly HoverCommand[] = [OPEN_PROVISION_COMMAND, OPEN_ANNOTATION_COMMAND, ACCEPT_SUGGESTION_COMMAND, DISMISS_SUGGESTION_COMMAND];
