/** Small helpers for writing SVG as text: the charts are strings, drawn the same in Node and in a webview. */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text or an attribute value made safe for XML: the five special characters escaped, and characters XML 1.0
 * forbids (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) dropped, since a code
 * label comes from anyone's codebook and one such character would make the whole file unreadable.
 */
export function escapeXml(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

/** `name="value"` pairs, escaped; undefined values are left out. Numbers are rounded to 0.1 px. */
export function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${escapeXml(typeof v === 'number' ? String(Math.round(v * 10) / 10) : v)}"`;
  }
  return out;
}

/** One element; `children` is markup already escaped (use `escapeXml` for text). */
export function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

/** A label cut to `max` characters (the full text stays in the element's title and the tables). */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Rough width of a label in the 12 px sans-serif the charts use (no DOM to measure text in Node). */
export function textWidth(s: string, fontSize = 12): number {
  return [...s].length * fontSize * 0.58;
}

/** A number as the charts print it: integers as they are, others with one decimal. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en') : n.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
