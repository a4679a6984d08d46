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

const HEADINGS: Record<ChartId, string> = { themes: 'Theme frequencies per plan', codes: 'Codes per document', cooccurrence: 'Code co-occurrence' };

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
  const plans = c?.data.frequencies.plans ?? [];
  const summary = !c
    ? 'Reading the workspace…'
    : `${formatNumber(c.documents)} document${c.documents === 1 ? '' : 's'} read${c.truncated ? ' (the first ones only)' : ''}; ${plans.length ? `plans: ${plans.map((p) => p.shortTitle).join(', ')}` : 'no known plan'}.`;
  const sections = c
    ? CHART_IDS.map((id) => {
        const table = chartTable(c.data, id);
        return `<section class="chart-section" aria-labelledby="h-${id}">
<h2 id="h-${id}">${esc(HEADINGS[id])}</h2>
<div class="chart">${renderChart(c.data, id, scheme)}</div>
${table ? `<details><summary>The numbers as a table</summary>${table}</details>` : ''}
</section>`;
      }).join('\n')
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
${webviewHead({ title: 'Compare Plans', allow: [`img-src ${a.cspSource}`, `style-src ${a.cspSource}`, `script-src 'nonce-${a.nonce}'`] })}
<link rel="stylesheet" href="${esc(a.style.toString())}">
</head>
<body${a.testHooks ? ' data-test-hooks="1"' : ''}>
<header>
<h1>Compare Plans</h1>
<p id="summary">${esc(summary)}</p>
<p class="hint">Click a bar, a cell or a number — or focus it with Tab and press Enter or Space — to list its passages.</p>
<button type="button" id="refresh">Refresh</button>
</header>
<main>
${sections}
<section id="passages" class="passages" aria-labelledby="h-passages" tabindex="-1">
<h2 id="h-passages">Passages</h2>
<p id="passages-title" aria-live="polite">Nothing chosen yet.</p>
<ol id="passages-list"></ol>
</section>
</main>
<script nonce="${a.nonce}" src="${esc(a.script.toString())}"></script>
</body>
</html>`;
}
