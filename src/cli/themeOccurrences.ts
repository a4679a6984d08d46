import type { IGrammar } from 'vscode-textmate';
import type { ThemeMatcher } from '../core/lexicon/themeMatcher';
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
  const kept = out.filter((o) => {
    const start = index.offsetAt(o);
    return !wrapped.some((w) => start < w.end && start + o.length > w.start);
  });
  for (const w of wrapped) {
    const pos = index.positionAt(w.start);
    kept.push({ theme: w.themeId, text: w.text, line: pos.line, character: pos.character, length: w.end - w.start, wrapped: true });
  }
  return kept.sort((a, b) => a.line - b.line || a.character - b.character);
}
