import * as assert from 'assert';
import { parsePositionLiteral, positionShapeProblem } from '../../src/core/text/positionLiteral';
import { LineIndex } from '../../src/core/text/lineIndex';

const lines = new LineIndex('first\nsecond line\n');

describe('positions typed by a user (LINE:CHAR)', () => {
  it('accepts positions inside the document, line end included', () => {
    assert.deepStrictEqual(parsePositionLiteral('1:3', lines), { ok: true, position: { line: 1, character: 3 }, offset: 9 });
    assert.deepStrictEqual(parsePositionLiteral('1:11', lines), { ok: true, position: { line: 1, character: 11 }, offset: 17 });
    assert.deepStrictEqual(parsePositionLiteral('2:0', lines), { ok: true, position: { line: 2, character: 0 }, offset: 18 });
    assert.deepStrictEqual(parsePositionLiteral('007:0', new LineIndex('\n'.repeat(9))), { ok: true, position: { line: 7, character: 0 }, offset: 7 });
  });

  it('a negative line is a position error, not an unknown option (-1:0)', () => {
    assert.strictEqual(positionShapeProblem('-1:0'), 'position -1:0: line must be ≥ 0');
    assert.strictEqual(positionShapeProblem('0:-4'), 'position 0:-4: character must be ≥ 0');
  });

  it('a huge line number is quoted as typed, never as 1e+23', () => {
    const r = parsePositionLiteral('100000000000000000000000:0', lines);
    assert.deepStrictEqual(r, { ok: false, message: 'position 100000000000000000000000:0: line 100000000000000000000000 is past the end (the document has 3 lines, 0-2)' });
    const c = parsePositionLiteral('0:99999999999999999999', lines);
    assert.ok(!c.ok && c.message === 'position 0:99999999999999999999: character 99999999999999999999 is past the end of line 0 (5 characters)', JSON.stringify(c));
  });

  it('digits only: no decimals, exponents, signs or spaces', () => {
    for (const bad of ['1.5:0', '1e3:0', '+1:0', ' 1:0', '1:0 ', '1', '1:', ':1', '0x1:0', '١:٠']) {
      assert.strictEqual(positionShapeProblem(bad), `expected a position LINE:CHAR (0-based), got '${bad}'`, bad);
    }
  });

  it('past the end of the document or of the line', () => {
    assert.deepStrictEqual(parsePositionLiteral('3:0', lines), { ok: false, message: 'position 3:0: line 3 is past the end (the document has 3 lines, 0-2)' });
    assert.deepStrictEqual(parsePositionLiteral('0:6', lines), { ok: false, message: 'position 0:6: character 6 is past the end of line 0 (5 characters)' });
  });
});
