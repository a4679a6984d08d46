import * as assert from 'assert';
import * as fs from 'fs';
import * as fc from 'fast-check';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { createAnnotation } from '../../src/core/annotations/annotationFactory';
import { exportProject, importBytes } from '../../src/core/interchange/formats';
import type { InterchangeProject } from '../../src/core/interchange/model';
import type { Annotation } from '../../src/core/sidecar/model';
import { CodePointOffsets } from '../../src/core/text/codePointOffsets';
import { exportQdc, importQdc } from '../../src/core/interchange/qdc';
import { writeQde } from '../../src/core/interchange/qdpx/writeQde';
import { ATLAS_QDE, CODEBOOK_XSD, CODES, PROJECT_XSD, schemaErrors, TRICKY_TEXT, trickyProject, zipLike } from '../interchangeFixtures';
import { itWithShared } from '../shared';

const KNOWN = CODES.map((c) => c.id);
const lf = (s: string): string => s.replace(/\r\n/g, '\n');

/** A text as a document holds it (VS Code's line ends: all CRLF or all LF), and offsets of the raw text in it. */
function normalizedText(raw: string, eol: '\n' | '\r\n'): { text: string; offsets: (o: number) => number } {
  return { text: raw.replace(/\r\n|\n/g, eol), offsets: (o) => raw.slice(0, o).replace(/\r\n|\n/g, eol).length };
}

function qdeOf(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['project.qde']!);
}

describe('interchange: REFI-QDA .qdpx', function () {
  this.timeout(60000);

  it('converts UTF-16 offsets to code points and back at every boundary', () => {
    const conv = new CodePointOffsets(TRICKY_TEXT);
    const cps = [...TRICKY_TEXT];
    let u = 0;
    cps.forEach((c, cp) => {
      assert.strictEqual(conv.toCodePoint(u), cp);
      assert.strictEqual(conv.toUtf16(cp), u);
      u += c.length;
    });
    assert.strictEqual(conv.toCodePoint(TRICKY_TEXT.length), cps.length);
    assert.strictEqual(conv.length, cps.length);
  });

  it('property: any span of any text (astral characters, combining marks, CR, LF, CRLF) survives export and import', () => {
    const piece = fc.constantFrom('a', 'é', 'e\u0301', '😀', '𠀀', '👩‍👩‍👧', ' ', '\n', '\r\n', '中', 'Z');
    // Spans start and end between pieces: a CRLF or a surrogate pair is never cut (the editor's cursor cannot stop there).
    const pieces = fc.array(piece, { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(pieces, fc.nat(), fc.nat(), fc.boolean(), (points, x, y, crlf) => {
        const t = points.join('');
        const starts = [0];
        for (const p of points) starts.push(starts[starts.length - 1]! + p.length);
        const i = x % points.length;
        const j = i + 1 + (y % (points.length - i));
        const [start, end] = [starts[i]!, starts[j]!];
        const doc = normalizedText(t, crlf ? '\r\n' : '\n');
        const s = doc.offsets(start);
        const e = doc.offsets(end);
        if (e <= s) return;
        const a = createAnnotation({ id: 'a-prop', text: doc.text, start: s, end: e, codes: ['open-source'], now: new Date(0) });
        const back = importBytes('p.qdpx', exportProject({ name: 'p', codes: CODES, documents: [{ path: 'p.txt', text: doc.text, annotations: [a] }] }, 'qdpx'), { knownCodeIds: KNOWN });
        const got = back.project.documents[0]!;
        const b = got.annotations[0]!;
        assert.strictEqual(got.text.slice(b.target.position.start, b.target.position.end), lf(doc.text.slice(s, e)));
      }),
      { seed: 11_2026, numRuns: 300 },
    );
  });

  itWithShared([PROJECT_XSD], 'writes a .qde valid against Project.xsd (users, codebook, sources, selections, notes, links)', async () => {
    const qde = qdeOf(exportProject(trickyProject(), 'qdpx'));
    assert.deepStrictEqual(await schemaErrors(qde, PROJECT_XSD), []);
    for (const el of ['<Users>', '<CodeBook>', '<TextSource', '<PlainTextSelection', '<Coding', '<CodeRef', '<NoteRef', '<Note ', '<Link ']) assert.ok(qde.includes(el), el);
  });

  itWithShared([PROJECT_XSD], 'a project without annotations has no empty containers and stays valid', async () => {
    const project: InterchangeProject = { name: 'Empty', codes: [], documents: [{ path: 'a.txt', text: 'x', annotations: [] }] };
    const { qde } = writeQde(project);
    assert.ok(!/<(Users|Notes|Links|CodeBook)\b/.test(qde), qde);
    assert.deepStrictEqual(await schemaErrors(qde, PROJECT_XSD), []);
  });

  it('puts the exact text the offsets count in sources/<guid>.txt: UTF-8, LF, code points', () => {
    const files = unzipSync(exportProject(trickyProject(), 'qdpx'));
    const qde = strFromU8(files['project.qde']!);
    const m = /<TextSource guid="([0-9A-F-]+)" name="plans\/tricky.policy.txt" plainTextPath="internal:\/\/\1.txt">/.exec(qde);
    assert.ok(m, 'the TextSource points at its text');
    const source = strFromU8(files[`sources/${m[1]}.txt`]!);
    assert.strictEqual(source, lf(TRICKY_TEXT));
    const sel = /name="a-astral0001" startPosition="(\d+)" endPosition="(\d+)"/.exec(qde)!;
    assert.strictEqual([...source].slice(Number(sel[1]), Number(sel[2])).join(''), '𪚥 open source');
  });

  it('round trip: export then import gives the same annotations (quote, codes, note, author, dates, links)', () => {
    const project = trickyProject();
    const back = importBytes('x.qdpx', exportProject(project, 'qdpx'), { knownCodeIds: KNOWN });
    assert.deepStrictEqual(back.dataLoss, []);
    for (const doc of project.documents) {
      const got = back.project.documents.find((d) => d.path === doc.path);
      assert.ok(got, doc.path);
      assert.strictEqual(got.text, lf(doc.text));
      assert.strictEqual(got.annotations.length, doc.annotations.length);
      for (const a of doc.annotations) {
        const b: Annotation | undefined = got.annotations.find((x) => x.id === a.id);
        assert.ok(b, a.id);
        assert.strictEqual(b.target.quote.exact, lf(a.target.quote.exact));
        assert.strictEqual(got.text.slice(b.target.position.start, b.target.position.end), lf(a.target.quote.exact));
        assert.deepStrictEqual(b.codes, a.codes);
        assert.strictEqual(b.note, a.note);
        assert.strictEqual(b.author, a.author);
        assert.strictEqual(b.created, a.created);
        assert.strictEqual(b.modified, a.modified);
        assert.deepStrictEqual(b.links, a.links);
      }
    }
    assert.deepStrictEqual(back.project.codes.map((c) => [c.id, c.label, c.parent, c.colour?.toUpperCase()]), CODES.map((c) => [c.id, c.label, c.parent, c.colour?.toUpperCase()]));
  });

  it('GUIDs are stable: exporting twice gives the same bytes', () => {
    const a = exportProject(trickyProject(), 'qdpx');
    const b = exportProject(trickyProject(), 'qdpx');
    assert.deepStrictEqual(Buffer.from(a), Buffer.from(b));
    const guids = qdeOf(a).match(/guid="[^"]+"/g)!;
    assert.strictEqual(new Set(guids).size, guids.length, 'no GUID used twice');
  });

  itWithShared([ATLAS_QDE], 'imports the ATLAS.ti 8.4 export: codes imported, absent sources and non-text sources reported', () => {
    const r = importBytes('atlas-ti-8.4-export.qde', fs.readFileSync(ATLAS_QDE));
    assert.strictEqual(r.project.codes.length, 14);
    assert.strictEqual(r.project.documents.length, 0);
    const coke = r.project.codes.find((c) => c.label === 'Coke')!;
    assert.strictEqual(r.project.codes.find((c) => c.label === 'Coke::diet Coke')?.parent, coke.id, "ATLAS.ti's Parent::Child names become a hierarchy");
    assert.strictEqual(r.project.codes.find((c) => c.label === 'Feelings')?.description, 'thoughts about breakfast foods');
    const kinds = new Set(r.dataLoss.map((d) => d.kind));
    for (const k of ['TextSource', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource', 'Sets', 'Graphs', 'Note']) assert.ok(kinds.has(k), k);
    assert.ok(r.dataLoss.some((d) => d.kind === 'TextSource' && d.where === 'Simon.docx' && /not in the file: its 3 selection/.test(d.reason)));
  });

  describe('projects written the way other tools write them', () => {
    const text = 'First line 😀\r\nSecond line with the passage\r\nThird line';
    const exact = 'the passage';
    /** Where the passage starts in code points, counting CRLF as one or as two. */
    const cpStart = (crlfAs: 1 | 2): number => {
      const counted = crlfAs === 1 ? text.replace(/\r\n/g, '\n') : text;
      return [...counted.slice(0, counted.indexOf(exact))].length;
    };
    const qde = (start: number, opts: { inline?: boolean; name?: string } = {}): string => `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Other tool" origin="Some QDA 2024">
  <Users><User guid="11111111-2222-3333-4444-555555555555" name="Dana"/></Users>
  <CodeBook><Codes><Code guid="AAAAAAAA-2222-3333-4444-555555555555" name="Passages" isCodable="true" color="#00FF00"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="BBBBBBBB-2222-3333-4444-555555555555" name="Interview 1"${opts.inline ? '' : ' plainTextPath="internal://BBBBBBBB-2222-3333-4444-555555555555.txt"'}>${opts.inline ? `<PlainTextContent>${text.replace(/\r/g, '&#13;')}</PlainTextContent>` : ''}
      <PlainTextSelection guid="CCCCCCCC-2222-3333-4444-555555555555"${opts.name ? ` name="${opts.name}"` : ''} startPosition="${start}" endPosition="${start + [...exact].length}" creatingUser="11111111-2222-3333-4444-555555555555" creationDateTime="2024-05-01T10:00:00Z">
        <Description>a memo</Description>
        <Coding guid="DDDDDDDD-2222-3333-4444-555555555555"><CodeRef targetGUID="aaaaaaaa-2222-3333-4444-555555555555"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
    const check = (bytes: Uint8Array, file = 'study.qdpx'): void => {
      const r = importBytes(file, bytes);
      assert.deepStrictEqual(r.dataLoss, []);
      const doc = r.project.documents[0]!;
      assert.strictEqual(doc.path, 'Interview 1.txt');
      const a = doc.annotations[0]!;
      assert.strictEqual(a.target.quote.exact, exact);
      assert.strictEqual(doc.text.slice(a.target.position.start, a.target.position.end), exact);
      assert.deepStrictEqual(a.codes, ['passages']);
      assert.strictEqual(a.note, 'a memo');
      assert.strictEqual(a.author, 'Dana');
      assert.strictEqual(a.created, '2024-05-01T10:00:00Z');
    };
    const bom = (s: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(s)]);

    it('any *.qde name, Sources/ in capitals, a BOM, CRLF counted as two', () => {
      check(zipLike('My Study Project.qde', qde(cpStart(2)), { 'Sources/BBBBBBBB-2222-3333-4444-555555555555.txt': bom(text) }));
    });

    it('CRLF counted as one (detected from the selection name, as ATLAS.ti writes it)', () => {
      check(zipLike('Study.qde', qde(cpStart(1), { name: 'the passage' }), { 'sources/BBBBBBBB-2222-3333-4444-555555555555.txt': text }));
    });

    it('CRLF counted as one when the file says so (crlf option)', () => {
      const r = importBytes('s.qdpx', zipLike('s.qde', qde(cpStart(1)), { 'sources/BBBBBBBB-2222-3333-4444-555555555555.txt': text }), { crlf: 1 });
      assert.strictEqual(r.project.documents[0]!.annotations[0]!.target.quote.exact, exact);
    });

    it('a source given as PlainTextContent in a bare .qde', () => {
      check(strToU8(qde(cpStart(2), { inline: true })), 'Exported by another tool.qde');
    });
  });

  itWithShared([CODEBOOK_XSD], '.qdc: valid against Codebook.xsd, hierarchy and colours kept both ways', async () => {
    const qdc = exportQdc(CODES);
    assert.deepStrictEqual(await schemaErrors(qdc, CODEBOOK_XSD), []);
    assert.match(qdc, /color="#6AB7F7"/);
    const back = importQdc(qdc, { knownCodeIds: KNOWN });
    assert.deepStrictEqual(back.project.codes.map((c) => [c.id, c.label, c.parent ?? null, c.description ?? null]), CODES.map((c) => [c.id, c.label, c.parent ?? null, c.description ?? null]));
  });

  it('a file that is no REFI-QDA project gets a clear error', () => {
    assert.throws(() => importBytes('x.qdpx', strToU8('not a zip')), /not a readable \.qdpx/);
    assert.throws(() => importBytes('x.qdpx', zipLike('readme.txt', 'hi', {})), /no \*\.qde project file/);
    assert.throws(() => importBytes('x.qde', strToU8('<Other/>')), /no <Project> element/);
  });
});
