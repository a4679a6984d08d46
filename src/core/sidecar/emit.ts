import type { Annotation, AnnotationLink } from './model';
import { LINK_KEYS } from './model';
import { CORE_NON_STRING } from './coreSchema';

/**
 * Writes one annotation as a block-sequence item at column 0 (`- id: …`), exactly as the `yaml` package
 * does with SIDECAR_YAML_OPTIONS (no line folding, 2-space indents, indented sequences, double-quoted
 * strings on one line) — about fifty times faster, which matters when every annotation of a large
 * sidecar is re-rendered (all positions shift after typing at the top of a document). The rules below
 * are the yaml package's own (stringifyString.js, stringifyPair.js, stringifyCollection.js, version 2.9),
 * for the shapes a canonical annotation has; anything else (a value of an unexpected type) returns
 * undefined and the caller asks the yaml package. A property test holds the two to the same text.
 */
export function emitAnnotationItem(a: Annotation): string | undefined {
  try {
    return `- ${emitMap(annotationPairs(a), '  ')}\n`;
  } catch (err) {
    if (err === UNEXPECTED) return undefined;
    throw err;
  }
}

const UNEXPECTED = new Error('not a canonical annotation');

type Value = string | number | { readonly strings: readonly unknown[] } | { readonly map: Pairs } | { readonly maps: readonly Pairs[] };
type Pairs = readonly (readonly [string, Value])[];

function annotationPairs(a: Annotation): Pairs {
  const { quote, position } = a.target;
  const out: [string, Value][] = [
    ['id', a.id],
    [
      'target',
      {
        map: [
          ['quote', { map: [['exact', quote.exact], ['prefix', quote.prefix], ['suffix', quote.suffix]] }],
          ['position', { map: [['start', position.start], ['end', position.end]] }],
        ],
      },
    ],
    ['codes', { strings: arrayOf(a.codes) }],
  ];
  if (a.note !== undefined) out.push(['note', a.note]);
  if (a.links !== undefined) out.push(['links', { maps: arrayOf(a.links).map(linkPairs) }]);
  if (a.author !== undefined) out.push(['author', a.author]);
  out.push(['created', a.created]);
  if (a.modified !== undefined) out.push(['modified', a.modified]);
  return out;
}

function arrayOf<T>(value: readonly T[]): readonly T[] {
  if (!Array.isArray(value as unknown)) throw UNEXPECTED;
  return value;
}

function linkPairs(l: AnnotationLink): Pairs {
  if (typeof l !== 'object' || l === null) throw UNEXPECTED;
  const out: [string, Value][] = [];
  for (const k of LINK_KEYS) if (l[k] !== undefined) out.push([k, l[k]!]);
  if (out.length === 0) throw UNEXPECTED; // `{}` would be written in flow style
  return out;
}

/** A block mapping whose keys are at `indent` (its first line unindented: it follows `- ` or a key). */
function emitMap(pairs: Pairs, indent: string): string {
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const [key, value] = pairs[i]!;
    if (i > 0) out += `\n${indent}`;
    out += `${key}:${emitValue(value, `${indent}  `)}`;
  }
  return out;
}

/** A value after `key:`, with its separator; `indent` is the indentation of what is nested in it. */
function emitValue(value: Value, indent: string): string {
  if (typeof value === 'string') return ` ${emitString(value, indent)}`;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw UNEXPECTED;
    return ` ${String(value)}`;
  }
  if (typeof value !== 'object' || value === null) throw UNEXPECTED;
  if ('map' in value) return `\n${indent}${emitMap(value.map, indent)}`;
  if ('strings' in value) {
    if (value.strings.length === 0) return ' []';
    let out = '';
    for (const item of value.strings) {
      if (typeof item !== 'string') throw UNEXPECTED;
      out += `\n${indent}- ${emitString(item, `${indent}  `)}`;
    }
    return out;
  }
  if (value.maps.length === 0) return ' []';
  let out = '';
  for (const item of value.maps) out += `\n${indent}- ${emitMap(item, `${indent}  `)}`;
  return out;
}

// ---- strings (stringifyString.js) -------------------------------------------------------------------

/** Strings our serializer double-quotes (serialize.ts needsDoubleQuotes), and the yaml package too. */
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\r\u0085\u2028\u2029]|\p{Surrogate}/u;
const WHITESPACE_LINES = /^[ \t\n]*$/;
const PLAIN_UNSAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** A string value; `indent` is the indentation of its continuation lines (never empty here). */
function emitString(value: string, indent: string): string {
  if (typeof value !== 'string') throw UNEXPECTED;
  if ((value.includes('\n') && WHITESPACE_LINES.test(value)) || FORCE_DOUBLE.test(value)) return doubleQuoted(value);
  // plainString
  if (PLAIN_UNSAFE.test(value)) return value.includes('\n') ? blockLiteral(value, indent) : quoted(value, indent);
  if (value.includes('\n')) return blockLiteral(value, indent);
  for (const re of CORE_NON_STRING) if (re.test(value)) return quoted(value, indent);
  return value;
}

function quoted(value: string, indent: string): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  if (hasDouble && !hasSingle) return singleQuoted(value, indent);
  return doubleQuoted(value);
}

function singleQuoted(value: string, indent: string): string {
  if (/[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value);
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
}

/** JSON, with YAML's short escapes; on one line (doubleQuotedMinMultiLineLength is never reached). */
function doubleQuoted(value: string): string {
  const json = JSON.stringify(value);
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a line break is escaped.
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\') {
      if (json[i + 1] === 'u') {
        str += json.slice(start, i);
        const code = json.substr(i + 2, 4);
        str += SHORT_ESCAPES[code] ?? (code.substr(0, 2) === '00' ? '\\x' + code.substr(2) : json.substr(i, 6));
        i += 5;
        start = i + 1;
      } else i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

const SHORT_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** A literal block scalar (blockString, literal: lines are never folded with lineWidth 0). */
function blockLiteral(input: string, indent: string): string {
  if (/\n[\t ]+$/.test(input)) return quoted(input, indent);
  let value = input;
  // Chomping, from the white space at the end.
  let endStart = value.length;
  for (; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  // An indentation indicator when the text starts with a space.
  let startWithSpace = false;
  let startEnd;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  value = value.replace(/\n+/g, `$&${indent}`);
  return `|${header}\n${indent}${start}${value}${end}`;
}
