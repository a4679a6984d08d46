/** Language ids and the documents Policy Lens works on. */
export const POLICY_MARKDOWN = 'policy-markdown';
export const POLICY_TEXT = 'policy-text';
export const POLICY_LANGUAGES = [POLICY_MARKDOWN, POLICY_TEXT] as const;
/**
 * Every scheme (files, untitled, the plan renderings, a web workspace's virtual files): named, so VS Code
 * does not log "uses a document selector without scheme".
 */
export const POLICY_SELECTOR = POLICY_LANGUAGES.map((language) => ({ language, scheme: '*' }));

/**
 * Where hovers, F12, the outline and Jump to Counterpart serve mentions too: ours, and the Markdown and plain-text
 * documents an analyst reads (commentary, a plan left in Markdown).
 */
export const READING_LANGUAGES = [...POLICY_LANGUAGES, 'markdown', 'plaintext'] as const;
export const READING_SELECTOR = READING_LANGUAGES.map((language) => ({ language, scheme: '*' }));

export function isReadingLanguage(languageId: string): boolean {
  return (READING_LANGUAGES as readonly string[]).includes(languageId);
}

export function isPolicyLanguage(languageId: string): boolean {
  return languageId === POLICY_MARKDOWN || languageId === POLICY_TEXT;
}

export function isMarkdownLanguage(languageId: string): boolean {
  return languageId === POLICY_MARKDOWN || languageId === 'markdown';
}
