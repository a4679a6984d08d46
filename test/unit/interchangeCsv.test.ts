import * as assert from 'assert';
import Papa from 'papaparse';
import { attachText } from '../../src/core/interchange/attachText';
import { CSV_COLUMNS, exportCsv, importCsv } from '../../src/core/interchange/csv';
import { LineIndex } from '../../src/core/text/lineIndex';
import { annotationOf, kept, sampleProject, TEXT_EMOJI, TEXT_PLAIN } from '../interchangeTexts';

function rows(csv: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  assert.deepStrictEqual(parsed.errors, []);
  assert.deepStrictEqual(parsed.meta.fields, [...CSV_COLUMNS]);
  return parsed.data;
}

describe('CSV export and import', () => {
  it('writes one row per annotation with a BOM, CRLF records, RFC 4180 quoting, and status-bar positions', () => {
    const csv = exportCsv(sampleProject());
    assert.ok(csv.startsWith('\uFEFFid,document,plan,provision,codes,quote,note,author,created,modified,start,end,status\r\n'), 'BOM and header');
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(csv.includes('"Rocket, ""quoted"", and a comma"'), 'a comma and quotes: the cell quoted, quotes doubled');
    const data = rows(csv);
    assert.deepStrictEqual(data.map((r) => r.id), ['a-rocket', 'a-cjk', 'a-open', 'a-family', 'a-plain']);
    const open = data.find((r) => r.id === 'a-open')!;
    const lines = new LineIndex(TEXT_EMOJI);
    const start = lines.positionAt(TEXT_EMOJI.indexOf('open-source models'));
    assert.deepStrictEqual(open, {
      id: 'a-open',
      document: 'plans/emoji.policy.md',
      plan: 'us-2025',
      provision: 'us-1.3',
      codes: 'open-source',
      quote: 'open-source models',
      note: '',
      author: '分析员',
      created: '2026-11-27T10:00:00+08:00',
      modified: '',
      start: `Ln ${start.line + 1}, Col ${start.character + 1}`,
      end: `Ln ${start.line + 1}, Col ${start.character + 19}`,
      status: 'anchored',
    });
    assert.strictEqual(start.line, 2, 'after two CRLF line ends');
    assert.strictEqual(data[0]!.codes, 'open-source; safety');
    assert.strictEqual(data[0]!.start, 'Ln 1, Col 9', 'UTF-16 columns as VS Code counts them (the globe emoji is two)');
  });

  it('guards cells a spreadsheet would run as formulas with an apostrophe', () => {
    const data = rows(exportCsv(sampleProject()));
    assert.strictEqual(data.find((r) => r.id === 'a-cjk')!.note, "'=SUM(A1) looks like a formula\nand spans lines");
    assert.strictEqual(data.find((r) => r.id === 'a-cjk')!.author, "'@team");
    assert.strictEqual(data.find((r) => r.id === 'a-family')!.note, "'+1 and 'quoted' at the start");
    assert.strictEqual(data.find((r) => r.id === 'a-plain')!.author, "'-dash");
    assert.strictEqual(data.find((r) => r.id === 'a-plain')!.note, "''already quoted", 'an apostrophe already there is guarded too, so the import can take one off');
    for (const r of data) for (const v of Object.values(r)) assert.doesNotMatch(v, /^[=+\-@\t\r]/);
  });

  it('round trip: export then import gives the same annotations (emoji, CJK Extension B, combining marks, CRLF before the spans)', () => {
    const project = sampleProject();
    const { project: back, dataLoss } = importCsv(exportCsv(project), 'out.csv');
    assert.deepStrictEqual(dataLoss, []);
    assert.deepStrictEqual(back.documents.map((d) => [d.path, d.plan]), [['plans/emoji.policy.md', 'us-2025'], ['notes/plain.txt', undefined]]);
    assert.deepStrictEqual([...back.documents[0]!.provisions!], [['a-open', 'us-1.3']]);
    for (const doc of back.documents) {
      const original = project.documents.find((d) => d.path === doc.path)!;
      const { document, status } = attachText(doc, original.text);
      // The CSV has no prefix or suffix: re-anchoring at the line:character hint gives them back.
      assert.deepStrictEqual(document.annotations.map(kept), original.annotations.map(kept));
      assert.ok([...status.values()].every((s) => s === 'exact'));
    }
  });

  it('says which passages are fuzzy or orphaned in the document as it is now', () => {
    const project = sampleProject();
    const plain = project.documents[1]!;
    const edited = 'A plain document.\nSecond line with a nota.\nThird line.';
    const stale = [annotationOf(TEXT_PLAIN, 'Second line with a note', { id: 'a-edited' }), annotationOf(TEXT_PLAIN, 'Third line', { id: 'a-kept' }), annotationOf('Text that went away entirely.', 'went away entirely', { id: 'a-gone' })];
    const data = rows(exportCsv({ ...project, documents: [{ ...plain, text: edited, annotations: stale }] }));
    // In document order; the orphan where its old position was.
    assert.deepStrictEqual(data.map((r) => [r.id, r.status, r.start, r.end]), [
      ['a-gone', 'orphaned', '', ''],
      ['a-edited', 'fuzzy', 'Ln 2, Col 1', 'Ln 2, Col 24'],
      ['a-kept', 'anchored', 'Ln 3, Col 1', 'Ln 3, Col 11'],
    ]);
    assert.strictEqual(data[1]!.quote, 'Second line with a nota', 'the quote as the text reads now');
  });

  it('reads a CSV a spreadsheet saved again: no BOM, semicolons, headers in other case and order, 12:5 positions, extra columns', () => {
    const csv = 'Quote;Document;Codes;START;End;Created;Comment\nnote;notes/plain.txt;"Follow Up; urgent";2:20;2:24;2026-01-02;mine\n';
    const { project, dataLoss } = importCsv(csv, 'edited.csv');
    const doc = project.documents[0]!;
    assert.strictEqual(doc.path, 'notes/plain.txt');
    assert.deepStrictEqual(doc.annotations[0]!.codes, ['follow-up', 'urgent']);
    assert.deepStrictEqual(dataLoss.map((d) => [d.kind, d.where]), [['Column', 'comment']]);
    const attached = attachText(doc, TEXT_PLAIN);
    const start = TEXT_PLAIN.indexOf('note');
    assert.deepStrictEqual(attached.document.annotations[0]!.target.position, { start, end: start + 4 });
    const again = importCsv(csv, 'edited.csv').project.documents[0]!.annotations[0]!.id;
    assert.strictEqual(doc.annotations[0]!.id, again, 'a row without an id gets the same derived id every time');
  });

  it('refuses what is not such a table, and reports rows and cells it cannot carry', () => {
    assert.throws(() => importCsv('name,value\nx,1\n', 'other.csv'), /other\.csv: no 'document' or 'quote' column \(the header row has 'name', 'value'\)/);
    assert.throws(() => importCsv('', 'empty.csv'), /no 'document' or 'quote' column \(the header row has nothing\)/);
    assert.throws(() => importCsv('document,quote\na.md,"unclosed\n', 'bad.csv'), /bad\.csv: line 2: .*quoted cell is not closed/);
    const { project, dataLoss } = importCsv('document,quote,start,end,created\na.md,x,Ln 0,Ln 1,never\n../up.md,y,,,2026-01-01\nb.md,,,,2026-01-01\nc.md,z,,,2026-01-01,extra\n', 'x.csv');
    assert.deepStrictEqual(dataLoss.map((d) => `${d.where} ${d.kind}`), ['record 4 Cell', 'record 1 Position', 'record 1 Date', 'record 2 Annotation', 'record 3 Annotation']);
    assert.deepStrictEqual(project.documents.map((d) => d.path), ['a.md', 'c.md']);
  });
});
