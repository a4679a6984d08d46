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
 * wrapped phrase is dropped so that nothing is counted twice.
 */
export function themeOccurrences(text: string, grammar: IGrammar, matcher: ThemeMatcher): ThemeOccurrence[] {
  const lines = splitLines(text);
  const index = new LineIndex(text);
  const out: ThemeOccurrence[] = [];
  for (const t of tokenizeLines(grammar, lines)) {
    let theme: string | undefined;
    for (const s of t.scopes) theme = THEME_SCOPE.exec(s)?.[1] ?? theme;
    if (!theme) continue;
    const prev = out[out.length - 1];
    // One phrase can come back as adjacent tokens (e.g. around an inline Markdown scope): join them.
    if (prev && prev.theme === theme && prev.line === t.line && prev.character + prev.length === t.startIndex) {
      out[out.length - 1] = { ...prev, length: prev.length + t.endIndex - t.startIndex, text: prev.text + lines[t.line]!.slice(t.startIndex, t.endIndex) };
      continue;
    }
    out.push({ theme, text: lines[t.line]!.slice(t.startIndex, t.endIndex), line: t.line, character: t.startIndex, length: t.endIndex - t.startIndex });
  }
  const wrapped = matcher.matchWrapped(text);
  if (wrapped.length === 0) return out;
  return mergeWrapped(out, wrapped, index);
}

/**
 * The grammar's occurrences without those inside a wrapped phrase, and the wrapped phrases, in document
 * order. Both lists are in document order and the wrapped phrases do not overlap, so one pass over each
 * does it (a filter testing every token against every wrapped phrase took 12 minutes on 50 MB).
 */
function mergeWrapped(tokens: readonly ThemeOccurrence[], wrapped: readonly ThemeMatch[], index: LineIndex): ThemeOccurrence[] {
  const out: ThemeOccurrence[] = [];
  let w = 0;
  const pushWrapped = (m: ThemeMatch): void => {
    const pos = index.positionAt(m.start);
    out.push({ theme: m.themeId, text: m.text, line: pos.line, character: pos.character, length: m.end - m.start, wrapped: true });
  };
  for (const o of tokens) {
    const start = index.offsetAt(o);
    // Wrapped phrases that end before this token: all of them come first.
    while (w < wrapped.length && wrapped[w]!.end <= start) pushWrapped(wrapped[w++]!);
    const next = wrapped[w];
    if (next && next.start < start + o.length) continue; // inside (or across) a wrapped phrase: counted there
    out.push(o);
  }
  while (w < wrapped.length) pushWrapped(wrapped[w++]!);
  return out;
}
