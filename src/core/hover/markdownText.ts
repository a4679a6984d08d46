import type { HoverCommand } from './hoverCommands';

/**
 * Characters that reorder or hide text: bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), the directional marks (U+200E/F, U+061C), zero-width characters (U+200B–U+200D, U+2060,
 * U+FEFF) and the invisible operators (U+2061–U+2064). In a note, a code or a path they could make a hover
 * say something else than the file does ("Trojan Source"), so they are shown, never applied.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Each invisible or reordering character replaced by its visible escape, e.g. `\u{202E}`. */
export function revealInvisibles(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

/**
 * Safe Markdown from untrusted text: invisible and reordering characters made visible, then every ASCII
 * punctuation that Markdown or links could use escaped.
 */
export function escapeMarkdown(text: string): string {
  return revealInvisibles(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%@^]/g, '\\$&');
}

/** A command link to one of the allow-listed hover commands; arguments encoded as VS Code expects. */
export function commandLink(label: string, command: HoverCommand, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
