import type { IGrammar } from 'vscode-textmate';
import type { ThemeMatch, ThemeMatcher } from '../core/lexicon/themeMatcher';
import { LineIndex } from '../core/text/lineIndex';
import { tokenizeLines, splitLines } from './textmate';

export interface ThemeOccurrence {
  readonly theme: string;
  readonly text: string;
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly wrapped?: true;
}

const THEME_SCOPE = /^entity\.other\.policy-theme\.([a-z0-9-]+)/;

/**
 * Themed phrases exactly as the editor colours them (grammar tokens), plus the phrases broken across a
 * line break that the grammar cannot see (from the matcher, marked wrapped). A grammar token inside a
 * wrapped phrase is dropped so that nothing is counted twice. In document order.
 */
export function themeOccurrences(text: string, grammar: IGrammar, matcher: ThemeMatcher): ThemeOccurrence[] {
  return [...eachThemeOccurrence(text, grammar, matcher)];
}

/**
 * themeOccurrences one at a time, as the tokeniser finds them: `themes` on 50 MB prints them as they come
 * instead of holding millions of them (and their output) at once (issue 13).
 */
export function* eachThemeOccurrence(text: string, grammar: IGrammar, matcher: ThemeMatcher): Generator<ThemeOccurrence> {
  const wrapped = matcher.matchWrapped(text);
  const tokens = grammarOccurrences(splitLines(text), grammar);
  if (wrapped.length === 0) yield* tokens;
  else yield* mergeWrapped(tokens, wrapped, new LineIndex(text));
}

function* grammarOccurrences(lines: readonly string[], grammar: IGrammar): Generator<ThemeOccurrence> {
  let pending: ThemeOccurrence | undefined;
  for (const t of tokenizeLines(grammar, lines)) {
    let theme: string | undefined;
    for (const s of t.scopes) theme = THEME_SCOPE.exec(s)?.[1] ?? theme;
    if (!theme) continue;
    const piece = lines[t.line]!.slice(t.startIndex, t.endIndex);
    // One phrase can come back as adjacent tokens (e.g. around an inline Markdown scope): join them.
    if (pending && pending.theme === theme && pending.line === t.line && pending.character + pending.length === t.startIndex) {
      pending = { ...pending, length: pending.length + piece.length, text: pending.text + piece };
      continue;
    }
    if (pending) yield pending;
    pending = { theme, text: piece, line: t.line, character: t.startIndex, length: piece.length };
  }
  if (pending) yield pending;
}

/**
 * The grammar's occurrences without those inside a wrapped phrase, and the wrapped phrases, in document
 * order. Both lists are in document order and the wrapped phrases do not overlap, so one pass over each
 * does it (a filter testing every token against every wrapped phrase took 12 minutes on 50 MB).
 */
function* mergeWrapped(tokens: Iterable<ThemeOccurrence>, wrapped: readonly ThemeMatch[], index: LineIndex): Generator<ThemeOccurrence> {
  let w = 0;
  const asOccurrence = (m: ThemeMatch): ThemeOccurrence => {
    const pos = index.positionAt(m.start);
    return { theme: m.themeId, text: m.text, line: pos.line, character: pos.character, length: m.end - m.start, wrapped: true };
  };
  for (const o of tokens) {
    const start = index.offsetAt(o);
    // Wrapped phrases that end before this token: all of them come first.
    while (w < wrapped.length && wrapped[w]!.end <= start) yield asOccurrence(wrapped[w++]!);
    const next = wrapped[w];
    if (next && next.start < start + o.length) continue; // inside (or across) a wrapped phrase: counted there
    yield o;
  }
  while (w < wrapped.length) yield asOccurrence(wrapped[w++]!);
}
