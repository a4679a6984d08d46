import type { Code } from './codebook';

/** Most codes fit in a label of this many characters (the schema allows 80). */
export const MAX_CODE_LABEL = 80;

/**
 * Colours a new code gets, in turn: distinct from the theme palette's most frequent hues and readable as a
 * tint in light and dark themes. The first one no code of the codebook uses yet.
 */
const NEW_CODE_COLOURS = ['#C586C0', '#4FC1FF', '#DCDCAA', '#F48771', '#89D185', '#D7BA7D', '#B180D7', '#6796E6'];

/** Why a label cannot name a new code, or undefined when it can. */
export function newCodeLabelProblem(label: string): string | undefined {
  const t = label.trim();
  if (!t) return 'A code needs a label.';
  if (t.length > MAX_CODE_LABEL) return `At most ${MAX_CODE_LABEL} characters (this is ${t.length}).`;
  if (!/[\p{L}\p{N}]/u.test(t)) return 'A label needs a letter or a digit.';
  return undefined;
}

/**
 * A stable kebab-case id for a new code (the schema's pattern: a letter first), unique among `taken`:
 * "Needs legal review" → needs-legal-review, then needs-legal-review-2. Letters outside ASCII keep their base
 * letter where they have one ("Sécurité" → securite); a label of none gets `code`.
 */
export function newCodeId(label: string, taken: ReadonlySet<string>): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // The id starts with a letter: leading numbers are dropped ("2025 budget" → budget).
  while (words.length && !/^[a-z]/.test(words[0]!)) words.shift();
  let base = '';
  for (const w of words) if ((base ? base.length + 1 : 0) + w.length <= 48) base = base ? `${base}-${w}` : w;
  base ||= 'code';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The new code itself: its id, the label as typed (trimmed), the next unused colour, and a parent if any. */
export function newCode(label: string, codes: readonly Code[], parent?: string): Code {
  const taken = new Set(codes.map((c) => c.id));
  const used = new Set(codes.map((c) => c.colour?.toUpperCase()));
  const colour = NEW_CODE_COLOURS.find((c) => !used.has(c)) ?? NEW_CODE_COLOURS[codes.filter((c) => c.source === 'codebook').length % NEW_CODE_COLOURS.length]!;
  return { id: newCodeId(label, taken), label: label.trim(), colour, source: 'codebook', ...(parent ? { parent } : {}) };
}
