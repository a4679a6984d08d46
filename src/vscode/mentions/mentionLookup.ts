import type { KnowledgePack } from '../../core/data/model';
import type { Mention } from '../../core/mentions/mentions';

/**
 * Mentions as the editor uses them, free of `vscode` (test/unit/mentionLookup.test.ts): the one under the cursor,
 * and the outline of what a commentary discusses. Offsets are the document's.
 */

/**
 * The mention covering an offset (its end included, as a cursor right after a word is still on it); the surest
 * when several overlap. Mentions come sorted by start, as the finder returns them.
 */
export function mentionAt(mentions: readonly Mention[], offset: number): Mention | undefined {
  let best: Mention | undefined;
  // Binary search for the last mention starting at or before the offset, then walk back over overlapping ones.
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  // A paraphrase spans its whole passage: walk back until no earlier mention can reach the offset.
  for (let i = lo - 1; i >= 0 && i >= lo - MAX_OVERLAP_WALK; i--) {
    const m = mentions[i]!;
    if (m.end < offset) continue;
    if (!best || narrower(m, best)) best = m;
  }
  return best;
}

/** How many earlier mentions are looked at for one that still covers the offset (passages hold a handful). */
const MAX_OVERLAP_WALK = 64;

/** A narrower mention is the more specific one (a reference inside a paraphrased passage); ties: the surer. */
function narrower(a: Mention, b: Mention): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  return la < lb || (la === lb && a.score > b.score);
}

export interface MentionedProvision {
  readonly provision: string;
  readonly heading: string;
  /** Every mention of it, in document order; the first is where the outline points. */
  readonly mentions: readonly Mention[];
}

export interface MentionedPlan {
  readonly plan: string;
  readonly title: string;
  /** In the order the document first mentions them. */
  readonly provisions: readonly MentionedProvision[];
}

/** What a commentary discusses: one entry per mentioned provision, grouped by plan, in the order of first mention. */
export function mentionOutline(pack: KnowledgePack, mentions: readonly Mention[]): MentionedPlan[] {
  const plans = new Map<string, Map<string, Mention[]>>();
  for (const m of mentions) {
    let byProvision = plans.get(m.plan);
    if (!byProvision) plans.set(m.plan, (byProvision = new Map<string, Mention[]>()));
    const list = byProvision.get(m.provision);
    if (list) list.push(m);
    else byProvision.set(m.provision, [m]);
  }
  return [...plans].map(([plan, byProvision]) => ({
    plan,
    title: pack.plan(plan)?.shortTitle ?? plan,
    provisions: [...byProvision].map(([provision, ms]) => ({ provision, heading: pack.provision(provision)?.heading ?? provision, mentions: ms })),
  }));
}
