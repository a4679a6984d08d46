import type { ThemeMatcher, ThemeMatch } from '../lexicon/themeMatcher';
import type { LineIndex, Position } from '../text/lineIndex';

/**
 * Themed phrases covering a position, wrapped ones included: only the line and its neighbours are
 * scanned, so a hover costs the same in a short note and in a 400-page plan.
 */
export function themesAt(matcher: ThemeMatcher, lines: LineIndex, pos: Position): ThemeMatch[] {
  const from = lines.lineStart(Math.max(0, pos.line - 1));
  const to = lines.lineEnd(Math.min(lines.lineCount - 1, pos.line + 1));
  const offset = lines.offsetAt(pos);
  const window = lines.text.slice(from, to);
  const hits = matcher.matchText(window).map((m) => ({ ...m, start: m.start + from, end: m.end + from }));
  return hits.filter((m) => m.start <= offset && offset < m.end);
}
