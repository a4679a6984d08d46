import type { Plan } from '../data/model';

/** A place in a text that names a plan or its issuer ("China's", "the US plan", "Winning the Race"). */
export interface PlanCue {
  readonly planId: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Other names of a country in commentary. The pack gives a plan's country and issuer; analysts write
 * "Beijing" or "the U.S." — a small table, extended when a plan from another country arrives.
 */
const COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  China: ['China', 'Chinese', 'Beijing', 'PRC', 'CN'],
  'United States': ['United States', 'US', 'U.S.', 'USA', 'America', 'American', 'Washington', 'White House'],
  'United Kingdom': ['United Kingdom', 'UK', 'U.K.', 'Britain', 'British', 'London'],
  'European Union': ['European Union', 'EU', 'E.U.', 'Brussels', 'European'],
};

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * Finds plan cues: each plan's title, short title and title variants, its country's names and its issuer,
 * written as in the pack (case-sensitive: "US" is a cue, "us" is not). One alternation of literals between
 * word boundaries, longest first: linear.
 */
export class PlanCues {
  private readonly regex: RegExp | undefined;
  private readonly owner = new Map<string, string>();

  constructor(plans: readonly Plan[]) {
    const names: string[] = [];
    const add = (name: string | undefined, planId: string): void => {
      if (!name || name.length < 2) return;
      const key = name.replace(/\u2019/g, "'");
      const had = this.owner.get(key);
      // A name two plans share (two plans of one country) points at neither.
      if (had !== undefined && had !== planId) this.owner.set(key, '');
      else if (had === undefined) (this.owner.set(key, planId), names.push(key));
    };
    for (const plan of plans) {
      for (const t of [plan.title, plan.shortTitle, ...plan.titleVariants]) add(t, plan.id);
      if (plan.issuer) add(plan.issuer.replace(/^the\s+/i, ''), plan.id);
      if (plan.country) for (const n of COUNTRY_NAMES[plan.country] ?? [plan.country]) add(n, plan.id);
    }
    names.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const alternatives = names.map((n) => escape(n).replace(/'/g, "['\u2019]"));
    this.regex = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : undefined;
  }

  /** The regex source, for the ReDoS check in the tests. */
  get source(): string | undefined {
    return this.regex?.source;
  }

  find(text: string, start = 0, end = text.length): PlanCue[] {
    const out: PlanCue[] = [];
    if (!this.regex) return out;
    const chunk = text.slice(start, end);
    this.regex.lastIndex = 0;
    for (let m = this.regex.exec(chunk); m; m = this.regex.exec(chunk)) {
      const planId = this.owner.get(m[0].replace(/\u2019/g, "'"));
      if (planId) out.push({ planId, start: start + m.index, end: start + m.index + m[0].length });
    }
    return out;
  }
}

/** The cue nearest to a span (before or after it), within the given cues. */
export function nearestCue(cues: readonly PlanCue[], start: number, end: number): PlanCue | undefined {
  let best: PlanCue | undefined;
  let bestGap = Infinity;
  for (const c of cues) {
    const gap = c.end <= start ? start - c.end : c.start >= end ? c.start - end : 0;
    if (gap < bestGap) (best = c), (bestGap = gap);
  }
  return best;
}
