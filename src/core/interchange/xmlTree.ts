import { SaxesParser } from 'saxes';
import type { XmlNode } from './xml';

/**
 * A whole XML document read with saxes (a strict, streaming XML parser: pure JS, no DTD, no external
 * entities) into the tree fast-xml-parser gives with xml.ts's options, a sixth of its time on a 7 MB
 * project: an element with only text and no attributes is its text (`''` when empty); any other is an
 * object — its child elements by name (one: the child, more: a list, in document order), then `#text`
 * (all its text, white space kept) when there is any, then its attributes as `@_name`. With `stripPrefixes`,
 * namespace prefixes leave element and attribute names and `xmlns` declarations are dropped. One difference:
 * a tab or line break written as such inside an attribute value reads as a space, as XML 1.0 says
 * (fast-xml-parser kept it); written as a character reference (`&#10;`) it stays.
 * Throws on anything that is not well-formed XML; xml.ts then lets fast-xml-parser try (and explain).
 */

interface Open {
  readonly name: string;
  /** Its child elements by name, in order of first appearance (made at the first child). */
  children: XmlNode | undefined;
  /** Names whose value in `children` is already the list of several (made at the first repeat). */
  lists: Set<string> | undefined;
  /** Its attributes as written: name, value, name, value… */
  readonly attributes: readonly string[];
  text: string;
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** `@_name` keys, made once per attribute name (a project has a dozen names and a million attributes). */
const attributeKeys = new Map<string, string>();
const keyOf = (name: string): string => {
  let k = attributeKeys.get(name);
  if (k === undefined) attributeKeys.set(name, (k = `@_${name}`));
  return k;
};

function valueOf(e: Open, stripPrefixes: boolean): unknown {
  const a = e.attributes;
  if (!e.children && a.length === 0) return e.text;
  const out: XmlNode = e.children ?? {};
  if (e.text !== '') out['#text'] = e.text;
  for (let i = 0; i < a.length; i += 2) {
    const name = a[i]!;
    if (!stripPrefixes) out[keyOf(name)] = a[i + 1];
    else if (name !== 'xmlns' && !name.startsWith('xmlns:')) out[keyOf(local(name))] = a[i + 1];
  }
  return out;
}

function addChild(parent: Open, name: string, value: unknown): void {
  const children = (parent.children ??= {});
  // Own keys only: an element may be called `constructor` or `__proto__`.
  if (!Object.prototype.hasOwnProperty.call(children, name)) {
    if (name === '__proto__') Object.defineProperty(children, name, { value, enumerable: true, writable: true, configurable: true });
    else children[name] = value;
  } else if (parent.lists?.has(name)) (children[name] as unknown[]).push(value);
  else {
    children[name] = [children[name], value];
    (parent.lists ??= new Set()).add(name);
  }
}

const open = (name: string, attributes: readonly string[]): Open => ({ name, children: undefined, lists: undefined, attributes, text: '' });

export function parseXmlTree(text: string, stripPrefixes: boolean): XmlNode {
  const parser = new SaxesParser({ position: false });
  const root = open('', []);
  const stack: Open[] = [root];
  let top = root;
  let attributes: string[] = [];
  parser.on('xmldecl', (d) => {
    const decl: string[] = [];
    if (d.version !== undefined) decl.push('version', d.version);
    if (d.encoding !== undefined) decl.push('encoding', d.encoding);
    if (d.standalone !== undefined) decl.push('standalone', d.standalone);
    addChild(root, '?xml', valueOf(open('?xml', decl), false));
  });
  parser.on('attribute', (at) => {
    attributes.push(at.name, at.value);
  });
  parser.on('opentag', (tag) => {
    top = open(stripPrefixes ? local(tag.name) : tag.name, attributes);
    attributes = [];
    stack.push(top);
  });
  const onText = (t: string): void => {
    if (top !== root) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const e = stack.pop()!;
    top = stack[stack.length - 1]!;
    addChild(top, e.name, valueOf(e, stripPrefixes));
  });
  parser.write(text).close();
  return root.children ?? {};
}
