import { XMLParser } from 'fast-xml-parser';
import { parseXmlTree } from './xmlTree';
import { writeXml } from './xmlWrite';

/**
 * XML read with saxes (xmlTree.ts: strict, streaming, a sixth of fast-xml-parser's time on a large project)
 * into the tree fast-xml-parser gives, and with fast-xml-parser itself (pure JS, no native parts, runs in a
 * web worker; it does not fetch external entities) when the document has what saxes does not read — HTML
 * entity names, a DOCTYPE — or saxes finds it malformed (fast-xml-parser's message then explains). Written by `xmlWrite.ts` in XMLBuilder's exact format. Attributes are `@_name` keys, text is `#text`.
 */
export type XmlNode = Record<string, unknown>;

/** An XML document (declaration included) from a tree whose key order is the element order. */
export function buildXml(root: XmlNode): string {
  return writeXml({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, ...root });
}

/** Parses an XML document; namespace prefixes are dropped (`qda:Project` → `Project`). Throws on malformed XML. */
/** A prefixed element name (`<qda:Project`, `</qda:Code`): only then are prefixes worth stripping. */
const PREFIXED_ELEMENT = /<\/?[A-Za-z_][\w.-]*:/;

/** A character or entity reference other than &amp; &lt; &gt; &apos; &quot;. */
const OTHER_REFERENCE = /&(?!(?:amp|lt|gt|apos|quot);)/;

/** A reference saxes does not define (it knows the five XML ones and character references). */
const NAMED_REFERENCE = /&(?!(?:amp|lt|gt|apos|quot);|#)/;

/** A processing instruction other than the declaration: fast-xml-parser keeps it in the tree (`?name`). */
const PROCESSING_INSTRUCTION = /<\?(?!xml[\s?])/;

export function parseXml(text: string): XmlNode {
  const strip = PREFIXED_ELEMENT.test(text);
  if (!NAMED_REFERENCE.test(text) && !PROCESSING_INSTRUCTION.test(text) && !text.includes('<!DOCTYPE')) {
    try {
      return parseXmlTree(text, strip);
    } catch {
      // fast-xml-parser below reads it or explains what is wrong
    }
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Stripping costs about a fifth of the parse on a large project; unprefixed files need none of it.
    removeNSPrefix: strip,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    // numeric character references (&#13; for a CR, &#x1F600;) and HTML names are only decoded with this
    // on; it costs a tenth of the parse, so only when the text has a reference other than the five XML ones
    htmlEntities: OTHER_REFERENCE.test(text),
    // no callbacks read the path: building it for every element is wasted
    jPath: false,
  });
  return parser.parse(text, true) as XmlNode;
}

export function asArray(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': scalar(v) }));
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return v === undefined || v === null ? undefined : scalar(v);
}

/** The text of an element given as a string or as a node with `#text`. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') {
    const t = (value as XmlNode)['#text'];
    return t === undefined ? '' : scalar(t);
  }
  return scalar(value);
}

/** A parsed value as text (the parser gives strings; anything else is not text and reads as empty). */
function scalar(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF), dropped from names and notes. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}
