import * as assert from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { outline } from '../../src/core/recognition/outline';
import { cli } from '../cliRun';
import { FIXTURES, SAMPLE_US } from '../paths';

const LAYOUTS = path.join(FIXTURES, 'recognition', 'layouts');

/** Issue 9 §2: `outline`, the document's own structure with no knowledge pack. */
describe('outline: a document\'s own headings, no pack (issue 9)', function () {
  this.timeout(120_000);

  it('finds parts and their numbered chapters, skipping the table of contents, running headers, page numbers and footnotes', () => {
    const text = readFileSync(path.join(FIXTURES, 'outline', 'report-with-toc.txt'), 'utf8');
    const entries = outline(text);
    assert.deepStrictEqual(
      entries.map((e) => [e.level, e.number, e.heading, e.start.line]),
      [
        [1, 'I', 'Part I Foundations', 13],
        [2, '1', 'Why a strategy now', 15],
        [2, '2', 'What we have learned', 20],
        [1, 'II', 'Part II Measures', 25],
        [2, '1', 'Skills for everyone', 27],
        [2, '2', 'Fair access to computing', 32],
      ],
    );
  });

  it('reads headings run into their paragraph, ending where the heading does, a hard-wrapped one on its second line', () => {
    const entries = outline(readFileSync(path.join(LAYOUTS, 'cn-mfa-pdf-wrapped.txt'), 'utf8'));
    assert.deepStrictEqual(entries.map((e) => e.number), Array.from({ length: 13 }, (_, i) => String(i + 1)));
    assert.ok(entries.every((e) => e.level === 1));
    assert.deepStrictEqual([entries[0]!.heading, entries[0]!.end], ['Jointly seizing the opportunities of AI', { line: 13, character: 42 }]);
    assert.deepStrictEqual([entries[11]!.heading, entries[11]!.start.line + 1, entries[11]!.end.character], ['Strengthening international cooperation on AI capacity building', entries[11]!.end.line, 'building'.length]);
  });

  it('reads Roman-numbered bullets and unnumbered title-case headings of one form as one level', () => {
    for (const file of ['cn-roman-bullets.txt', 'cn-unnumbered.txt', 'cn-news-bullets.md']) {
      const entries = outline(readFileSync(path.join(LAYOUTS, file), 'utf8'), { markdown: file.endsWith('.md') });
      assert.strictEqual(entries.length, 13, file);
      assert.ok(entries.every((e) => e.level === 1), file);
    }
  });

  it('nests Markdown headings by their level: the US study edition has its pillars under the title, sections under the pillars', () => {
    const entries = outline(readFileSync(SAMPLE_US, 'utf8'), { markdown: true });
    const pillars = entries.filter((e) => /^Pillar /.test(e.heading));
    assert.deepStrictEqual(pillars.map((e) => e.number), ['I', 'II', 'III']);
    const levels = new Set(pillars.map((e) => e.level));
    assert.strictEqual(levels.size, 1);
    const below = entries.filter((e) => e.level === pillars[0]!.level + 1);
    assert.strictEqual(below.length, 30, 'the 30 titled sections');
  });

  it('prints positions as the editor counts them: BOM dropped, CRLF line ends, UTF-16 characters (CLI --json)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-lens-outline-'));
    try {
      const file = path.join(dir, 'doc.md');
      const heading = '## 2. Données 🚀 et calcul';
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`# Titre\r\n\r\n## 1. Première 🚀 partie\r\nTexte.\r\n\r\n${heading}\r\nTexte.\r\n`, 'utf8')]));
      const run = await cli('outline', file, '--json');
      assert.strictEqual(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { level: number; number: string | null; heading: string; start: { line: number; character: number }; end: { line: number; character: number } }[];
      assert.deepStrictEqual(out.map((e) => [e.level, e.number, e.heading]), [[1, null, 'Titre'], [2, '1', 'Première 🚀 partie'], [2, '2', 'Données 🚀 et calcul']]);
      assert.deepStrictEqual(out[2]!.start, { line: 5, character: 0 });
      assert.deepStrictEqual(out[2]!.end, { line: 5, character: heading.length }, 'the rocket counts two UTF-16 units');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
