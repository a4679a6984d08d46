import type { AgreementReport } from '../../core/agreement/agreement';
import { escapeXml as escapeHtml } from '../../core/charts/svgText';
import { webviewHead } from '../webviewHead';

/**
 * The Compare Coders page: the agreement table as static HTML (no script at all), under a CSP that allows
 * nothing but the one inline style block, by nonce. Names, codes and paths come from files: all escaped.
 * Kept free of `vscode` so it is tested in plain Node.
 */

const cell = (x: number | undefined, digits: number, suffix = ''): string => (x === undefined ? '<span class="undef">undefined</span>' : `${x.toFixed(digits)}${suffix}`);

export interface AgreementPage {
  readonly document: string;
  readonly coders: readonly [string, string];
  readonly report: AgreementReport;
  /** Annotations of either coder that are orphaned (left out of the comparison). */
  readonly orphaned: number;
  readonly nonce: string;
  /** Keys that step through the disagreements, for the hint under the table. */
  readonly stepHint: string;
}

export function agreementHtml(p: AgreementPage): string {
  const [a, b] = p.coders.map(escapeHtml) as [string, string];
  const rows = p.report.codes.map(
    (c) =>
      `<tr><th scope="row">${escapeHtml(c.code)}</th><td>${cell(c.percentAgreement, 2, '%')}</td><td>${cell(c.kappa, 3)}</td><td>${cell(c.alphaU, 3)}</td><td>${c.charactersA}</td><td>${c.charactersB}</td><td>${c.charactersBoth}</td><td>${c.disagreements.length}</td></tr>`,
  );
  const o = p.report.overall;
  const disagreements = p.report.codes.reduce((n, c) => n + c.disagreements.length, 0);
  const orphans = p.orphaned ? `<p>${p.orphaned} orphaned annotation${p.orphaned === 1 ? ' is' : 's are'} left out (re-attach ${p.orphaned === 1 ? 'it' : 'them'} to compare).</p>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
${webviewHead({ title: 'Compare Coders', allow: [`style-src 'nonce-${p.nonce}'`] })}
<style nonce="${p.nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid var(--vscode-panel-border, currentColor); padding: 0.25em 0.6em; }
td { text-align: right; font-variant-numeric: tabular-nums; }
th[scope="row"] { text-align: left; font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; }
.undef { color: var(--vscode-descriptionForeground); font-style: italic; }
</style>
</head>
<body>
<h1>Compare Coders: ${a} and ${b}</h1>
<p>${escapeHtml(p.document)} — ${p.report.length} characters, ${p.report.overall.codesCompared} code${p.report.overall.codesCompared === 1 ? '' : 's'} compared, ${disagreements} disagreement${disagreements === 1 ? '' : 's'}.</p>
${orphans}<table>
<caption>Agreement per code: percent agreement and Cohen's κ per character, Krippendorff's unitized α (αu)</caption>
<thead><tr><th scope="col">code</th><th scope="col">% agreement</th><th scope="col">κ</th><th scope="col">αu</th><th scope="col">${a} (chars)</th><th scope="col">${b} (chars)</th><th scope="col">both</th><th scope="col">disagreements</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row">overall (${o.codesCompared} codes)</th><td>${cell(o.percentAgreement, 2, '%')}</td><td>${cell(o.kappa, 3)}</td><td>${cell(o.alphaU, 3)}</td><td></td><td></td><td></td><td>${disagreements}</td></tr></tfoot>
</table>
<p>"undefined": nothing to compare (neither coder used the code). ${escapeHtml(p.stepHint)}</p>
</body>
</html>`;
}
