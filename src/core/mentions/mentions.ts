import type { KnowledgePack, Provision } from '../data/model';
import { LexiconTerms } from '../similarity/lexiconTerms';
import { ProvisionIndex, type IndexedProvision } from '../similarity/provisionIndex';
import { QueryBag } from '../similarity/queryBag';
import { addTo, Postings, type Bag } from '../similarity/sparse';
import { TokenBuffer, tokenize, type Token } from '../similarity/tokens';
import { passages, type Passage } from './passages';
import { nearestCue, PlanCues, type PlanCue } from './planCues';
import { PhraseIndex, type PhraseEntry } from './phraseIndex';
import { findReferences, isKindTerm, numberedTargets, type Reference } from './references';

export type Via = 'reference' | 'heading' | 'key-phrase' | 'paraphrase';

/** A passage of a document that refers to a known provision. Offsets into the document text. */
export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly plan: string;
  readonly provision: string;
  /** 0–1: how sure the evidence makes it. */
  readonly score: number;
  readonly via: Via;
}

/** Evidence kinds, strongest first: one passage keeps one mention per provision, the strongest. */
const PRIORITY: Record<Via, number> = { reference: 3, heading: 2, 'key-phrase': 1, paraphrase: 0 };

/**
 * Thresholds for a paraphrase: the passage's TF-IDF cosine with the provision (heading, key phrases, summary,
 * lexicon variants as one term), its lead over the next provision, and how many distinctive terms they share
 * (a term is distinctive when at most a tenth of the provisions use it). Tuned on the commentary fixture.
 */
const PARAPHRASE_MIN = 0.3;
const PARAPHRASE_LEAD = 0.06;
const PARAPHRASE_SHARED = 3;
const DISTINCTIVE_SHARE = 0.1;
/** A passage shorter than this (content words) is not judged as a paraphrase. */
const MIN_PASSAGE_WORDS = 6;
/** A key phrase that needs support gets it from a cosine this high with its provision. */
const SUPPORT_MIN = 0.12;
/** A topic reference ("the section on …") needs this cosine with the provision it names. */
const TOPIC_MIN = 0.15;
/** How far (characters) a plan cue may sit from a reference to be part of it ("action 12 of China's plan"). */
const CUE_REACH = 14;
const PLAN_TAIL = /^(?:['\u2019]s)?(?:[ \t]+(?:AI[ \t]+)?(?:[Aa]ction[ \t]+)?[Pp]lan)?/;

/** The regexes run on document text, for the ReDoS check. */
export const MENTION_PATTERNS: readonly RegExp[] = [PLAN_TAIL];

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Finds mentions of the pack's provisions in any text. Built once per pack; `find` is linear in the text:
 * one tokenisation, one run of the lexicon matcher and of each (linear) regex, and per passage a sparse
 * product with the provisions that share a term with it.
 */
export class MentionFinder {
  readonly index: ProvisionIndex;
  readonly phrases: PhraseIndex;
  readonly cues: PlanCues;
  private readonly postings: Postings;
  /** The current passage's terms, weighted against the provisions (one bag, refilled per passage). */
  private readonly bag: QueryBag;
  /** A term is distinctive when at most this many provisions use it. */
  private readonly distinctiveLimit: number;
  /** The current passage's cosines with the provisions, by entry (one array, rewritten per passage). */
  private readonly scores: Float64Array;
  private readonly provisions: readonly Provision[];
  private readonly entryOf = new Map<string, number>();

  constructor(pack: KnowledgePack, lexicon: LexiconTerms = new LexiconTerms(pack.themes)) {
    this.index = new ProvisionIndex(pack.plans, lexicon);
    this.provisions = this.index.entries.map((e) => e.provision);
    this.phrases = new PhraseIndex(this.provisions, lexicon);
    this.cues = new PlanCues(pack.plans);
    this.index.entries.forEach((e, entry) => this.entryOf.set(e.provision.id, entry));
    this.postings = new Postings(this.index.entries.map((e) => e.text));
    this.bag = new QueryBag(this.index.termStats, this.index.entries.map((e) => e.text));
    this.scores = new Float64Array(this.index.entries.length);
    this.distinctiveLimit = Math.max(1, DISTINCTIVE_SHARE * this.index.termStats.size);
  }

  /**
   * Tokenised passage by passage: every token lies in one passage (passages cover every non-blank line, and
   * split only at punctuation or line breaks), and a reference's words are joined by blanks, so never span
   * two; so one passage's tokens at a time, in the same objects, not a whole document's.
   */
  find(text: string): Mention[] {
    const cues = this.cues.find(text);
    const out: Mention[] = [];
    let c = 0;
    let blockCue: PlanCue | undefined;
    let block = -1;
    const bag = this.bag;
    const buffer = new TokenBuffer();
    const tokens = buffer.tokens;
    for (const p of passages(text)) {
      const count = buffer.fill(text, p.start, p.end);
      while (c < cues.length && cues[c]!.start < p.start) c++;
      const c0 = c;
      while (c < cues.length && cues[c]!.end <= p.end) c++;
      if (p.block !== block) (block = p.block), (blockCue = undefined);
      const here = c > c0 ? cues.slice(c0, c) : [];
      bag.clear();
      let kindWord = false;
      for (let i = 0; i < count; i++) {
        const tk = tokens[i]!;
        if (!tk.stop) bag.add(tk.term);
        // Kind words can be function words ("action"): looked at either way.
        if (!kindWord && isKindTerm(tk.term)) kindWord = true;
      }
      for (const hit of this.index.lexicon.hitsIn(tokens, 0, count)) bag.add(hit.term);
      const refs = kindWord ? findReferences(text, tokens, 0, count).map((x) => clampReference(x, p.end)) : [];
      for (const m of this.inPassage(text, p, { tokens, from: 0, to: count, content: bag }, refs, here, blockCue)) out.push(m);
      if (here.length) blockCue = here[here.length - 1];
    }
    return out;
  }

  /** Cosine of a bag of terms with every provision that shares a term with it, by entry index. */
  private similarities(bag: Bag): Float64Array {
    return this.postings.dots(this.index.termStats.vector(bag));
  }

  /** The best and second-best entries of a similarity array (ties: the earlier entry), among those `keep` allows. */
  private static top2(sims: Float64Array, keep: (i: number) => boolean = () => true): { best: number; second: number } {
    let best = -1;
    let second = -1;
    for (let i = 0; i < sims.length; i++) {
      if (sims[i]! <= 0 || !keep(i)) continue;
      if (best < 0 || sims[i]! > sims[best]!) (second = best), (best = i);
      else if (second < 0 || sims[i]! > sims[second]!) second = i;
    }
    return { best, second };
  }

  private inPassage(text: string, p: Passage, words: PassageWords, refs: readonly Reference[], cues: readonly PlanCue[], blockCue: PlanCue | undefined): Mention[] {
    const { tokens, content: bag } = words;
    const found: Mention[] = [];
    // Computed once a weak phrase needs support or the passage is long enough to be a paraphrase.
    let computed: Float64Array | undefined;
    const sims = (): Float64Array => (computed ??= bag.dots(this.scores));
    const sim = (id: string): number => sims()[this.entryOf.get(id) ?? -1] ?? 0;
    const cued = (planId: string): boolean => blockCue?.planId === planId || cues.some((x) => x.planId === planId);
    const mention = (start: number, end: number, prov: Provision, score: number, via: Via): Mention => ({
      start, end, text: text.slice(start, end), plan: prov.planId, provision: prov.id, score: round(Math.min(1, score)), via,
    });

    // Headings and key phrases.
    const matches = this.phrases.match(tokens, words.from, words.to);
    const byProvision = new Map<string, number>();
    for (const m of matches) for (const e of m.values) byProvision.set(e.provisionId, (byProvision.get(e.provisionId) ?? 0) + 1);
    for (const m of matches) {
      for (const e of m.values) {
        const prov = this.index.get(e.provisionId)!.provision;
        if (!e.standalone && !(cued(e.planId) || (byProvision.get(e.provisionId) ?? 0) > 1 || sim(e.provisionId) >= SUPPORT_MIN)) continue;
        found.push(mention(tokens[m.first]!.start, tokens[m.last]!.end, prov, phraseScore(e), e.kind));
      }
    }

    // Explicit references.
    for (const ref of refs) {
      const r = this.resolve(text, ref, cues, blockCue);
      if (r) found.push(mention(r.start, r.end, r.provision, r.score, 'reference'));
    }

    // A close paraphrase of one provision.
    let content = 0;
    for (let i = words.from; i < words.to; i++) if (!tokens[i]!.stop) content++;
    // A paraphrase shares PARAPHRASE_SHARED distinctive words with its provision: with fewer in the whole
    // passage there is none to find, and no need to score the passage against every provision.
    const all = content >= MIN_PASSAGE_WORDS && this.distinctiveWords(bag) >= PARAPHRASE_SHARED ? sims() : undefined;
    const { best, second } = all ? MentionFinder.top2(all) : { best: -1, second: -1 };
    if (all && best >= 0) {
      const score = all[best]!;
      const entry = this.index.entries[best]!;
      const explicitSamePlan = found.some((f) => f.plan === entry.plan.id && f.provision !== entry.provision.id);
      if (score >= PARAPHRASE_MIN && score - (second >= 0 ? all[second]! : 0) >= PARAPHRASE_LEAD && !explicitSamePlan && this.sharedDistinctive(bag, entry) >= PARAPHRASE_SHARED) {
        found.push(mention(p.start, p.end, entry.provision, score, 'paraphrase'));
      }
    }
    return found.length > 1 ? strongestPerProvision(found) : found;
  }

  private sharedDistinctive(bag: QueryBag, entry: IndexedProvision): number {
    let n = 0;
    // Words only: a lexicon phrase term repeats words already counted.
    for (const t of bag.terms()) if (t.documentFrequency <= this.distinctiveLimit && !t.term.startsWith('~') && entry.text.has(t.term)) n++;
    return n;
  }

  /** Distinctive words of the passage, whichever provisions have them (an upper bound of sharedDistinctive). */
  private distinctiveWords(bag: QueryBag): number {
    let n = 0;
    for (const t of bag.terms()) if (t.documentFrequency <= this.distinctiveLimit && !t.term.startsWith('~')) n++;
    return n;
  }

  private resolve(text: string, ref: Reference, cues: readonly PlanCue[], blockCue: PlanCue | undefined): { start: number; end: number; provision: Provision; score: number } | undefined {
    const near = nearestCue(cues, ref.start, ref.end);
    const cue = near && (near.end <= ref.start ? ref.start - near.end : near.start - ref.end) <= CUE_REACH ? near : undefined;
    const planId = cue?.planId ?? near?.planId ?? blockCue?.planId;
    let provision: Provision | undefined;
    let score: number;
    let end = ref.end;
    if (ref.topic) {
      const words = tokenize(text.slice(ref.topic.start, ref.topic.end), ref.topic.start).filter((tk) => !tk.stop);
      const topicTerms: Bag = new Map();
      for (const tk of words) addTo(topicTerms, tk.term, 1);
      if (!planId) return undefined;
      const sims = this.similarities(topicTerms);
      const { best } = MentionFinder.top2(sims, (i) => this.index.entries[i]!.plan.id === planId);
      if (best < 0 || sims[best]! < TOPIC_MIN) return undefined;
      const entry = this.index.entries[best]!;
      provision = entry.provision;
      score = 0.6 + sims[best]!;
      // The topic ends at its last word the provision shares ("the pillar on infrastructure | dominates").
      for (const tk of words) if (entry.text.has(tk.term)) end = tk.end;
    } else {
      // "Part 1", "section 3": words any document uses for its own parts; only a plan named right beside
      // them makes them a reference to a plan's provision.
      const generic = ref.kinds.length === 0;
      if (generic && !cue) return undefined;
      const targets = numberedTargets(ref, this.provisions);
      const inPlan = planId ? targets.filter((x) => x.planId === planId) : [];
      if (inPlan.length === 1) (provision = inPlan[0]), (score = cue ? 0.95 : 0.9);
      // "Pillar II" with no plan named beside it: fine when only one plan has it.
      else if (targets.length === 1 && !generic && !cue) (provision = targets[0]), (score = 0.8);
      else return undefined;
    }
    if (!provision) return undefined;
    let start = ref.start;
    if (cue && cue.planId === provision.planId) {
      start = Math.min(start, cue.start);
      end = Math.max(end, cue.end + (cue.start >= ref.end ? (PLAN_TAIL.exec(text.slice(cue.end, cue.end + 20))?.[0].length ?? 0) : 0));
    }
    return { start, end, provision, score };
  }

}

/** A passage's words: tokens[from, to) of the document's tokens, and their terms with the lexicon's phrases. */
interface PassageWords {
  readonly tokens: readonly Token[];
  readonly from: number;
  readonly to: number;
  /** Their terms the index knows, with the lexicon's phrases. */
  readonly content: QueryBag;
}

/** A reference cut at the end of its passage (a topic runs at most to there). */
function clampReference(ref: Reference, end: number): Reference {
  if (ref.end <= end) return ref;
  return { ...ref, end, ...(ref.topic ? { topic: { start: ref.topic.start, end: Math.min(ref.topic.end, end) } } : {}) };
}

function phraseScore(e: PhraseEntry): number {
  if (e.kind === 'heading') return e.main ? 0.9 : 0.85;
  return e.standalone ? Math.min(0.85, 0.7 + 0.05 * Math.max(0, e.content - 2)) : 0.6;
}

/** One mention per provision in a passage: the strongest kind, a little surer when several kinds agree. */
function strongestPerProvision(found: readonly Mention[]): Mention[] {
  const best = new Map<string, { m: Mention; kinds: Set<Via> }>();
  for (const m of found) {
    const b = best.get(m.provision);
    if (!b) best.set(m.provision, { m, kinds: new Set([m.via]) });
    else {
      b.kinds.add(m.via);
      if (PRIORITY[m.via] > PRIORITY[b.m.via] || (PRIORITY[m.via] === PRIORITY[b.m.via] && m.score > b.m.score)) b.m = m;
    }
  }
  return [...best.values()]
    .map(({ m, kinds }) => (kinds.size > 1 ? { ...m, score: round(Math.min(1, m.score + 0.05 * (kinds.size - 1))) } : m))
    .sort((a, b) => a.start - b.start || a.provision.localeCompare(b.provision));
}
