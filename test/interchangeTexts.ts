/**
 * A small project for the interchange tests: texts with emoji (one and two surrogate pairs, a flag),
 * CJK Extension B characters, combining marks and CRLF line ends before the annotated spans, and cells a
 * spreadsheet would run as formulas.
 */
import { createSelectors } from '../src/core/anchoring';
import type { InterchangeDocument, InterchangeProject } from '../src/core/interchange/model';
import type { Annotation } from '../src/core/sidecar/model';

export const TEXT_EMOJI = 'Title 🌍🚀 plan\r\nLine two has 𠀀𠀁 and cafe\u0301 words, "quoted".\r\nThe Global South 🇨🇳 shares 𪜀 open-source models.\r\nLast line 👩‍👩‍👧.';
export const TEXT_PLAIN = 'A plain document.\nSecond line with a note.\nThird line.';

/** An annotation of the first occurrence of `exact` in `text` (after `from`). */
export function annotationOf(text: string, exact: string, fields: Partial<Annotation> & { id: string }, from = 0): Annotation {
  const start = text.indexOf(exact, from);
  if (start < 0) throw new Error(`test text has no '${exact}'`);
  const s = createSelectors(text, start, start + exact.length);
  return { codes: [], created: '2026-11-28T13:02:11.512Z', ...fields, target: { quote: s.quote, position: s.position } };
}

export function sampleProject(): InterchangeProject {
  const emoji: InterchangeDocument = {
    path: 'plans/emoji.policy.md',
    text: TEXT_EMOJI,
    plan: 'us-2025',
    provisions: new Map([['a-open', 'us-1.3']]),
    annotations: [
      annotationOf(TEXT_EMOJI, '🚀 plan', { id: 'a-rocket', codes: ['open-source', 'safety'], author: 'analyst', note: 'Rocket, "quoted", and a comma' }),
      annotationOf(TEXT_EMOJI, '𠀁 and cafe\u0301', { id: 'a-cjk', codes: ['global-south'], note: '=SUM(A1) looks like a formula\nand spans lines', author: '@team', modified: '2026-11-29T08:00:00Z' }),
      annotationOf(TEXT_EMOJI, 'open-source models', { id: 'a-open', codes: ['open-source'], author: '分析员', created: '2026-11-27T10:00:00+08:00' }),
      annotationOf(TEXT_EMOJI, '👩‍👩‍👧', { id: 'a-family', codes: [], note: "+1 and 'quoted' at the start" }),
    ],
  };
  const plain: InterchangeDocument = {
    path: 'notes/plain.txt',
    text: TEXT_PLAIN,
    annotations: [annotationOf(TEXT_PLAIN, 'note', { id: 'a-plain', codes: ['follow-up'], note: "'already quoted", author: '-dash' })],
  };
  return {
    name: 'Sample',
    codes: [{ id: 'open-source', label: 'Open source', source: 'theme' }, { id: 'follow-up', label: 'Follow up', colour: '#C586C0', source: 'codebook' }],
    documents: [emoji, plain],
  };
}

/** What a round trip must keep of an annotation (links are not carried by W3C or CSV). */
export function kept(a: Annotation): object {
  return { id: a.id, quote: a.target.quote, position: a.target.position, codes: a.codes, note: a.note, author: a.author, created: a.created, modified: a.modified };
}
