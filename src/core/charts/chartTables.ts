import type { ChartId, CompareData } from './compareCharts';
import { escapeXml as esc, formatNumber } from './svgText';

/**
 * The numbers behind each chart as an HTML table (the webview shows both): header cells with scope, a
 * caption, and every non-zero number a button that lists its passages like the bar or cell it stands for.
 */
export function chartTable(d: CompareData, chart: ChartId): string {
  if (chart === 'themes') return themesTable(d);
  if (chart === 'codes') return codesTable(d);
  return cooccurrenceTable(d);
}

function button(chart: ChartId, a: string, b: string, value: number, text: string, label: string): string {
  if (value === 0) return esc(text);
  return `<button type="button" class="pl-number" data-chart="${chart}" data-a="${esc(a)}" data-b="${esc(b)}" aria-label="${esc(label)}">${esc(text)}</button>`;
}

function themesTable(d: CompareData): string {
  const { plans } = d.frequencies;
  if (!plans.length) return '';
  const head = `<tr><th scope="col" rowspan="2">Theme</th>${plans.map((p) => `<th scope="colgroup" colspan="2">${esc(p.shortTitle)} (${esc(formatNumber(p.words))} words)</th>`).join('')}</tr>`;
  const sub = `<tr>${plans.map(() => '<th scope="col">count</th><th scope="col">per 1,000 words</th>').join('')}</tr>`;
  const rows = (plans[0]?.themes ?? []).map((th, k) => {
    const cells = plans.map((p) => {
      const t = p.themes[k]!;
      return `<td>${button('themes', p.plan, t.theme, t.count, formatNumber(t.count), `${th.label}, ${p.shortTitle}: list ${t.count} phrases`)}</td><td>${esc(formatNumber(t.per1000))}</td>`;
    });
    return `<tr><th scope="row">${esc(th.label)}</th>${cells.join('')}</tr>`;
  });
  return `<table><caption>Themed phrases per plan: counts and per 1,000 words</caption><thead>${head}${sub}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function codesTable(d: CompareData): string {
  const { codes, documents } = d.codes;
  if (!documents.length) return '';
  const head = `<tr><th scope="col">Code</th>${documents.map((doc) => `<th scope="col">${esc(doc.label)}</th>`).join('')}</tr>`;
  const rows = codes.map((c) => {
    const cells = documents.map((doc) => {
      const n = doc.counts.find((x) => x.code === c.id)?.count ?? 0;
      return `<td>${button('codes', doc.document, c.id, n, formatNumber(n), `${doc.label}, ${c.label}: list ${n} annotations`)}</td>`;
    });
    return `<tr><th scope="row">${esc(c.label)}</th>${cells.join('')}</tr>`;
  });
  return `<table><caption>Annotations per code and document</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function cooccurrenceTable(d: CompareData): string {
  const { codes, counts } = d.cooccurrence;
  if (!codes.length) return '';
  const head = `<tr><th scope="col">Code</th>${codes.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}</tr>`;
  const rows = codes.map((c, i) => {
    const cells = codes.map((o, j) => {
      const n = counts[i]![j]!;
      const label = i === j ? `${c.label}: list ${n} annotations` : `${c.label} with ${o.label}: list ${n} overlaps`;
      return `<td>${button('cooccurrence', String(i), String(j), n, formatNumber(n), label)}</td>`;
    });
    return `<tr><th scope="row">${esc(c.label)}</th>${cells.join('')}</tr>`;
  });
  return `<table><caption>Overlapping annotations per pair of codes (diagonal: annotations with the code)</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
