import type { KnowledgePack } from '../data/model';
import type { ThemeMatch } from '../lexicon/themeMatcher';
import type { Mention } from '../mentions/mentions';
import type { LocatedProvision } from '../recognition/recognise';
import type { Range } from '../text/lineIndex';
import { buildHoverCard, shorten, type HoverDetail } from './hoverCard';
import { escapeMarkdown } from './markdownText';

/** How a mention was found, in words for the hover and the outline. */
export const VIA_LABEL: Record<Mention['via'], string> = {
  reference: 'an explicit reference',
  heading: 'its heading',
  'key-phrase': 'one of its key phrases',
  paraphrase: 'a close paraphrase',
};

/** The quoted passage in the card's first line: a paraphrase spans a whole sentence or more. */
const QUOTE_CHARS = 80;

export interface MentionCardInput {
  readonly pack: KnowledgePack;
  readonly mention: Mention;
  /** Where the mention is, in the document (stands in for the provision's place in the card's input). */
  readonly range: Range;
  readonly themes: readonly ThemeMatch[];
  /** The analyst's annotations under the pointer, already rendered (annotationSection). */
  readonly annotations?: string;
  readonly detail?: HoverDetail;
}

/**
 * The card for a passage that mentions a provision: a line saying it is a mention and by what evidence, then the
 * provision's own card (its counterparts, the theme under the pointer, its summary), as on the plan itself.
 * undefined when the pack no longer has the provision.
 */
export function buildMentionCard({ pack, mention, range, themes, annotations, detail = 'compact' }: MentionCardInput): string | undefined {
  const provision = pack.provision(mention.provision);
  if (!provision) return undefined;
  const located: LocatedProvision = { provision, range, headingRange: range, documentHeading: '' };
  const card = buildHoverCard({ pack, located, themes, annotations, detail });
  const quote = escapeMarkdown(shorten(mention.text, QUOTE_CHARS).replace(/ …$/, ''));
  const headline = `*Mention of this provision, by ${VIA_LABEL[mention.via]}:* “${quote}” *(score ${mention.score.toFixed(2)})*`;
  return card ? `${headline}\n\n${card}` : headline;
}
