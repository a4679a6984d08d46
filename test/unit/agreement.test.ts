import * as assert from 'assert';
import { compareCoders, type CodedSpan } from '../../src/core/agreement/agreement';
import { alphaU, alphaUParts } from '../../src/core/agreement/alphaU';
import { agreementMarkdown, disagreementList, stepDisagreement } from '../../src/core/agreement/compareView';
import { characterKappa, cohenKappa } from '../../src/core/agreement/kappa';
import { disagreements, mergeOverlaps, type Span } from '../../src/core/agreement/spans';

/**
 * Intercoder agreement against published worked examples. The inputs and expected values are the ones the
 * DKPro statistics library's tests cite (github.com/dkpro/dkpro-statistics, dkpro-statistics-agreement
 * src/test: unitizing/Krippendorff1995Test, unitizing/Krippendorff2004Test, unitizing/UnitizingAgreementTest,
 * coding/Cohen1960Test), taken from:
 * - Krippendorff, K.: Content Analysis: An Introduction to Its Methodology, 2nd ed., Sage, 2004, p. 254;
 * - Krippendorff, K.: On the reliability of unitizing contiguous data. Sociological Methodology 25:47–76, 1995, p. 57;
 * - Cohen, J.: A coefficient of agreement for nominal scales. Educational and Psychological Measurement 20(1):37–46, 1960.
 */

const span = (start: number, length: number, code: string): CodedSpan => ({ start, end: start + length, codes: [code] });
const only = (spans: readonly CodedSpan[], code: string): Span[] => spans.filter((s) => s.codes.includes(code));
const close = (actual: number | undefined, expected: number, tolerance: number, what: string): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ${expected} ± ${tolerance}`);
};

describe('agreement: Krippendorff (2004, p. 254) unitizing example', () => {
  // The continuum is [150, 450): offsets shifted by −150 to start at 0.
  const B = 150;
  const coderI = [span(225 - B, 70, 'c'), span(370 - B, 30, 'c'), span(180 - B, 60, 'k'), span(300 - B, 50, 'k')];
  const coderJ = [span(220 - B, 80, 'c'), span(355 - B, 20, 'c'), span(400 - B, 20, 'c'), span(180 - B, 60, 'k'), span(300 - B, 50, 'k')];

  it('gives the published per-category disagreements and αu', () => {
    const c = alphaUParts(only(coderI, 'c'), only(coderJ, 'c'), 300);
    close(c.observed, 0.0144, 0.0001, 'D_o(c)');
    close(c.expected, 0.0532, 0.0001, 'D_e(c)');
    close(alphaU(c), 0.7286, 0.0001, 'αu(c)');
    const k = alphaUParts(only(coderI, 'k'), only(coderJ, 'k'), 300);
    close(k.observed, 0, 0.0001, 'D_o(k)');
    close(k.expected, 0.049, 0.0001, 'D_e(k)');
    close(alphaU(k), 1, 0.0001, 'αu(k)');
  });

  it('gives the published αu over both categories (0.8591)', () => {
    const report = compareCoders(300, coderI, coderJ);
    assert.deepStrictEqual(report.codes.map((r) => r.code), ['c', 'k']);
    close(report.overall.alphaU, 0.8591, 0.0005, 'αu');
    close(report.codes[0]!.alphaU, 0.7286, 0.0001, 'αu(c) in the report');
  });
});

describe('agreement: Krippendorff (1995, p. 57) unitizing examples A–D', () => {
  // Four pairs of coders on a continuum of 24 (Bertha/Bill, John/Jill, Gerret/Gill, Heather/Hill), each pair
  // one category; stretched by a factor to test the expected disagreement at large lengths.
  function example(stretch: number): { a: CodedSpan[]; b: CodedSpan[]; length: number } {
    const u = (start: number, length: number, code: string) => span(Math.trunc(start * stretch), Math.trunc(length * stretch), code);
    const a = [u(2, 8, 'A'), u(14, 6, 'A'), u(0, 18, 'B'), u(2, 6, 'C'), u(10, 2, 'C'), u(14, 4, 'C'), u(20, 2, 'C'), u(0, 2, 'D'), u(2, 8, 'D'), u(10, 4, 'D'), u(14, 6, 'D'), u(20, 4, 'D')];
    const b = [u(4, 4, 'A'), u(15, 2, 'A'), u(0, 2, 'B'), u(2, 1, 'B'), u(3, 1, 'B'), u(4, 1, 'B'), u(5, 1, 'B'), u(6, 3, 'B'), u(9, 1, 'B'), u(0, 2, 'C'), u(4, 4, 'C'), u(10, 4, 'C'), u(16, 2, 'C'), u(20, 2, 'C'), u(0, 4, 'D'), u(4, 4, 'D'), u(8, 7, 'D'), u(15, 2, 'D'), u(17, 7, 'D')];
    return { a, b, length: 24 * stretch };
  }

  it('gives the published observed disagreements (length 24)', () => {
    const { a, b, length } = example(1);
    const published: [string, number][] = [['A', 0.03125], ['B', 2.26736], ['C', 0.02777], ['D', 0.38715]];
    for (const [code, d] of published) close(alphaUParts(only(a, code), only(b, code), length).observed, d, 0.00001, `D_o(${code})`);
  });

  it('gives the published expected disagreement of C at lengths 12 and 120', () => {
    const published: [number, number, number, number][] = [[0.5, 0.05494, 0.00001, 0.494], [5, 0.08234, 0.005, 0.663]];
    for (const [stretch, de, tolerance, alpha] of published) {
      const { a, b, length } = example(stretch);
      const c = alphaUParts(only(a, 'C'), only(b, 'C'), length);
      close(c.observed, 0.02777, 0.00001, `D_o(C) at length ${length}`);
      close(c.expected, de, tolerance, `D_e(C) at length ${length}`);
      close(alphaU(c), alpha, 0.02, `αu(C) at length ${length}`);
    }
  });

  it('gives the published expected disagreements and αu (length 1,200,000)', () => {
    const { a, b, length } = example(50_000);
    const published: [string, number, number][] = [['A', 0.0699, 0.553], ['B', 1.17731, -0.926], ['C', 0.08642, 0.679], ['D', 0.41445, 0.066]];
    for (const [code, de, alpha] of published) {
      const parts = alphaUParts(only(a, code), only(b, code), length);
      close(parts.expected, de, 0.005, `D_e(${code})`);
      close(alphaU(parts), alpha, 0.02, `αu(${code})`);
    }
  });

  it('per character, gives the published Cohen κ of the digitized examples (A 0.385, B 0.385, C 0.314; D undefined)', () => {
    const report = compareCoders(24, example(1).a, example(1).b);
    const kappa = new Map(report.codes.map((r) => [r.code, r.kappa]));
    close(kappa.get('A'), 0.385, 0.001, 'κ(A)');
    close(kappa.get('B'), 0.385, 0.001, 'κ(B)');
    close(kappa.get('C'), 0.314, 0.001, 'κ(C)');
    // D: both coders coded every character: chance agreement is total, κ is undefined (DKPro: InsufficientDataException).
    assert.strictEqual(kappa.get('D'), undefined);
    close(report.codes.find((r) => r.code === 'D')!.percentAgreement, 100, 1e-9, '% agreement(D)');
  });
});

describe('agreement: the DKPro unitizing example (length 10)', () => {
  it('gives D_o 0.9100, D_e 0.5351, αu −0.7003', () => {
    const parts = alphaUParts([{ start: 1, end: 9 }], [{ start: 2, end: 3 }, { start: 4, end: 5 }, { start: 6, end: 7 }], 10);
    close(parts.observed, 0.91, 0.0001, 'D_o');
    close(parts.expected, 0.5351, 0.0001, 'D_e');
    close(alphaU(parts), -0.7003, 0.0001, 'αu');
  });
});

describe('agreement: Cohen (1960) κ examples', () => {
  it('example 1 (p. 37): Po 0.29, Pe 0.35', () => {
    const k = cohenKappa([[25, 12, 3], [13, 2, 15], [12, 16, 2]]);
    close(k.observed, 0.29, 0.01, 'Po');
    close(k.expected, 0.35, 0.01, 'Pe');
  });

  it('example 2 (p. 45): Po 0.70, Pe 0.41, κ 0.492', () => {
    const k = cohenKappa([[88, 14, 18], [10, 40, 10], [2, 6, 12]]);
    close(k.observed, 0.7, 0.01, 'Po');
    close(k.expected, 0.41, 0.01, 'Pe');
    close(k.kappa, 0.492, 0.001, 'κ');
  });
});

describe('agreement: what there is to compare', () => {
  it('is undefined, not 1.0, for a code neither coder used', () => {
    const report = compareCoders(1000, [], [], ['sovereignty']);
    const row = report.codes[0]!;
    assert.deepStrictEqual([row.percentAgreement, row.kappa, row.alphaU], [undefined, undefined, undefined]);
    assert.deepStrictEqual([report.overall.percentAgreement, report.overall.kappa, report.overall.alphaU], [undefined, undefined, undefined]);
  });

  it("merges a coder's own overlapping spans of one code (counted once)", () => {
    const merged = compareCoders(100, [span(10, 20, 'x'), span(20, 20, 'x')], [span(10, 30, 'x')]);
    assert.deepStrictEqual([merged.codes[0]!.unitsA, merged.codes[0]!.charactersA], [1, 30]);
    close(merged.codes[0]!.kappa, 1, 1e-12, 'κ');
    close(merged.codes[0]!.alphaU, 1, 1e-12, 'αu');
    assert.deepStrictEqual(mergeOverlaps([{ start: 5, end: 8 }, { start: 0, end: 5 }, { start: 6, end: 7 }]), [{ start: 0, end: 5 }, { start: 5, end: 8 }]);
  });

  it('lists the disagreements: where exactly one coder applied the code', () => {
    assert.deepStrictEqual(disagreements([{ start: 0, end: 10 }], [{ start: 5, end: 15 }]), [{ start: 0, end: 5, coder: 0 }, { start: 10, end: 15, coder: 1 }]);
    const report = compareCoders(100, [span(0, 10, 'x')], [span(50, 10, 'y')]);
    assert.deepStrictEqual(report.codes.map((r) => r.disagreements), [[{ start: 0, end: 10, coder: 'A' }], [{ start: 50, end: 10 + 50, coder: 'B' }]]);
    assert.strictEqual(characterKappa(100, 0, 10, 0).kappa, 0);
  });
});

describe('agreement: the Compare Coders view (core part)', () => {
  const report = compareCoders(200, [span(10, 10, 'x'), span(100, 10, 'y')], [span(15, 10, 'x')], ['unused|code']);

  it('lists the disagreements in document order and steps through them, wrapping around', () => {
    const list = disagreementList(report);
    assert.deepStrictEqual(list.map((d) => [d.code, d.start, d.end, d.coder]), [['x', 10, 15, 'A'], ['x', 20, 25, 'B'], ['y', 100, 110, 'A']]);
    assert.strictEqual(stepDisagreement(list, 10, 1)!.start, 20);
    assert.strictEqual(stepDisagreement(list, 150, 1)!.start, 10);
    assert.strictEqual(stepDisagreement(list, 10, -1)!.start, 100);
    assert.strictEqual(stepDisagreement([], 0, 1), undefined);
  });

  it('renders the table with undefined cells and escaped names', () => {
    const md = agreementMarkdown(report, ['ana', 'b|o']);
    assert.match(md, /\| b\\\|o \(chars\) \|/);
    assert.match(md, /^\| unused\\\|code \| undefined \| undefined \| undefined \|/m);
    assert.match(md, /^\| \*\*overall\*\* \(2 codes\) \|/m);
  });
});
