import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { KnowledgePack } from '../../src/core/data/model';
import { recognise } from '../../src/core/recognition/recognise';
import type { Position } from '../../src/core/text/lineIndex';
import { bundledPack } from '../packFixture';
import { FIXTURES } from '../paths';

const CN = 'cn-global-ai-governance-2025';
const DIR = path.join(FIXTURES, 'recognition', 'layouts');

/** Headings as each layout words them (our own fixtures: the published layouts, our wording of the bodies). */
const MFA = [
  'Jointly seizing the opportunities of AI',
  'Promoting the innovative development of AI',
  'Empowering thousands of industries with AI',
  'Accelerating digital infrastructure development',
  'Building a pluralistic and open innovation ecosystem',
  'Supplying high-quality data',
  'Tackling energy and environmental issues',
  'Building consensus on standards and norms',
  'Leading by example in the public sector',
  'Conducting AI safety governance',
  'Implementing the Global Digital Compact',
  'Strengthening international cooperation on AI capacity building',
  'Promoting inclusive, multi-stakeholder AI governance',
];
const XINHUA = [
  'Jointly seize the opportunities of artificial intelligence',
  'Advance the innovative development of artificial intelligence',
  'Let AI empower all industries',
  'Speed up digital infrastructure building',
  'Build an open and diverse ecosystem for innovation',
  'Provide high-quality data',
  'Address energy and environment issues',
  'Seek consensus on standards and norms',
  'Let the public sector lead by example',
  'Carry out AI safety governance',
  'Put the Global Digital Compact into practice',
  'Strengthen cooperation on AI capacity building',
  'Promote inclusive AI governance with many stakeholders',
];
const TITLE_CASE = [
  'Seizing Artificial Intelligence Opportunities Together',
  'Promoting Innovative Development of Artificial Intelligence',
  'Empowering All Industries with AI',
  'Speeding Up Digital Infrastructure Construction',
  'Fostering a Diverse and Open Innovation Ecosystem',
  'Ensuring a Supply of High-Quality Data',
  'Addressing Energy and Environmental Challenges',
  'Reaching Consensus on Standards and Norms',
  'The Public Sector Leading by Example',
  'Carrying Out AI Safety Governance',
  'Implementing the Global Digital Compact',
  'Enhancing Cooperation on AI Capacity Building',
  'Promoting Inclusive Multi-Stakeholder AI Governance',
];

interface Layout {
  readonly file: string;
  readonly what: string;
  readonly headings: readonly string[];
  /** The line of the plan's title (the preamble starts at the next text line). */
  readonly titleLine: number;
}

const LAYOUTS: readonly Layout[] = [
  { file: 'cn-mfa-inline.txt', what: 'inline "1. Heading. Body", one paragraph per line', headings: MFA, titleLine: 0 },
  { file: 'cn-mfa-pdf-wrapped.txt', what: 'the same hard-wrapped from a PDF, a heading wrapped over two lines, running headers and page numbers', headings: MFA, titleLine: 0 },
  { file: 'cn-news-bullets.md', what: 'news-site bullets "- Heading. Body" after an introduction and a dateline', headings: MFA, titleLine: 8 },
  { file: 'cn-xinhua-wording.txt', what: 'Xinhua-style wording of the headings', headings: XINHUA, titleLine: 0 },
  { file: 'cn-roman-bullets.txt', what: '"• I. Heading. Body" with Roman numerals', headings: TITLE_CASE, titleLine: 0 },
  { file: 'cn-unnumbered.txt', what: 'title-case headings run into their paragraph, no numbers at all', headings: TITLE_CASE, titleLine: 0 },
  { file: 'cn-excerpt-news.txt', what: 'an excerpt (preamble and actions 1 to 3) in a news wrapper', headings: MFA.slice(0, 3), titleLine: 8 },
];

/** Where `heading` ends in `text`, its words possibly broken over lines (a hard wrap). */
function headingEnd(text: string, heading: string, from: number): { offset: number; start: number } {
  const words = heading.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(words.join('\\s+'), 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  assert.ok(m, `heading "${heading}" is in the fixture`);
  return { offset: m.index + m[0].length, start: m.index };
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('published layouts of the Chinese plan (issue 9)', function () {
  this.timeout(60_000);
  let pack: KnowledgePack;
  before(async () => (pack = await bundledPack()));

  for (const layout of LAYOUTS) {
    it(`recognises ${layout.what} as the plan, with every provision at its heading (${layout.file})`, () => {
      const text = readFileSync(path.join(DIR, layout.file), 'utf8');
      const r = recognise(text, pack, { markdown: layout.file.endsWith('.md') });
      assert.strictEqual(r.plan?.id, CN);
      assert.ok(r.score >= 0.5, `score ${r.score}`);
      const actions = layout.headings.map((_, i) => `cn-${i + 1}`);
      assert.deepStrictEqual(r.provisions.map((p) => p.provision.id), ['cn-0', ...actions]);
      // The preamble starts at the first text after the title: a news site's introduction is not part of it.
      const lines = text.split('\n');
      let preamble = layout.titleLine + 1;
      while (!lines[preamble]!.trim()) preamble++;
      assert.deepStrictEqual(r.provisions[0]!.range.start, { line: preamble, character: 0 });
      let from = text.indexOf('\n', text.indexOf(lines[preamble]!));
      layout.headings.forEach((heading, i) => {
        const lp = r.provisions[i + 1]!;
        const { offset, start } = headingEnd(text, heading, from);
        from = offset;
        const startLine = positionOf(text, start).line;
        // The provision starts at its line's first character (number or bullet included) and its heading
        // ends where the heading sentence does, before the full stop and the body.
        assert.deepStrictEqual(lp.range.start, { line: startLine, character: 0 }, `${lp.provision.id} start`);
        assert.deepStrictEqual(lp.headingRange.end, positionOf(text, offset), `${lp.provision.id} heading end`);
        assert.strictEqual(lp.documentHeading.replace(/\s+/g, ' '), heading.replace(/\s+/g, ' '), `${lp.provision.id} heading text`);
        const next = r.provisions[i + 2];
        if (next) assert.ok(lp.range.end.line < next.range.start.line, `${lp.provision.id} ends before ${next.provision.id}`);
      });
    });
  }

  it('reads a heading hard-wrapped over two lines as one heading ending on the second', () => {
    const text = readFileSync(path.join(DIR, 'cn-mfa-pdf-wrapped.txt'), 'utf8');
    const lp = recognise(text, pack).provisions.find((p) => p.provision.id === 'cn-12')!;
    assert.strictEqual(lp.headingRange.end.line, lp.headingRange.start.line + 1);
    assert.strictEqual(lp.headingRange.end.character, 'building'.length);
  });

  it('does not read running headers or page numbers of the PDF layout as part of a heading', () => {
    const text = readFileSync(path.join(DIR, 'cn-mfa-pdf-wrapped.txt'), 'utf8');
    for (const lp of recognise(text, pack).provisions) assert.ok(!/bulletin|^\d+$/.test(lp.documentHeading), lp.documentHeading);
  });

  it('an excerpt without its title is still the plan, found by its first actions', () => {
    const text = readFileSync(path.join(DIR, 'cn-excerpt-news.txt'), 'utf8').replace('Global AI Governance Action Plan\n', 'Full text\n');
    const r = recognise(text, pack);
    assert.strictEqual(r.plan?.id, CN);
    assert.deepStrictEqual(r.provisions.map((p) => p.provision.id).filter((id) => id !== 'cn-0'), ['cn-1', 'cn-2', 'cn-3']);
  });
});
