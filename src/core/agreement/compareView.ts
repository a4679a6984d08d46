import type { AgreementReport } from './agreement';

/**
 * What the editor's *Compare Coders…* shows, kept here so it runs (and is tested) without the editor: the
 * table as Markdown, and the disagreements in document order to step through one by one.
 */

export interface Disagreement {
  readonly code: string;
  readonly start: number;
  readonly end: number;
  /** Who applied the code there (the other did not). */
  readonly coder: 'A' | 'B';
}

/** Every disagreement of every code, in document order (then by code). */
export function disagreementList(report: AgreementReport): Disagreement[] {
  return report.codes
    .flatMap((c) => c.disagreements.map((d) => ({ code: c.code, start: d.start, end: d.end, coder: d.coder })))
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The next disagreement after `offset` (or the one before it, `direction` -1), wrapping around the document;
 * undefined when there is none.
 */
export function stepDisagreement(list: readonly Disagreement[], offset: number, direction: 1 | -1): Disagreement | undefined {
  if (list.length === 0) return undefined;
  if (direction === 1) return list.find((d) => d.start > offset) ?? list[0];
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.start < offset) return list[i];
  return list[list.length - 1];
}

const cell = (x: number | undefined, digits: number, suffix = ''): string => (x === undefined ? 'undefined' : `${x.toFixed(digits)}${suffix}`);
const escape = (s: string): string => s.replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`);

/** The agreement table as Markdown (names and codes escaped: they come from files). */
export function agreementMarkdown(report: AgreementReport, names: readonly [string, string]): string {
  const [a, b] = names.map(escape) as [string, string];
  const rows = report.codes.map(
    (c) => `| ${escape(c.code)} | ${cell(c.percentAgreement, 2, '%')} | ${cell(c.kappa, 3)} | ${cell(c.alphaU, 3)} | ${c.charactersA} | ${c.charactersB} | ${c.charactersBoth} | ${c.disagreements.length} |`,
  );
  const o = report.overall;
  return [
    `| code | % agreement | κ | αu | ${a} (chars) | ${b} (chars) | both | disagreements |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **overall** (${o.codesCompared} codes) | ${cell(o.percentAgreement, 2, '%')} | ${cell(o.kappa, 3)} | ${cell(o.alphaU, 3)} | | | | |`,
  ].join('\n');
}
