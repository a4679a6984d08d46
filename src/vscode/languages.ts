/** Language ids and the documents Policy Lens works on. */
export const POLICY_MARKDOWN = 'policy-markdown';
export const POLICY_TEXT = 'policy-text';
export const POLICY_LANGUAGES = [POLICY_MARKDOWN, POLICY_TEXT] as const;
/**
 * Every scheme (files, untitled, the plan renderings, a web workspace's virtual files): named, so VS Code
 * does not log "uses a document selector without scheme".
 */
export const POLICY_SELECTOR = POLICY_LANGUAGES.map((language) => ({ language, scheme: '*' }));

export function isPolicyLanguage(languageId: string): boolean {
  return languageId === POLICY_MARKDOWN || languageId === POLICY_TEXT;
}

export function isMarkdownLanguage(languageId: string): boolean {
  return languageId === POLICY_MARKDOWN || languageId === 'markdown';
}
