/** Token-level similarity of headings, robust to translation styles ("Jointly seizing …" vs "Seizing … together"). */

const STOPWORDS = new Set(
  'a an and as at be by for from in into is it its of on or our that the their this to with while'.split(' '),
);
// Words that translations use interchangeably.
const SYNONYMS: Record<string, string> = { together: 'joint', jointly: 'joint', joint: 'joint', ai: 'ai' };

function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Content tokens of a heading: lower case, stemmed, stopwords dropped, "AI" spelled out. */
export function headingTokens(text: string): string[] {
  const out: string[] = [];
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  for (const raw of words) {
    if (raw === 'ai') {
      out.push('artificial', stem('intelligence'));
      continue;
    }
    if (STOPWORDS.has(raw)) continue;
    out.push(SYNONYMS[raw] ?? stem(raw));
  }
  return out;
}

/** Dice coefficient of two token multisets, 0..1. */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
const HAN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a printed number: 7, VII, vii, 七, 十三. NaN when it is none of these. */
export function numberValue(text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (/^[ivxlc]+$/i.test(s)) {
    let total = 0;
    const lower = s.toLowerCase();
    for (let i = 0; i < lower.length; i++) {
      const v = ROMAN[lower[i]!]!;
      const next = ROMAN[lower[i + 1] ?? ''] ?? 0;
      total += v < next ? -v : v;
    }
    return total;
  }
  if (/^[一二三四五六七八九十]+$/.test(s)) {
    const ten = s.indexOf('十');
    if (ten < 0) return s.length === 1 ? HAN_DIGITS[s]! : NaN;
    const tens = ten === 0 ? 1 : HAN_DIGITS[s[0]!] ?? NaN;
    const units = ten === s.length - 1 ? 0 : HAN_DIGITS[s[ten + 1]!] ?? NaN;
    return tens * 10 + units;
  }
  return NaN;
}
