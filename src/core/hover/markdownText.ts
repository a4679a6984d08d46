/** Safe Markdown from untrusted text: every ASCII punctuation that Markdown or links could use is escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%@^]/g, '\\$&');
}

/** A command link to one of our own commands; arguments encoded as VS Code expects. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
