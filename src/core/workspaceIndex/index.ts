/** The workspace-wide annotation index behind the explorer: pure, through the file-system port. */
export * from './model';
export { WorkspaceIndex, type WorkspaceIndexOptions, type Subscription } from './workspaceIndex';
export { groupAnnotations, groupTallies, allItems, type GroupMode, type GroupKind, type GroupNode, type GroupOptions } from './grouping';
export { FirstLevel, type FirstLevelOptions } from './firstLevel';
export { tally, type Tally } from './tally';
export { groupByProvision, type ProvisionSpan } from './provisionGroups';
export { filterPredicate, describeFilter, isEmptyFilter, NO_AUTHOR, type ExplorerFilter } from './filter';
export { anchorStatuses, anchorOnDisk } from './anchorStatus';
export { findSidecars, besideLayout, SIDECAR_SUFFIX } from './findSidecars';
