import { ACCEPT_SUGGESTION_COMMAND, DISMISS_SUGGESTION_COMMAND, OPEN_ANNOTATION_COMMAND, OPEN_PROVISION_COMMAND } from '../core/hover/hoverCommands';

/**
 * Every command id we register, in one place; package.json contributes exactly these
 * (test/unit/contributions.test.ts). The hover commands are named in the core, which builds their links.
 */
export const CommandId = {
  jumpToCounterpart: 'policyLens.jumpToCounterpart',
  openCounterpartToSide: 'policyLens.openCounterpartToSide',
  peekCounterpart: 'policyLens.peekCounterpart',
  showThemes: 'policyLens.showThemes',
  showThemesInDocument: 'policyLens.showThemesInDocument',
  hideThemesInDocument: 'policyLens.hideThemesInDocument',
  openProvision: OPEN_PROVISION_COMMAND,
  treatAsPolicyDocument: 'policyLens.treatAsPolicyDocument',
  annotateSelection: 'policyLens.annotateSelection',
  editAnnotation: 'policyLens.editAnnotation',
  deleteAnnotation: 'policyLens.deleteAnnotation',
  linkSelectionAsCounterpart: 'policyLens.linkSelectionAsCounterpart',
  reattachOrphan: 'policyLens.reattachOrphanedAnnotation',
  acceptAnnotationPlace: 'policyLens.acceptAnnotationPlace',
  openAnnotation: OPEN_ANNOTATION_COMMAND,
  exportAnnotations: 'policyLens.exportAnnotations',
  importAnnotations: 'policyLens.importAnnotations',
  explorerReveal: 'policyLens.explorer.reveal',
  explorerFilter: 'policyLens.explorer.filter',
  explorerClearFilter: 'policyLens.explorer.clearFilter',
  explorerGroupBy: 'policyLens.explorer.groupBy',
  explorerRefresh: 'policyLens.explorer.refresh',
  explorerEdit: 'policyLens.explorer.edit',
  explorerDelete: 'policyLens.explorer.delete',
  explorerReattach: 'policyLens.explorer.reattach',
  comparePlans: 'policyLens.comparePlans',
  openPassage: 'policyLens.openPassage',
  setUpGitMergeDriver: 'policyLens.setUpGitMergeDriver',
  compareCoders: 'policyLens.compareCoders',
  nextDisagreement: 'policyLens.nextDisagreement',
  previousDisagreement: 'policyLens.previousDisagreement',
  draftPlan: 'policyLens.draftPlan',
  newCode: 'policyLens.newCode',
  editNote: 'policyLens.editNote',
  acceptSuggestion: ACCEPT_SUGGESTION_COMMAND,
  dismissSuggestion: DISMISS_SUGGESTION_COMMAND,
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/**
 * Commands that need the desktop: a shell or a process (git set-up, anything spawned). package.json hides
 * them where they cannot run — the web worker (vscode.dev, github.dev) and virtual workspaces — with this
 * when-clause in the command palette and every menu (test/unit/contributions.test.ts). Every other command
 * works on the web. None today: the CLI sets git up (`policy-lens git-setup`).
 */
export const DESKTOP_ONLY_COMMANDS: readonly CommandId[] = [CommandId.setUpGitMergeDriver];
export const DESKTOP_ONLY_WHEN = 'shellExecutionSupported && !virtualWorkspace';
