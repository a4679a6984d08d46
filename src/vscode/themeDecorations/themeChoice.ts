/**
 * Which documents show themes, and how: free of `vscode`, so plain Node tests hold the rules
 * (test/unit/themeChoice.test.ts).
 *
 * - The policy languages (`*.policy.md`, `*.policy.txt`, or a file switched by hand) keep the generated TextMate
 *   grammars: a tokenizer pass the editor makes anyway, measured at 0.75× Markdown's own cost.
 * - A Markdown or plain-text document stays in its language (Markdown preview, folding and other Markdown
 *   extensions keep working) and gets decorations from the core's theme matcher instead, when the analyst asked
 *   for it (a command, remembered per document, or the `policyLens.themes.include` globs) or, by default, when it
 *   is recognised as a plan or mentions one (setting `policyLens.autoDetect`).
 *
 * Decorations rather than an injection grammar or semantic tokens: an injection into Markdown measured 3.4× the
 * cost of Markdown's own grammar on the sample plans (README, Performance), and would colour every Markdown file
 * (a grammar cannot be switched per document); semantic tokens map to a theme's token colours, which offer fewer
 * than 16 distinct colours (fewer still in High Contrast). Decorations take our contributed theme colours, are
 * set per editor, and cover only the visible lines.
 */

export type ThemeMechanism = 'grammar' | 'decorations' | 'none';

/** What the analyst said about one document: Show / Hide Themes in This Document. */
export type DocumentThemeChoice = 'shown' | 'hidden';

export interface ThemeFacts {
  readonly languageId: string;
  /** The analyst's own choice for this document, if any. */
  readonly choice?: DocumentThemeChoice;
  /** The document matches one of the `policyLens.themes.include` globs. */
  readonly included: boolean;
  /** `policyLens.autoDetect`: documents recognised as a plan or with mentions get themes by default. */
  readonly autoDetect: boolean;
  /** Recognised as a known plan (score at least MIN_PLAN_SCORE). */
  readonly recognisedPlan: boolean;
  /** At least one passage refers to a known provision. */
  readonly hasMentions: boolean;
  /** Longer than the editor's analysis limit (MAX_EDITOR_ANALYSIS_CHARS). */
  readonly tooLarge: boolean;
}

/** A recognition this sure makes a document a plan: for theme decorations and for switching a plain-text file. */
export const MIN_PLAN_SCORE = 0.5;

const DECORATED_LANGUAGES: ReadonlySet<string> = new Set(['markdown', 'plaintext']);
const GRAMMAR_LANGUAGES: ReadonlySet<string> = new Set(['policy-markdown', 'policy-text']);

export function themeMechanism(f: ThemeFacts): ThemeMechanism {
  if (GRAMMAR_LANGUAGES.has(f.languageId)) return 'grammar';
  if (!DECORATED_LANGUAGES.has(f.languageId) || f.tooLarge) return 'none';
  if (f.choice) return f.choice === 'shown' ? 'decorations' : 'none';
  if (f.included) return 'decorations';
  return f.autoDetect && (f.recognisedPlan || f.hasMentions) ? 'decorations' : 'none';
}

/** Whether a language can take theme decorations at all (Show / Hide Themes in This Document apply to it). */
export function isDecoratedLanguage(languageId: string): boolean {
  return DECORATED_LANGUAGES.has(languageId);
}
