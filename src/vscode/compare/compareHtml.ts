import * as vscode from 'vscode';
import { chartTable } from '../../core/charts/chartTables';
import { CHART_IDS, renderChart, type ChartId } from '../../core/charts/compareCharts';
import type { ColourScheme } from '../../core/charts/palette';
import { escapeXml as esc, formatNumber } from '../../core/charts/svgText';
import { webviewHead } from '../webviewHead';
import type { WorkspaceComparison } from './compareWorkspace';

/** The editor's colour theme kind as the charts' scheme (the bars' colours are the theme palette's for it). */
export function schemeOf(kind: vscode.ColorThemeKind): ColourScheme {
  switch (kind) {
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'light';
  }
}

/** A fresh nonce for the page's one script (Web Crypto: in the desktop and the web extension host alike). */
export function newNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const HEADINGS = (): Record<ChartId, string> => ({ themes: vscode.l10n.t('Theme frequencies per plan'), codes: vscode.l10n.t('Codes per document'), cooccurrence: vscode.l10n.t('Code co-occurrence') });

export interface PageAssets {
  readonly cspSource: string;
  readonly script: vscode.Uri;
  readonly style: vscode.Uri;
  readonly nonce: string;
  /** Lets the extension-host test press keys on the charts (ExtensionMode.Test only). */
  readonly testHooks: boolean;
}

/**
 * The page: a strict Content-Security-Policy (nothing by default; the extension's style sheet and the one
 * script with this page's nonce; no inline styles or handlers), the three charts, each with its numbers as a
 * table, and a list for the passages behind what is activated. All text in it is escaped.
 */
export function compareHtml(c: WorkspaceComparison | undefined, scheme: ColourScheme, a: PageAssets): string {
  const summary = c ? readSummary(c) : vscode.l10n.t('Reading the workspace…');
  const headings = HEADINGS();
  const sections = c
    ? CHART_IDS.map((id) => {
        const table = chartTable(c.data, id);
        return `<section class="chart-section" aria-labelledby="h-${id}">
<h2 id="h-${id}">${esc(headings[id])}</h2>
<div class="chart">${renderChart(c.data, id, scheme)}</div>
${table ? `<details><summary>${esc(vscode.l10n.t('The numbers as a table'))}</summary>${table}</details>` : ''}
</section>`;
      }).join('\n')
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
${webviewHead({ title: vscode.l10n.t('Compare Plans'), allow: [`img-src ${a.cspSource}`, `style-src ${a.cspSource}`, `script-src 'nonce-${a.nonce}'`] })}
<link rel="stylesheet" href="${esc(a.style.toString())}">
</head>
<body${a.testHooks ? ' data-test-hooks="1"' : ''}>
<header>
<h1>${esc(vscode.l10n.t('Compare Plans'))}</h1>
<p id="summary">${esc(summary)}</p>
<p class="hint">${esc(vscode.l10n.t('Click a bar, a cell or a number — or focus it with Tab and press Enter or Space — to list its passages.'))}</p>
<button type="button" id="refresh">${esc(vscode.l10n.t('Refresh'))}</button>
</header>
<main>
${sections}
<section id="passages" class="passages" aria-labelledby="h-passages" tabindex="-1">
<h2 id="h-passages">${esc(vscode.l10n.t('Passages'))}</h2>
<p id="passages-title" aria-live="polite">${esc(vscode.l10n.t('Nothing chosen yet.'))}</p>
<ol id="passages-list"></ol>
</section>
</main>
<script nonce="${a.nonce}" src="${esc(a.script.toString())}"></script>
</body>
</html>`;
}

/** How much was read: documents, whether only the first ones, the plans found. */
function readSummary(c: WorkspaceComparison): string {
  const plans = c.data.frequencies.plans;
  const read = c.documents === 1 ? vscode.l10n.t('{0} document read', formatNumber(c.documents)) : vscode.l10n.t('{0} documents read', formatNumber(c.documents));
  const first = c.truncated ? ` ${vscode.l10n.t('(the first ones only)')}` : '';
  const known = plans.length ? vscode.l10n.t('plans: {0}', plans.map((p) => p.shortTitle).join(', ')) : vscode.l10n.t('no known plan');
  return `${read}${first}; ${known}.`;
}
