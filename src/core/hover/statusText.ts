/** What the status bar says about the cursor's place: the provision, its counterparts, the user's own links. */
export interface StatusText {
  readonly text: string;
  readonly tooltip: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * `provision` is the one under the cursor (undefined outside any); `ownLinks` counts the links of the
 * user's annotations under the cursor, which Jump to Counterpart lists first. Nothing to say: undefined.
 */
export function statusText(provision: { readonly id: string; readonly heading: string } | undefined, counterparts: number, ownLinks: number): StatusText | undefined {
  if (!provision && ownLinks === 0) return undefined;
  const own = ownLinks ? plural(ownLinks, 'own link', 'own links') : '';
  const total = counterparts + ownLinks;
  const jump = total ? 'Click to jump to the counterpart' : 'No counterpart provision';
  if (!provision) return { text: `$(link) ${own}`, tooltip: `Your annotations here link elsewhere. ${jump}` };
  const parts = [`${provision.id}`, plural(counterparts, 'counterpart', 'counterparts'), ...(own ? [own] : [])];
  return { text: `$(law) ${parts.join(' · ')}`, tooltip: `${provision.heading}\n${jump}${ownLinks ? ` (your links are listed first)` : ''}` };
}
