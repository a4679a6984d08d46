import type { LineIndex, Position, Range } from '../text/lineIndex';
import type { LocatedProvision, Recognition } from './recognise';

/** One edit as the editor reports it: the replaced range (in the text before the edit) and the new text. */
export interface TextChange {
  readonly range: Range;
  readonly text: string;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Where the inserted text ends. */
function insertedEnd(change: TextChange): Position {
  const { start } = change.range;
  let lines = 0;
  let lastBreak = -1;
  for (let i = 0; i < change.text.length; i++) {
    const c = change.text.charCodeAt(i);
    if (c === 10 || (c === 13 && change.text.charCodeAt(i + 1) !== 10)) {
      lines++;
      lastBreak = i;
    }
  }
  return lines === 0 ? { line: start.line, character: start.character + change.text.length } : { line: start.line + lines, character: change.text.length - lastBreak - 1 };
}

/**
 * A position after an edit. A position inside the replaced range goes to its start (`stick: 'start'`)
 * or to the end of the new text (`stick: 'end'`); text inserted exactly at an end position extends it.
 */
export function mapPosition(pos: Position, change: TextChange, stick: 'start' | 'end'): Position {
  const { start, end } = change.range;
  if (before(pos, start) || (stick === 'start' && pos.line === start.line && pos.character === start.character)) return pos;
  const newEnd = insertedEnd(change);
  if (before(pos, end)) return stick === 'start' ? start : newEnd;
  if (pos.line === end.line) return { line: newEnd.line, character: newEnd.character + pos.character - end.character };
  return { line: pos.line + newEnd.line - end.line, character: pos.character };
}

function mapRange(r: Range, change: TextChange): Range {
  const start = mapPosition(r.start, change, 'start');
  const end = mapPosition(r.end, change, 'end');
  return { start, end: before(end, start) ? start : end };
}

/**
 * The last recognition carried through the edits made since (in the order the editor applied them), for
 * the edited text's `lines`: each provision keeps its identity and its ranges move with the text. Cheap
 * (provisions × edits), so the editor can answer a hover while typing and recognise again once typing
 * pauses. `lines` may be a function, called once when the line index is first read (the status bar never
 * reads it, so a keystroke copies no text).
 */
export function mapRecognition(recognition: Recognition, changes: readonly TextChange[], lines: LineIndex | (() => LineIndex)): Recognition {
  let provisions: readonly LocatedProvision[] = recognition.provisions;
  for (const change of changes) {
    provisions = provisions.map((lp) => ({ ...lp, range: mapRange(lp.range, change), headingRange: mapRange(lp.headingRange, change) }));
  }
  if (typeof lines !== 'function') return { plan: recognition.plan, score: recognition.score, provisions, lines };
  let built: LineIndex | undefined;
  return {
    plan: recognition.plan,
    score: recognition.score,
    provisions,
    get lines(): LineIndex {
      return (built ??= lines());
    },
  };
}
