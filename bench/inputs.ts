/**
 * Benchmark inputs, generated deterministically (seeded) from real policy prose: the US plan as pdftotext
 * gives it (../shared/corpus, read at run time) and the two study editions in samples/. Sentences and headings
 * are drawn from that pool and assembled into Markdown documents that look like the plans do after
 * conversion: headings, paragraphs (some as one long line, some hard-wrapped), bullet and numbered lists,
 * emphasis, links, quotes, the odd table and code fence.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus', 'us-ai-action-plan-2025.pdftotext-layout.txt');
const SAMPLE_US = path.join(REPO, 'samples', 'plans', 'us-ai-action-plan-2025.policy.md');
const SAMPLE_CN = path.join(REPO, 'samples', 'plans', 'cn-global-ai-governance-2025.txt');

/** mulberry32: small, fast, and the same sequence on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface Pool {
  readonly sentences: readonly string[];
  readonly headings: readonly string[];
}

function cleanPdfText(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*\d+\s*$/.test(l) && !/^\s*AMERICA.S AI ACTION PLAN\s*$/.test(l))
    .join('\n');
}

/**
 * The US plan as pdftotext gives it, reflowed as an analyst's Markdown copy would be: page headers, page
 * numbers, footnotes and the table of contents dropped; each paragraph and each bullet one line; the pillars
 * `##`, the short title-case lines ending no sentence `###`, the "Recommended Policy Actions" lines bold.
 * Built in memory at bench time from ../shared/corpus: the published text is never written to the repo.
 */
export function reflowAsMarkdown(pdfText: string): string {
  const blocks: string[] = [];
  let para: string[] = [];
  let bullet = false;
  const flush = (): void => {
    if (para.length) blocks.push(`${bullet ? '- ' : ''}${para.join(' ')}`);
    para = [];
    bullet = false;
  };
  const lines = cleanPdfText(pdfText).split('\n');
  // Footnote blocks: a line holding only a number's footnote text follows a bare number, indented.
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || /\.{5,}/.test(line) || /^(THE WHITE HOUSE|JULY 2025|Table of Contents)$/.test(line)) {
      if (!line) flush();
      continue;
    }
    if (/^\s{4}\S/.test(raw) && /(www\.|https?:|\d{4}\)?,|Federal Register)/.test(line) && !/^•/.test(line)) continue;
    if (/^Pillar [IVX]+:/.test(line)) {
      flush();
      blocks.push(`## ${line}`);
      continue;
    }
    if (line === 'Recommended Policy Actions') {
      flush();
      blocks.push(`**${line}**`);
      continue;
    }
    if (line.startsWith('•')) {
      flush();
      bullet = true;
      para.push(line.replace(/^•\s*/, ''));
      continue;
    }
    const heading = para.length === 0 && !bullet && line.length < 80 && !/[.,;:”"]$/.test(line) && /^[A-Z][A-Za-z’'-]*( [A-Za-z’'-]+){1,11}$/.test(line) && /^(?:[A-Z][\w’'-]*|and|or|of|the|for|to|in|on|with|a|an|AI)( |$)/.test(line.split(' ')[1] ?? '');
    if (heading) {
      blocks.push(`### ${line}`);
      continue;
    }
    para.push(line);
    // A paragraph's last line ends a sentence and falls short of the measure.
    if (/[.:”)]$/.test(line) && raw.length < 84) flush();
  }
  flush();
  return `# Winning the Race: America’s AI Action Plan\n\n${blocks.join('\n\n')}\n`;
}

/** Sentences (40–400 characters) and headings from the corpus and the samples. */
export function buildPool(): Pool {
  const sources: string[] = [];
  if (existsSync(CORPUS)) sources.push(cleanPdfText(readFileSync(CORPUS, 'utf8')));
  const us = existsSync(SAMPLE_US) ? readFileSync(SAMPLE_US, 'utf8') : '';
  const cn = existsSync(SAMPLE_CN) ? readFileSync(SAMPLE_CN, 'utf8') : '';
  const headings = us
    .split('\n')
    .filter((l) => /^#{1,4} /.test(l))
    .map((l) => l.replace(/^#+ /, '').trim());
  sources.push(us.replace(/^#.*$/gm, '').replace(/^[-*] /gm, '').replace(/[*_]/g, ''), cn);
  const sentences: string[] = [];
  for (const s of sources) {
    const flat = s.replace(/\s+/g, ' ');
    for (const sentence of flat.split(/(?<=[.!?][”"’)]?)\s+(?=[A-Z“"(])/)) {
      const t = sentence.trim();
      if (t.length >= 40 && t.length <= 400 && /[a-z]/.test(t)) sentences.push(t);
    }
  }
  if (sentences.length === 0) throw new Error('no benchmark prose: neither ../shared/corpus nor samples/ could be read');
  return { sentences, headings: headings.length ? headings : ['Introduction'] };
}

function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

function emphasise(rng: Rng, sentence: string): string {
  const words = sentence.split(' ');
  if (words.length < 6) return sentence;
  const i = rng.int(0, words.length - 3);
  const n = rng.int(1, 3);
  const kind = rng.pick(['**', '*', '_', '`']);
  const span = words.slice(i, i + n).join(' ');
  if (/[*_`[\]]/.test(span)) return sentence;
  words.splice(i, n, `${kind}${span}${kind}`);
  return words.join(' ');
}

function linkify(rng: Rng, sentence: string): string {
  const words = sentence.split(' ');
  if (words.length < 6) return sentence;
  const i = rng.int(0, words.length - 3);
  const span = words.slice(i, i + 2).join(' ');
  if (/[*_`[\]()]/.test(span)) return sentence;
  words.splice(i, 2, `[${span}](https://www.example.gov/${rng.int(1000, 9999)}/${span.toLowerCase().replace(/[^a-z]+/g, '-')})`);
  return words.join(' ');
}

/** A paragraph of 2–7 sentences, with the odd emphasis or link. */
function paragraph(rng: Rng, pool: Pool, sentences = rng.int(2, 7)): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    let s = rng.pick(pool.sentences);
    if (rng.chance(0.15)) s = emphasise(rng, s);
    if (rng.chance(0.04)) s = linkify(rng, s);
    parts.push(s);
  }
  return parts.join(' ');
}

/** A Markdown document of about `size` characters, the same for the same seed. */
export function markdownDocument(pool: Pool, size: number, seed: number): string {
  const rng = new Rng(seed);
  const blocks: string[] = [];
  let length = 0;
  let section = 0;
  const push = (b: string): void => {
    blocks.push(b);
    length += b.length + 2;
  };
  push(`# ${rng.pick(pool.headings)}`);
  while (length < size) {
    const r = rng.next();
    if (r < 0.08) push(`${'#'.repeat(rng.int(2, 4))} ${++section}. ${rng.pick(pool.headings)}`);
    else if (r < 0.5) push(paragraph(rng, pool));
    else if (r < 0.7) push(wrap(paragraph(rng, pool), rng.int(72, 96)));
    else if (r < 0.82) {
      const numbered = rng.chance(0.3);
      const items = Array.from({ length: rng.int(2, 6) }, (_, i) => `${numbered ? `${i + 1}.` : '-'} ${paragraph(rng, pool, rng.int(1, 2))}`);
      push(items.join('\n'));
    } else if (r < 0.88) push(`*${rng.pick(pool.sentences)}*`);
    else if (r < 0.93) push(`> ${paragraph(rng, pool, rng.int(1, 3))}`);
    else if (r < 0.96) {
      const rows = Array.from({ length: rng.int(2, 4) }, () => `| ${rng.pick(pool.headings)} | ${rng.pick(pool.sentences).slice(0, 60)} |`);
      push(['| Provision | Note |', '| --- | --- |', ...rows].join('\n'));
    } else if (r < 0.97) push(['```yaml', `id: us-${rng.int(1, 3)}.${rng.int(1, 9)}`, `note: ${rng.pick(pool.sentences).slice(0, 70)}`, '```'].join('\n'));
    else push(paragraph(rng, pool, rng.int(8, 14)));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Prose whose paragraphs are single lines of about `lineSize` characters, to about `size` characters in all. */
export function longLineDocument(pool: Pool, size: number, lineSize: number, seed: number): string {
  const rng = new Rng(seed);
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    const parts: string[] = [];
    let n = 0;
    while (n < lineSize) {
      const s = rng.pick(pool.sentences);
      parts.push(s);
      n += s.length + 1;
    }
    const line = parts.join(' ');
    lines.push(line);
    length += line.length + 2;
  }
  return `${lines.join('\n\n')}\n`;
}

export interface Input {
  readonly name: string;
  readonly text: string;
}

/** Named inputs, generated on first use and kept for the run. */
export class Inputs {
  private readonly cache = new Map<string, string>();
  private poolCache: Pool | undefined;
  constructor(readonly tiny: boolean) {}

  get pool(): Pool {
    return (this.poolCache ??= buildPool());
  }

  private get(key: string, make: () => string): Input {
    let text = this.cache.get(key);
    if (text === undefined) this.cache.set(key, (text = make()));
    return { name: this.tiny ? `${key} (tiny: ${fmtSize(text.length)})` : key, text };
  }

  /** Scale an input size down in tiny mode (the smoke test: every path, seconds not minutes). */
  size(n: number): number {
    return this.tiny ? Math.min(n, 4_000) : n;
  }

  /** Generated Markdown prose, `size` characters (100 KB, 1 MB, 10 MB in the figures). */
  prose(size: number): Input {
    const n = this.size(size);
    return this.get(`prose ${fmtSize(size)}`, () => markdownDocument(this.pool, n, 0x5eed0000 + size));
  }

  /** Generated prose as single-line paragraphs of `lineSize` characters, 1 MB in all. */
  longLines(lineSize: number, size = 1_000_000): Input {
    const n = this.size(size);
    return this.get(`${fmtSize(lineSize)} lines`, () => longLineDocument(this.pool, n, this.tiny ? Math.min(lineSize, 1_000) : lineSize, 0x10c0 + lineSize));
  }

  /**
   * Real text (issue 12): the US plan reflowed as Markdown (reflowAsMarkdown), dense with themes; `lines`
   * joins every paragraph of a section into one line, as a copy pasted from a web page has them. Undefined
   * without ../shared/corpus: generated prose is no stand-in for it.
   */
  realMarkdown(variant: 'paragraphs' | 'sections' = 'paragraphs'): Input | undefined {
    if (!existsSync(CORPUS)) return undefined;
    return this.get(`US plan as Markdown${variant === 'sections' ? ', one line per section' : ''}`, () => {
      let text = reflowAsMarkdown(readFileSync(CORPUS, 'utf8'));
      if (variant === 'sections') text = text.replace(/\n\n(?!#|- |\*\*)/g, ' ');
      return this.tiny ? text.slice(0, 4_000) : text;
    });
  }

  /** The US plan as pdftotext renders it (../shared/corpus), or the US sample when the corpus is absent. */
  corpus(): Input {
    return this.get('corpus', () => {
      const text = existsSync(CORPUS) ? readFileSync(CORPUS, 'utf8') : readFileSync(SAMPLE_US, 'utf8');
      return this.tiny ? text.slice(0, 4_000) : text;
    });
  }
}

function fmtSize(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)} MB` : `${+(n / 1e3).toFixed(1)} KB`;
}
