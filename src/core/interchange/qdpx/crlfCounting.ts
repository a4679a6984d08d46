import { CrlfMap } from '../lineEnds';
import { CodePointOffsets } from '../../text/codePointOffsets';

/**
 * How an exporting tool counted a CRLF in a source's text: as two code points (the text as it is, which is
 * what the standard says) or as one (some tools count line ends as one character). Decided per source from
 * its selections: a count that puts a selection past the end of the text is impossible; otherwise the one
 * under which more selections match the quote text tools such as ATLAS.ti put in the selection's `name`,
 * and fewer selections start or end between CR and LF. A tie keeps the standard's count.
 */
export type CrlfCount = 1 | 2;

export interface SelectionSpan {
  readonly start: number;
  readonly end: number;
  readonly name?: string;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `text` as the tool counted it under `count`, and a converter from its code points to UTF-16 offsets of `text`. */
export function toolOffsets(text: string, count: CrlfCount): (codePoint: number) => number {
  if (count === 2) {
    const points = new CodePointOffsets(text);
    return (cp) => points.toUtf16(cp);
  }
  const crlf = new CrlfMap(text);
  const points = new CodePointOffsets(crlf.lfText());
  return (cp) => crlf.fromLf(points.toUtf16(cp));
}

export function detectCrlfCount(text: string, selections: readonly SelectionSpan[], hint?: CrlfCount): CrlfCount {
  if (!text.includes('\r\n') || selections.length === 0) return hint ?? 2;
  if (hint) return hint;
  const score = (count: CrlfCount): number => {
    const at = toolOffsets(text, count);
    const length = count === 2 ? new CodePointOffsets(text).length : new CodePointOffsets(new CrlfMap(text).lfText()).length;
    let s = 0;
    for (const sel of selections) {
      if (sel.end > length || sel.start < 0) return -Infinity;
      const a = at(sel.start);
      const b = at(sel.end);
      if (text[a - 1] === '\r' && text[a] === '\n') s -= 1;
      if (text[b - 1] === '\r' && text[b] === '\n') s -= 1;
      const name = sel.name?.replace(/…$/, '');
      if (name && name.length >= 4) {
        const quote = squash(text.slice(a, b));
        const want = squash(name);
        if (want && quote.startsWith(want)) s += 2;
      }
    }
    return s;
  };
  return score(1) > score(2) ? 1 : 2;
}
