/**
 * Cohen's κ (Cohen 1960) from a square contingency table: `table[r][c]` counts the items coder one put in
 * category r and coder two in c. Undefined when chance agreement is already total (1 − Pe = 0), e.g. when
 * both coders put every item in one category: there is nothing to compare, and 1.0 would claim agreement.
 */
export interface KappaResult {
  /** Observed agreement Po, 0..1. */
  readonly observed: number;
  /** Chance agreement Pe from the coders' marginals, 0..1. */
  readonly expected: number;
  readonly kappa: number | undefined;
}

export function cohenKappa(table: readonly (readonly number[])[]): KappaResult {
  const k = table.length;
  let n = 0;
  let agree = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const x = table[r]![c]!;
      n += x;
      rows[r]! += x;
      cols[c]! += x;
      if (r === c) agree += x;
    }
  }
  if (n === 0) return { observed: NaN, expected: NaN, kappa: undefined };
  const observed = agree / n;
  let expected = 0;
  for (let i = 0; i < k; i++) expected += (rows[i]! / n) * (cols[i]! / n);
  const kappa = 1 - expected <= 1e-12 ? undefined : (observed - expected) / (1 - expected);
  return { observed, expected, kappa };
}

/**
 * κ per character, as NVivo's coding comparison computes it for one code and one document: every character
 * is an item, coded or not by each coder. `both`, `onlyA`, `onlyB` are character counts; `length` the document's.
 */
export function characterKappa(length: number, both: number, onlyA: number, onlyB: number): KappaResult {
  const neither = length - both - onlyA - onlyB;
  return cohenKappa([
    [both, onlyA],
    [onlyB, neither],
  ]);
}
