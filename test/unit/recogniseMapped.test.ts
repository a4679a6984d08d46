import * as assert from 'assert';
import { readFileSync } from 'fs';
import type { KnowledgePack } from '../../src/core/data/model';
import { mapPosition, mapRecognition, type TextChange } from '../../src/core/recognition/mapRecognition';
import { recognise, type Recognition } from '../../src/core/recognition/recognise';
import { LineIndex } from '../../src/core/text/lineIndex';
import { bundledPack } from '../packFixture';
import { SAMPLE_US } from '../paths';

/** Applies edits in order, each range read in the text as the previous edits left it (as VS Code reports them). */
function apply(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of changes) {
    const lines = new LineIndex(out);
    out = out.slice(0, lines.offsetAt(c.range.start)) + c.text + out.slice(lines.offsetAt(c.range.end));
  }
  return out;
}

const shape = (r: Recognition): unknown => r.provisions.map((p) => [p.provision.id, p.range, p.headingRange]);

describe('recognition carried through edits while typing (issue 13)', function () {
  this.timeout(60_000);
  let pack: KnowledgePack;
  let text: string;
  let base: Recognition;
  before(async () => {
    pack = await bundledPack();
    text = readFileSync(SAMPLE_US, 'utf8');
    base = recognise(text, pack, { markdown: true });
  });

  it('typing inside paragraphs (words, new lines, deletions) moves every provision as a fresh recognition would place it', () => {
    const section = base.provisions.find((p) => p.provision.id === 'us-1.3')!;
    const bodyLine = section.headingRange.end.line + 2;
    const changes: TextChange[] = [];
    // Fifty keystrokes in one paragraph, then a new line of text, then a deletion of three characters.
    for (let i = 0; i < 50; i++) changes.push({ range: { start: { line: bodyLine, character: 5 + i }, end: { line: bodyLine, character: 5 + i } }, text: 'x' });
    changes.push({ range: { start: { line: bodyLine, character: 0 }, end: { line: bodyLine, character: 0 } }, text: 'A new sentence of the analyst.\n' });
    changes.push({ range: { start: { line: bodyLine + 1, character: 2 }, end: { line: bodyLine + 1, character: 5 } }, text: '' });
    const edited = apply(text, changes);
    const mapped = mapRecognition(base, changes, new LineIndex(edited));
    const fresh = recognise(edited, pack, { markdown: true });
    assert.deepStrictEqual(shape(mapped), shape(fresh));
    assert.strictEqual(mapped.lines.text, edited);
    assert.strictEqual(mapped.plan, base.plan);
  });

  it('builds the line index of the edited text only when it is read, once', () => {
    let built = 0;
    const mapped = mapRecognition(base, [], () => (built++, new LineIndex(text)));
    assert.strictEqual(mapped.provisions.length, base.provisions.length);
    assert.strictEqual(built, 0, 'not built for the provisions alone (the status bar)');
    assert.strictEqual(mapped.lines.lineCount, base.lines.lineCount);
    assert.strictEqual(mapped.lines.text, text);
    assert.strictEqual(built, 1);
  });

  it('maps positions before, inside and after an edit', () => {
    const change: TextChange = { range: { start: { line: 2, character: 4 }, end: { line: 3, character: 1 } }, text: 'ab\ncde' };
    assert.deepStrictEqual(mapPosition({ line: 1, character: 9 }, change, 'end'), { line: 1, character: 9 });
    assert.deepStrictEqual(mapPosition({ line: 2, character: 6 }, change, 'start'), { line: 2, character: 4 });
    assert.deepStrictEqual(mapPosition({ line: 2, character: 6 }, change, 'end'), { line: 3, character: 3 });
    assert.deepStrictEqual(mapPosition({ line: 3, character: 5 }, change, 'start'), { line: 3, character: 7 });
    assert.deepStrictEqual(mapPosition({ line: 7, character: 5 }, change, 'start'), { line: 7, character: 5 });
    const insertion: TextChange = { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'z' };
    assert.deepStrictEqual(mapPosition({ line: 4, character: 0 }, insertion, 'start'), { line: 4, character: 0 }, 'a start stays before text typed at it');
    assert.deepStrictEqual(mapPosition({ line: 4, character: 0 }, insertion, 'end'), { line: 4, character: 1 }, 'an end grows with text typed at it');
  });
});
