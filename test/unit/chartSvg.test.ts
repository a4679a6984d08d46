import * as assert from 'assert';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'fs';
import type { Code } from '../../src/core/codebook/codebook';
import { compareData, renderChart, renderCompareSvg, type CompareData } from '../../src/core/charts/compareCharts';
import type { AnnotatedDocument } from '../../src/core/charts/passages';
import { escapeXml } from '../../src/core/charts/svgText';
import { bundledPack } from '../packFixture';
import { SAMPLE_CN, SAMPLE_US } from '../paths';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: false });

/** Every element of a parsed document, depth first, as [name, attributes, children]. */
function elements(tree: Node[]): { name: string; attrs: Record<string, string>; children: Node[] }[] {
  const out: { name: string; attrs: Record<string, string>; children: Node[] }[] = [];
  for (const n of tree) {
    const name = Object.keys(n).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '?xml') continue;
    const children = n[name] as Node[];
    out.push({ name, attrs: (n[':@'] ?? {}) as Record<string, string>, children });
    out.push(...elements(children));
  }
  return out;
}
const textOf = (children: Node[]): string => children.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('');

const HOSTILE = '<script>alert("x")</script> & \'co\'\u0001';

async function data(): Promise<CompareData> {
  const pack = await bundledPack();
  const us = readFileSync(SAMPLE_US, 'utf8');
  const annotated: AnnotatedDocument[] = [
    {
      document: 'file:///w/us.md',
      label: 'plans/<us>.md',
      text: us,
      annotations: [
        { id: 'a1', codes: ['open-source', 'evil'], start: 100, end: 200 },
        { id: 'a2', codes: ['follow-up'], start: 150, end: 250 },
      ],
    },
  ];
  const codes: Code[] = [
    ...pack.themes.map((t) => ({ id: t.id, label: t.label, colour: t.colour.dark, lightColour: t.colour.light, source: 'theme' as const })),
    { id: 'follow-up', label: 'Follow up', colour: '#C586C0', source: 'codebook' },
    { id: 'evil', label: HOSTILE, source: 'codebook' },
  ];
  return compareData(
    pack,
    [
      { document: 'us.md', label: 'us.md', text: us, markdown: true },
      { document: 'cn.txt', label: 'cn.txt', text: readFileSync(SAMPLE_CN, 'utf8'), markdown: false },
    ],
    annotated,
    codes,
  );
}

describe('charts: the SVG', () => {
  it('escapes the five XML characters and drops characters XML forbids', () => {
    assert.strictEqual(escapeXml(`<a href="x">'&'</a>\u0000\uFFFF\uD800`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    assert.strictEqual(escapeXml('tab\tline\n😀'), 'tab\tline\n😀');
  });

  it('is well-formed, with a title and a description for the picture and for each chart', async () => {
    const svg = renderCompareSvg(await data());
    assert.strictEqual(XMLValidator.validate(svg), true);
    const all = elements(parser.parse(svg) as Node[]);
    const root = all[0]!;
    assert.strictEqual(root.name, 'svg');
    assert.strictEqual(root.attrs['@xmlns'], 'http://www.w3.org/2000/svg');
    assert.strictEqual(root.attrs['@role'], 'img');
    const byId = new Map(all.filter((e) => e.attrs['@id']).map((e) => [e.attrs['@id']!, e]));
    for (const ref of ['@aria-labelledby', '@aria-describedby']) assert.ok(byId.has(root.attrs[ref]!), `${ref} names an element`);
    assert.strictEqual(byId.get(root.attrs['@aria-labelledby']!)!.name, 'title');
    assert.match(textOf(byId.get(root.attrs['@aria-labelledby']!)!.children), /CN Global AI Governance Plan and US AI Action Plan/);
    assert.match(textOf(byId.get(root.attrs['@aria-describedby']!)!.children), /per 1,000 words/);
    const groups = all.filter((e) => e.name === 'g' && e.attrs['@role'] === 'group');
    assert.strictEqual(groups.length, 3, 'three charts');
    for (const g of groups) {
      assert.strictEqual(byId.get(g.attrs['@aria-labelledby']!)?.name, 'title');
      assert.strictEqual(byId.get(g.attrs['@aria-describedby']!)?.name, 'desc');
    }
  });

  it('draws one rect per bar, in the theme’s colour of the scheme', async () => {
    const d = await data();
    const pack = await bundledPack();
    for (const scheme of ['light', 'dark', 'highContrast'] as const) {
      const all = elements(parser.parse(renderChart(d, 'themes', scheme)) as Node[]);
      const bars = all.filter((e) => e.name === 'rect' && e.attrs['@class']?.split(' ').includes('pl-bar'));
      assert.strictEqual(bars.length, 2 * pack.themes.length, 'two plans × 16 themes');
      const open = bars.filter((b) => b.attrs['@data-b'] === 'open-source');
      assert.deepStrictEqual(open.map((b) => b.attrs['@data-a']), ['cn-global-ai-governance-2025', 'us-ai-action-plan-2025']);
      const colour = pack.themes.find((t) => t.id === 'open-source')!.colour[scheme];
      for (const b of open) assert.strictEqual(b.attrs['@fill'], colour, scheme);
    }
    const codes = elements(parser.parse(renderChart(d, 'codes', 'light')) as Node[]).filter((e) => e.name === 'rect' && e.attrs['@class']?.includes('pl-bar'));
    assert.strictEqual(codes.length, 3, 'one document, three codes');
  });

  it('makes bars and cells with passages focusable buttons with a label, in the webview only', async () => {
    const d = await data();
    const all = elements(parser.parse(renderChart(d, 'themes', 'dark')) as Node[]);
    assert.strictEqual(all[0]!.attrs['@role'], 'group');
    const bars = all.filter((e) => e.name === 'rect' && e.attrs['@class']?.includes('pl-bar'));
    const width = (b: (typeof bars)[number]): number => Number(b.attrs['@width']);
    for (const b of bars) {
      if (width(b) > 0) {
        assert.deepStrictEqual([b.attrs['@tabindex'], b.attrs['@role']], ['0', 'button']);
        assert.match(b.attrs['@aria-label']!, /per 1,000 words/);
      } else assert.strictEqual(b.attrs['@tabindex'], undefined, 'a bar with nothing behind it is not a tab stop');
    }
    const cells = elements(parser.parse(renderChart(d, 'cooccurrence', 'light')) as Node[]).filter((e) => e.name === 'rect' && e.attrs['@class']?.includes('pl-cellbox'));
    assert.strictEqual(cells.length, 9, 'three codes × three');
    assert.ok(cells.filter((c) => c.attrs['@tabindex'] === '0').every((c) => c.attrs['@aria-label'] && c.attrs['@data-a'] !== undefined));
    const file = elements(parser.parse(renderCompareSvg(d)) as Node[]);
    assert.ok(!file.some((e) => e.attrs['@tabindex'] !== undefined || e.attrs['@data-a'] !== undefined), 'a file has no tab stops');
  });

  it('shows user text as text: a code label with <script> is escaped, never markup', async () => {
    const d = await data();
    for (const svg of [renderCompareSvg(d), renderChart(d, 'codes', 'light'), renderChart(d, 'cooccurrence', 'light')]) {
      assert.strictEqual(XMLValidator.validate(svg), true);
      assert.ok(!svg.includes('<script'), 'no script element');
      const all = elements(parser.parse(svg) as Node[]);
      assert.ok(!all.some((e) => e.name === 'script'));
      assert.ok(!all.some((e) => Object.keys(e.attrs).some((k) => /^@on/i.test(k))), 'no event handler attributes');
    }
    const svg = renderChart(d, 'cooccurrence', 'light');
    assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;co&apos;'), 'the label, escaped, control character dropped');
    assert.ok(renderChart(d, 'codes', 'light').includes('plans/&lt;us&gt;.md'));
  });

  it('gives a standalone file a style sheet for dark and high-contrast viewers', async () => {
    const svg = renderCompareSvg(await data());
    const style = elements(parser.parse(svg) as Node[]).find((e) => e.name === 'style')!;
    const css = textOf(style.children);
    assert.match(css, /prefers-color-scheme: dark/);
    assert.match(css, /prefers-contrast: more/);
    assert.ok(css.includes('#489980'), 'the dark colour of open source');
    assert.ok(!renderChart(await data(), 'themes', 'light').includes('<style'), 'the webview styles charts from its own style sheet (CSP)');
  });
});

describe('charts: the numbers as tables (the webview’s)', () => {
  it('has a caption, header cells with scope, a button per non-zero number, and escaped labels', async () => {
    const { chartTable } = await import('../../src/core/charts/chartTables');
    const d = await data();
    const themes = chartTable(d, 'themes');
    assert.strictEqual(XMLValidator.validate(themes), true);
    assert.match(themes, /<caption>/);
    assert.strictEqual((themes.match(/<th scope="row">/g) ?? []).length, 16);
    const matrix = chartTable(d, 'cooccurrence');
    assert.ok(!matrix.includes('<script'), 'the hostile label is text');
    assert.ok(matrix.includes('&lt;script&gt;'));
    const buttons = [...matrix.matchAll(/<button [^>]*data-a="(\d+)" data-b="(\d+)"[^>]*>(\d+)<\/button>/g)];
    assert.ok(buttons.length > 0);
    for (const [, a, b, n] of buttons) assert.strictEqual(Number(n), d.cooccurrence.counts[Number(a)]![Number(b)], 'the number is the cell');
    assert.strictEqual(chartTable({ ...d, codes: { ...d.codes, documents: [] } }, 'codes'), '', 'nothing to tabulate: no table');
  });
});
