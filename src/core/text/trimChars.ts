/**
 * Trimming runs of characters without a regex: `/^-+|-+$/` and `/[\s,;:]+$/` are quadratic on a long run of
 * the character (each start position re-scans the run), and they run on text from anyone's files.
 */

/** `text` without the characters for which `drop` holds at its end (and at its start when `ends` is 'both'). */
export function trimWhere(text: string, drop: (ch: string) => boolean, ends: 'both' | 'end' = 'both'): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1]!)) end--;
  let start = 0;
  if (ends === 'both') while (start < end && drop(text[start]!)) start++;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `text` without any of `chars` at its ends (or only at its end). */
export function trimChars(text: string, chars: string, ends: 'both' | 'end' = 'both'): string {
  return trimWhere(text, (ch) => chars.includes(ch), ends);
}
