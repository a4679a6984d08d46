/**
 * A step-counting backtracking matcher for the regexes the project runs on document text, for tests that
 * bound their work deterministically (no clocks). It walks the same search tree as a backtracking engine
 * (V8's irregexp, Oniguruma): alternatives in order, greedy loops longest first, lazy ones shortest first,
 * look-arounds as atomic sub-matches, no memoisation. One step is one node tried or one character
 * consumed or given back, so a regex whose steps grow faster than its input backtracks super-linearly.
 *
 * V8's own guard (--enable-experimental-regexp-engine-on-excessive-backtracks) would count backtracks
 * exactly, but in Node 20 its linear engine takes no look-arounds, which the theme regex is made of.
 * Single characters (literals, classes, escapes) are matched by V8 itself, so their meaning is exact.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

type Cont = (pos: number) => boolean;

export interface StepCounter {
  /** Steps to find every match in `text` (as `matchAll` or a global `exec` loop does). */
  stepsAll(text: string): number;
  /** Steps of one attempt at `pos` (sticky). */
  stepsAt(text: string, pos: number): number;
}

export function stepCounter(source: string, flags: string): StepCounter {
  const unicode = flags.includes('u') || flags.includes('v');
  const pattern = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(source, 0, source.length, { unicode });
  const leafFlags = [...'isu'].filter((f) => flags.includes(f)).join('');
  const multiline = flags.includes('m');
  const leaves = new Map<AST.Node, RegExp>();
  let steps = 0;
  let text = '';

  const leaf = (node: AST.Node): RegExp => {
    let re = leaves.get(node);
    if (!re) leaves.set(node, (re = new RegExp(`^(?:${node.raw})$`, leafFlags)));
    return re;
  };
  const width = (pos: number): number => (unicode && pos + 1 < text.length && (text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1);
  /** Length of the character at `pos` if `node` (a one-character node) matches it, else 0. */
  const one = (node: AST.Node, pos: number): number => {
    if (pos >= text.length) return 0;
    const w = width(pos);
    return leaf(node).test(text.slice(pos, pos + w)) ? w : 0;
  };
  const isChar = (n: AST.Node): boolean => n.type === 'Character' || n.type === 'CharacterClass' || n.type === 'CharacterSet';

  const alternatives = (alts: readonly AST.Alternative[], pos: number, k: Cont): boolean => {
    for (const alt of alts) if (sequence(alt.elements, 0, pos, k)) return true;
    return false;
  };
  const sequence = (els: readonly AST.Element[], i: number, pos: number, k: Cont): boolean => (i === els.length ? k(pos) : element(els[i]!, pos, (p) => sequence(els, i + 1, p, k)));

  const wordAt = (pos: number): boolean => pos >= 0 && pos < text.length && /\w/.test(text[pos]!);
  const lineBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';

  const element = (node: AST.Element, pos: number, k: Cont): boolean => {
    steps++;
    switch (node.type) {
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet': {
        const w = one(node, pos);
        return w > 0 && k(pos + w);
      }
      case 'Group':
      case 'CapturingGroup':
        return alternatives(node.alternatives, pos, k);
      case 'Quantifier':
        return quantifier(node, pos, k);
      case 'Assertion':
        return assertion(node, pos, k);
      default:
        throw new Error(`the step counter does not take ${node.type} (${node.raw})`);
    }
  };

  const quantifier = (q: AST.Quantifier, pos: number, k: Cont): boolean => {
    const { min, max, greedy, element: body } = q;
    if (isChar(body)) {
      // A loop over one character, as engines run it: read the run, then give it back one at a time.
      const ends = [pos];
      let p = pos;
      while (ends.length - 1 < max) {
        steps++;
        const w = one(body, p);
        if (w === 0) break;
        p += w;
        ends.push(p);
      }
      if (ends.length - 1 < min) return false;
      if (greedy) {
        for (let j = ends.length - 1; j >= min; j--) {
          steps++;
          if (k(ends[j]!)) return true;
        }
      } else {
        for (let j = min; j < ends.length; j++) {
          steps++;
          if (k(ends[j]!)) return true;
        }
      }
      return false;
    }
    const loop = (count: number, p: number): boolean => {
      steps++;
      const more = (): boolean => count < max && element(body, p, (p2) => p2 !== p && loop(count + 1, p2));
      if (count < min) return element(body, p, (p2) => loop(count + 1, p2));
      return greedy ? more() || k(p) : k(p) || more();
    };
    return loop(0, pos);
  };

  const assertion = (a: AST.Assertion, pos: number, k: Cont): boolean => {
    switch (a.kind) {
      case 'start':
        return (pos === 0 || (multiline && lineBreak(text[pos - 1]))) && k(pos);
      case 'end':
        return (pos === text.length || (multiline && lineBreak(text[pos]))) && k(pos);
      case 'word':
        return (wordAt(pos - 1) !== wordAt(pos)) !== a.negate && k(pos);
      case 'lookahead': {
        const found = alternatives(a.alternatives, pos, () => true);
        return found !== a.negate && k(pos);
      }
      case 'lookbehind': {
        const longest = Math.max(...a.alternatives.map(maxLength));
        if (!Number.isFinite(longest)) throw new Error(`the step counter takes bounded look-behinds only (${a.raw})`);
        let found = false;
        for (let s = pos; s >= Math.max(0, pos - longest) && !found; s--) found = alternatives(a.alternatives, s, (p) => p === pos);
        return found !== a.negate && k(pos);
      }
      default:
        throw new Error(`the step counter does not take ${(a as AST.Node).raw}`);
    }
  };

  const attempt = (pos: number): number => {
    let end = -1;
    alternatives(pattern.alternatives, pos, (p) => ((end = p), true));
    return end;
  };

  return {
    stepsAll(t: string): number {
      text = t;
      steps = 0;
      for (let pos = 0; pos <= text.length; ) {
        const end = attempt(pos);
        pos = end < 0 ? pos + 1 : end === pos ? pos + 1 : end;
      }
      return steps;
    },
    stepsAt(t: string, pos: number): number {
      text = t;
      steps = 0;
      attempt(pos);
      return steps;
    },
  };
}

/** Longest string a node can match (in UTF-16 units, 2 per character to be safe); Infinity if unbounded. */
function maxLength(node: AST.Node): number {
  switch (node.type) {
    case 'Alternative':
      return node.elements.reduce((n, e) => n + maxLength(e), 0);
    case 'Group':
    case 'CapturingGroup':
      return Math.max(0, ...node.alternatives.map(maxLength));
    case 'Quantifier':
      return node.max === 0 ? 0 : node.max * maxLength(node.element);
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
      return 2;
    case 'Assertion':
      return 0;
    default:
      return Infinity;
  }
}
