import { max } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { chrome, type ChartPart, type ColourClasses, type RenderOptions } from './svgDocument';
import { el, escapeXml, formatNumber, textWidth, truncate } from './svgText';

export interface MatrixSpec {
  readonly chart: string;
  readonly title: string;
  readonly desc: string;
  readonly labels: readonly string[];
  /** Symmetric counts, labels × labels. */
  readonly counts: readonly (readonly number[])[];
  /** A cell in words (aria label and tooltip). */
  describe(i: number, j: number): string;
  readonly emptyText: string;
}

const WIDTH = 760;
const HEADING = 26;
const CELL = 30;
const LABEL_CHARS = 28;

/**
 * A heat map of code pairs: the cell's opacity grows with the count (a d3 linear scale) and the count is
 * printed in it, so the number never depends on telling shades apart. Rows and columns are the same codes.
 */
export function matrixChart(spec: MatrixSpec, colours: ColourClasses, o: RenderOptions): ChartPart {
  const n = spec.labels.length;
  const text = { class: 'pl-text', fill: chrome(colours, 'text') };
  let body = el('text', { ...text, class: 'pl-text pl-heading', x: 0, y: 16, 'font-size': 14, 'font-weight': 'bold' }, escapeXml(spec.title));
  if (n === 0) {
    body += el('text', { class: 'pl-muted', fill: chrome(colours, 'muted'), x: 0, y: HEADING + 18 }, escapeXml(spec.emptyText));
    return { width: WIDTH, height: HEADING + 30, title: spec.title, desc: spec.desc, body };
  }
  const shown = spec.labels.map((l) => truncate(l, LABEL_CHARS));
  const labelW = Math.max(...shown.map((l) => textWidth(l))) + 10;
  // Column labels are written at -45°: they need about 0.71 of their length upwards.
  const top = HEADING + Math.ceil(labelW * 0.71) + 8;
  const band = scaleBand<number>()
    .domain(spec.labels.map((_, i) => i))
    .range([0, n * CELL]);
  const peak = max(spec.counts.flat()) ?? 0;
  const opacity = scaleLinear().domain([0, peak || 1]).range([0.08, 0.9]);
  let labels = '';
  spec.labels.forEach((label, i) => {
    const tip = shown[i] !== label ? el('title', {}, escapeXml(label)) : '';
    labels += el('text', { ...text, x: labelW - 6, y: top + band(i)! + CELL / 2 + 4, 'text-anchor': 'end' }, escapeXml(shown[i]!) + tip);
    const cx = labelW + band(i)! + CELL / 2;
    labels += el('text', { ...text, x: cx, y: top - 6, transform: `rotate(-45 ${Math.round(cx)} ${top - 6})` }, escapeXml(shown[i]!) + tip);
  });
  body += labels;
  let cells = '';
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const count = spec.counts[i]![j]!;
      const x = labelW + band(j)!;
      const y = top + band(i)!;
      const focusable = o.interactive && count > 0;
      const what = spec.describe(i, j);
      cells += el(
        'rect',
        {
          class: i === j ? 'pl-cellbox pl-cell pl-diagonal' : 'pl-cellbox pl-cell',
          fill: chrome(colours, 'cell'),
          'fill-opacity': count > 0 ? Math.round(opacity(count) * 100) / 100 : 0,
          stroke: chrome(colours, 'grid'),
          x,
          y,
          width: CELL,
          height: CELL,
          tabindex: focusable ? 0 : undefined,
          role: focusable ? 'button' : undefined,
          'aria-label': focusable ? what : undefined,
          'data-chart': o.interactive ? spec.chart : undefined,
          'data-a': o.interactive ? String(i) : undefined,
          'data-b': o.interactive ? String(j) : undefined,
        },
        el('title', {}, escapeXml(what)),
      );
      if (count > 0) {
        // The number keeps a halo in the background colour: readable on any shade of cell, in every scheme.
        cells += el(
          'text',
          { class: 'pl-text pl-halo', fill: chrome(colours, 'text'), stroke: chrome(colours, 'background'), 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round', x: x + CELL / 2, y: y + CELL / 2 + 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 'bold', 'aria-hidden': 'true' },
          escapeXml(formatNumber(count)),
        );
      }
    }
  }
  body += cells;
  const width = Math.max(WIDTH, labelW + n * CELL + 20);
  return { width, height: top + n * CELL + 4, title: spec.title, desc: spec.desc, body };
}
