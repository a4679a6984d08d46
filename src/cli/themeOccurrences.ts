import type { ThemeMatch, ThemeMatcher } from '../core/lexicon/themeMatcher';
import { MAX_TOKENIZATION_LINE_LENGTH } from '../core/limits';

export interface ThemeOccurrence {
  readonly theme: string;
  readonly text: string;
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly wrapped?: true;
}

/** Characters matched at a time: only one piece's matches are held (50 MB has millions). */
const PIECE = 1 << 16;

/**
 * Themed phrases as the editor colours a Markdown or plain-text document (vscode/themeDecorations): the
 * core's matcher over each run of lines VS Code tokenises (shorter than MAX_TOKENIZATION_LINE_LENGTH), phrases
 * broken across a line break included and marked wrapped. On policy text this is what the generated grammar
 * and the wrapped-phrase decorations show together (test/unit/themeSeparators.test.ts); the matcher needs
 * no Oniguruma (about 50 MB, issue 13). In document order, one at a time, as they are found.
 */
export function* eachThemeOccurrence(text: string, matcher: ThemeMatcher, maxLineLength = MAX_TOKENIZATION_LINE_LENGTH): Generator<ThemeOccurrence> {
  const positions = new Positions(text);
  for (const run of tokenisedRuns(text, maxLineLength)) {
    const part = text.slice(run.start, run.end);
    const found: ThemeMatch[] = [];
    for (let from = 0; from < part.length; found.length = 0) {
      from = matcher.eachMatchInPart(part, from, Math.min(part.length, from + PIECE), (m) => found.push(m));
      for (const m of found) {
        const { line, character } = positions.at(run.start + m.start);
        yield { theme: m.themeId, text: m.text, line, character, length: m.end - m.start, ...(m.wrapped ? { wrapped: true as const } : {}) };
      }
    }
  }
}

export function themeOccurrences(text: string, matcher: ThemeMatcher): ThemeOccurrence[] {
  return [...eachThemeOccurrence(text, matcher)];
}

interface Run {
  readonly start: number;
  /** Just past the run's last character, before its line break. */
  readonly end: number;
}

/** Line ends as LineIndex counts them. */
const lineBreaks = (): RegExp => /\r\n?|\n/g;

/** The runs of consecutive lines shorter than maxLineLength (lines VS Code leaves untokenised split them). */
function* tokenisedRuns(text: string, maxLineLength: number): Generator<Run> {
  const breaks = lineBreaks();
  let start = -1;
  let lineStart = 0;
  for (;;) {
    const b = breaks.exec(text);
    const lineEnd = b ? b.index : text.length;
    if (lineEnd - lineStart < maxLineLength) {
      if (start < 0) start = lineStart;
    } else if (start >= 0) {
      yield { start, end: Math.max(start, lineStart - lineBreakBefore(text, lineStart)) };
      start = -1;
    }
    if (!b) break;
    lineStart = b.index + b[0].length;
  }
  if (start >= 0) yield { start, end: text.length };
}

/** The length of the line break that ends just before `offset` (0 at the text's start). */
function lineBreakBefore(text: string, offset: number): number {
  if (offset === 0) return 0;
  return text.charCodeAt(offset - 1) === 10 && text.charCodeAt(offset - 2) === 13 ? 2 : 1;
}

/** Line and character of increasing offsets, in one pass over the line breaks (no index of all line starts). */
class Positions {
  private readonly breaks = lineBreaks();
  private next: RegExpExecArray | null;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {
    this.next = this.breaks.exec(text);
  }

  at(offset: number): { line: number; character: number } {
    while (this.next && this.next.index < offset) {
      this.line++;
      this.lineStart = this.next.index + this.next[0].length;
      this.next = this.breaks.exec(this.text);
    }
    return { line: this.line, character: offset - this.lineStart };
  }
}
