import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import type { SchemeColours } from './palette';
import { chrome, type ChartPart, type ColourClasses, type RenderOptions } from './svgDocument';
import { el, escapeXml, formatNumber, textWidth, truncate } from './svgText';

export interface Bar {
  /** What the bar is, next to it (a plan, a code). */
  readonly label: string;
  readonly value: number;
  /** Printed at the bar's end. */
  readonly valueText: string;
  /** The whole bar in words (aria label and tooltip): group, series and numbers. */
  readonly description: string;
  readonly colours: SchemeColours;
  /** Sent back by the webview when the bar is activated (data-a, data-b). */
  readonly keys: readonly [string, string];
}

export interface BarGroup {
  readonly label: string;
  readonly bars: readonly Bar[];
}

export interface BarChartSpec {
  readonly chart: string;
  readonly title: string;
  readonly desc: string;
  /** Names the axis (what the bar length measures). */
  readonly axisLabel: string;
  /** Counts: whole-number ticks only. */
  readonly integer?: boolean;
  readonly groups: readonly BarGroup[];
  readonly emptyText: string;
}

const WIDTH = 760;
const HEADING = 26;
const AXIS = 28;
const BAR = 14;
const ROW = 19;
const GROUP_GAP = 9;

/**
 * Grouped horizontal bars: one group per row label (a theme, a document), one bar per series (a plan, a
 * code) in the series' colour, its label before it and its numbers after it, so colour is never the only
 * way to tell bars apart. The bar length is a d3 linear scale with a nice domain and its ticks as grid lines.
 */
export function barChart(spec: BarChartSpec, colours: ColourClasses, o: RenderOptions): ChartPart {
  const bars = spec.groups.flatMap((g) => g.bars);
  const groupW = Math.min(290, Math.max(60, ...spec.groups.map((g) => textWidth(g.label, 12.5)))) + 12;
  const seriesW = Math.min(200, Math.max(30, ...bars.map((b) => textWidth(b.label)))) + 10;
  const valueW = Math.min(160, Math.max(20, ...bars.map((b) => textWidth(b.valueText)))) + 10;
  const x0 = groupW + seriesW;
  const width = Math.max(WIDTH, x0 + valueW + 240);
  const x = scaleLinear()
    .domain([0, max(bars, (b) => b.value) || 1])
    .nice()
    .range([x0, width - valueW]);
  const textAttrs = (cls: 'pl-text' | 'pl-muted') => ({ class: cls, fill: chrome(colours, cls === 'pl-text' ? 'text' : 'muted') });
  let body = el('text', { ...textAttrs('pl-text'), class: 'pl-text pl-heading', x: 0, y: 16, 'font-size': 14, 'font-weight': 'bold' }, escapeXml(spec.title));
  if (bars.length === 0) {
    body += el('text', { ...textAttrs('pl-muted'), x: 0, y: HEADING + 18 }, escapeXml(spec.emptyText));
    return { width, height: HEADING + 30, title: spec.title, desc: spec.desc, body };
  }
  // Axis: ticks along the top, grid lines down through every group.
  const top = HEADING + AXIS;
  const height = top + spec.groups.reduce((h, g) => h + g.bars.length * ROW + GROUP_GAP, 0);
  let axis = el('text', { ...textAttrs('pl-muted'), x: x0, y: HEADING + 10 }, escapeXml(spec.axisLabel));
  for (const t of x.ticks(5).filter((v) => !spec.integer || Number.isInteger(v))) {
    axis += el('line', { class: 'pl-grid', stroke: chrome(colours, 'grid'), x1: x(t), x2: x(t), y1: top - 4, y2: height - GROUP_GAP / 2, 'stroke-width': 1 });
    axis += el('text', { ...textAttrs('pl-muted'), x: x(t), y: top - 8, 'text-anchor': 'middle', 'font-size': 10 }, escapeXml(formatNumber(t)));
  }
  body += `<g aria-hidden="true">${axis}</g>`;
  let y = top;
  for (const g of spec.groups) {
    const groupChars = Math.floor((groupW - 12) / 7.25);
    body += el('text', { ...textAttrs('pl-text'), x: 0, y: y + BAR - 3, 'font-weight': 'bold' }, `${escapeXml(truncate(g.label, groupChars))}${g.label.length > groupChars ? el('title', {}, escapeXml(g.label)) : ''}`);
    for (const b of g.bars) {
      body += el('text', { ...textAttrs('pl-muted'), x: x0 - 6, y: y + BAR - 3, 'text-anchor': 'end' }, escapeXml(truncate(b.label, Math.floor((seriesW - 10) / 6.96))));
      const focusable = o.interactive && b.value > 0;
      const cls = colours.series(b.colours);
      body += el(
        'rect',
        {
          class: `pl-bar ${cls}`,
          fill: b.colours[o.scheme],
          x: x0,
          y,
          width: Math.max(0, x(b.value) - x0),
          height: BAR,
          tabindex: focusable ? 0 : undefined,
          role: focusable ? 'button' : undefined,
          'aria-label': focusable ? b.description : undefined,
          'data-chart': o.interactive ? spec.chart : undefined,
          'data-a': o.interactive ? b.keys[0] : undefined,
          'data-b': o.interactive ? b.keys[1] : undefined,
        },
        el('title', {}, escapeXml(b.description)),
      );
      body += el('text', { ...textAttrs('pl-text'), x: x(b.value) + 5, y: y + BAR - 3, 'aria-hidden': 'true' }, escapeXml(b.valueText));
      y += ROW;
    }
    y += GROUP_GAP;
  }
  return { width, height, title: spec.title, desc: spec.desc, body };
}
