import * as assert from 'assert';
import fc from 'fast-check';
import { attachText } from '../../src/core/interchange/attachText';
import type { InterchangeProject } from '../../src/core/interchange/model';
import { W3C_CONTEXT, exportW3c, importW3c } from '../../src/core/interchange/w3c';
import { CodePointOffsets } from '../../src/core/text/codePointOffsets';
import { annotationOf, kept, sampleProject, TEXT_EMOJI } from '../interchangeTexts';

interface Selector {
  type: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}
interface Item {
  id: string;
  type: string;
  motivation: string;
  creator?: { type: string; name: string };
  created: string;
  modified?: string;
  body?: { type: string; purpose: string; value: string; format?: string }[];
  target: { source: string; selector: Selector[] };
}
interface Collection {
  '@context': string;
  type: string;
  label: string;
  total: number;
  first: { type: string; items: Item[] };
}

const selector = (item: Item, type: string): Selector => item.target.selector.find((s) => s.type === type)!;

function roundTrip(project: InterchangeProject): { docs: ReturnType<typeof attachText>[]; dataLoss: readonly unknown[] } {
  const imported = importW3c(exportW3c(project), 'out.jsonld');
  const docs = imported.project.documents.map((d) => attachText(d, project.documents.find((p) => p.path === d.path)!.text));
  return { docs, dataLoss: imported.dataLoss };
}

describe('W3C Web Annotation export and import', () => {
  it('code-point offsets agree with Array.from on any text, both ways (fixed seed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(), (text, k) => {
        const index = new CodePointOffsets(text);
        const points = Array.from(text);
        assert.strictEqual(index.length, points.length);
        const cp = k % (points.length + 1);
        const utf16 = points.slice(0, cp).join('').length;
        assert.strictEqual(index.toUtf16(cp), utf16);
        assert.strictEqual(index.toCodePoint(utf16), cp);
      }),
      { seed: 11, numRuns: 500 },
    );
    assert.strictEqual(new CodePointOffsets('a😀b').toCodePoint(2), 2, 'inside a pair counts as after it');
  });

  it('writes an AnnotationCollection with quote and code-point position selectors, tags, comments, creator and dates', () => {
    const project = sampleProject();
    const json = JSON.parse(exportW3c(project)) as Collection;
    assert.strictEqual(json['@context'], W3C_CONTEXT);
    assert.strictEqual(json.type, 'AnnotationCollection');
    assert.strictEqual(json.label, 'Sample');
    assert.strictEqual(json.total, 5);
    assert.strictEqual(json.first.type, 'AnnotationPage');
    const items = json.first.items;
    assert.strictEqual(items.length, 5);
    for (const item of items) {
      assert.strictEqual(item.type, 'Annotation');
      assert.match(item.id, /^urn:policy-lens:annotation:a-/);
      const doc = project.documents.find((d) => d.path === item.target.source)!;
      assert.ok(doc, `target source ${item.target.source} is a document path`);
      const quote = selector(item, 'TextQuoteSelector');
      const position = selector(item, 'TextPositionSelector');
      // The W3C model counts code points: slicing the code points of the text gives the quote back.
      assert.strictEqual(Array.from(doc.text).slice(position.start, position.end).join(''), quote.exact);
      const original = doc.annotations.find((a) => item.id.endsWith(a.id))!;
      assert.deepStrictEqual({ exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, original.target.quote);
    }
    const rocket = items.find((i) => i.id.endsWith('a-rocket'))!;
    const rocketPosition = selector(rocket, 'TextPositionSelector');
    assert.deepStrictEqual(rocketPosition, { type: 'TextPositionSelector', start: 7, end: 13 }, 'after one emoji: UTF-16 8 is code point 7; the quote is 6 code points, 7 units');
    assert.deepStrictEqual(rocket.body, [
      { type: 'TextualBody', purpose: 'tagging', value: 'open-source' },
      { type: 'TextualBody', purpose: 'tagging', value: 'safety' },
      { type: 'TextualBody', purpose: 'commenting', value: 'Rocket, "quoted", and a comma', format: 'text/plain' },
    ]);
    assert.deepStrictEqual(rocket.creator, { type: 'Person', name: 'analyst' });
    assert.strictEqual(rocket.created, '2026-11-28T13:02:11.512Z');
    assert.strictEqual(rocket.motivation, 'commenting');
    assert.strictEqual(items.find((i) => i.id.endsWith('a-cjk'))!.modified, '2026-11-29T08:00:00Z');
    assert.strictEqual(items.find((i) => i.id.endsWith('a-family'))!.body?.length, 1, 'a note without codes: one comment body');
  });

  it('round trip: export then import gives the same annotations (emoji, CJK Extension B, combining marks, CRLF before the spans)', () => {
    const project = sampleProject();
    const { docs, dataLoss } = roundTrip(project);
    assert.deepStrictEqual(dataLoss, []);
    assert.deepStrictEqual(docs.map((d) => d.document.path), project.documents.map((d) => d.path));
    for (const { document, status } of docs) {
      const original = project.documents.find((d) => d.path === document.path)!;
      assert.deepStrictEqual(document.annotations.map(kept), original.annotations.map(kept));
      assert.ok([...status.values()].every((s) => s === 'exact'), `all found where they were: ${[...status.values()].join()}`);
    }
  });

  it('an orphan keeps its quote and gets no position selector (none would be true)', () => {
    const project = sampleProject();
    const doc = project.documents[1]!;
    const orphan = { ...annotationOf(TEXT_EMOJI, 'open-source models', { id: 'a-gone' }) };
    const changed = { ...project, documents: [{ ...doc, annotations: [...doc.annotations, orphan] }] };
    const item = (JSON.parse(exportW3c(changed)) as Collection).first.items.find((i) => i.id.endsWith('a-gone'))!;
    assert.deepStrictEqual(item.target.selector.map((s) => s.type), ['TextQuoteSelector']);
    const { docs } = roundTrip(changed);
    const back = docs[0]!.document.annotations.find((a) => a.id === 'a-gone')!;
    assert.strictEqual(back.target.quote.exact, 'open-source models');
    assert.strictEqual(docs[0]!.status.get('a-gone'), 'orphaned');
  });

  it('imports a Hypothesis export: an array or {rows}, tags, text, user, uri, dates; a page note is reported', () => {
    const at = Array.from(TEXT_EMOJI.slice(0, TEXT_EMOJI.indexOf('open-source models'))).length; // code points
    const row = {
      id: 'Xk3f_2mREeuP0w-5z1Tj8A',
      created: '2026-10-01T09:15:00.123456+00:00',
      updated: '2026-10-02T10:00:00.000000+00:00',
      user: 'acct:alice@hypothes.is',
      uri: 'https://example.org/plans/emoji.policy.md',
      text: 'Worth a **second** look',
      tags: ['Open Source', 'Global South', '开源'],
      target: [
        {
          source: 'https://example.org/plans/emoji.policy.md',
          selector: [
            { type: 'RangeSelector', startContainer: '/p[2]', startOffset: 0, endContainer: '/p[2]', endOffset: 18 },
            { type: 'TextPositionSelector', start: at, end: at + 18 },
            { type: 'TextQuoteSelector', exact: 'open-source models', prefix: '🇨🇳 shares 𪜀 ', suffix: '.' },
          ],
        },
      ],
      document: { title: ['Emoji plan'] },
    };
    const pageNote = { id: 'PageNote1', uri: row.uri, text: 'about the whole page', tags: [], user: 'acct:bob@hypothes.is', created: row.created, target: [{ source: row.uri }] };
    for (const text of [JSON.stringify([row, pageNote]), JSON.stringify({ total: 2, rows: [row, pageNote] })]) {
      const { project, dataLoss } = importW3c(text, 'hypothesis.json');
      assert.strictEqual(project.documents.length, 1);
      const doc = project.documents[0]!;
      assert.strictEqual(doc.path, 'emoji.policy.md');
      const a = doc.annotations[0]!;
      assert.deepStrictEqual(
        { id: a.id, codes: a.codes, note: a.note, author: a.author, created: a.created, modified: a.modified, exact: a.target.quote.exact },
        { id: row.id, codes: ['open-source', 'global-south', a.codes[2]], note: row.text, author: 'alice', created: row.created, modified: row.updated, exact: 'open-source models' },
      );
      assert.match(a.codes[2]!, /^tag-[0-9a-f]{8}$/, 'a tag without ASCII letters gets a stable id');
      assert.deepStrictEqual(project.codes.map((c) => c.label), ['Open Source', 'Global South', '开源']);
      assert.deepStrictEqual(dataLoss.map((d) => d.kind).sort(), ['Annotation', 'Source']);
      assert.match(dataLoss.find((d) => d.kind === 'Annotation')!.reason, /page note/);
      const attached = attachText(doc, TEXT_EMOJI);
      assert.strictEqual(attached.status.get(row.id), 'exact');
      const start = TEXT_EMOJI.indexOf('open-source models');
      assert.deepStrictEqual(attached.document.annotations[0]!.target.position, { start, end: start + 18 });
    }
  });

  it('refuses what is not W3C or Hypothesis JSON, naming what is wrong', () => {
    assert.throws(() => importW3c('{"type": "Annotation",', 'broken.json'), /broken\.json: not JSON/);
    assert.throws(() => importW3c('"just a string"', 'x.json'), /expected a W3C AnnotationCollection.*found string/);
    assert.throws(() => importW3c('{"type": "Book"}', 'x.json'), /found an object with type "Book"/);
    assert.throws(() => importW3c('{"type": "AnnotationCollection", "first": "https://x/page1"}', 'x.json'), /first page is a link \(https:\/\/x\/page1\)/);
    assert.throws(() => importW3c('{"type": "AnnotationPage", "items": 3}', 'x.json'), /no "items" array/);
  });

  it('reports, never drops silently, the annotations and parts it cannot carry', () => {
    const quote = { type: 'TextQuoteSelector', exact: 'plan' };
    const items = [
      42,
      { id: 'no-target', type: 'Annotation', body: { type: 'TextualBody', value: 'x' } },
      { id: 'escapes', type: 'Annotation', target: { source: '../outside.md', selector: quote } },
      { id: 'linked-body', type: 'Annotation', created: '2026-01-01', body: ['https://example.org/comment', { type: 'Image', id: 'https://x/p.png' }], target: { source: 'a.md', selector: quote } },
      { id: 'bad-position', type: 'Annotation', created: 'yesterday', target: { source: 'a.md', selector: [quote, { type: 'TextPositionSelector', start: 5, end: 2 }] } },
    ];
    const { project, dataLoss } = importW3c(JSON.stringify({ '@context': W3C_CONTEXT, type: 'AnnotationPage', items }), 'x.json');
    const byWhere = (w: string): string[] => dataLoss.filter((d) => d.where === w).map((d) => `${d.kind}: ${d.reason}`);
    assert.match(byWhere('annotation 1').join(), /not an annotation object \(number\)/);
    assert.match(byWhere('no-target').join(), /no target/);
    assert.match(byWhere('escapes').join(), /leaves the folder/);
    assert.deepStrictEqual(byWhere('linked-body').map((s) => s.split(':')[0]), ['Body', 'Body']);
    assert.match(byWhere('bad-position').join(), /TextPositionSelector with start 5 and end 2.*Date: no ISO 8601 created date \("yesterday"\)/);
    assert.deepStrictEqual(project.documents.map((d) => d.annotations.map((a) => a.id)), [['linked-body', 'bad-position']], 'the readable ones are imported');
  });
});
