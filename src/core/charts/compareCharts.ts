import type { Code } from '../codebook/codebook';
import type { KnowledgePack } from '../data/model';
import type { ThemeMatcher } from '../lexicon/themeMatcher';
import { barChart, type BarChartSpec } from './barChart';
import { codeCounts, type ChartCode, type CodeCounts } from './codeCounts';
import { cooccurrence, type Cooccurrence } from './cooccurrence';
import { matrixChart, type MatrixSpec } from './matrixChart';
import { codeColours, type ColourScheme, type SchemeColours } from './palette';
import type { AnnotatedDocument, Passage } from './passages';
import { ColourClasses, svgDocument, type ChartPart, type RenderOptions } from './svgDocument';
import { formatNumber } from './svgText';
import { themeFrequencies, type FrequencyDocument, type ThemeFrequencies } from './themeFrequencies';

/** Everything the *Compare Plans* view and `report --chart` draw, computed once. */
export interface CompareData {
  readonly frequencies: ThemeFrequencies;
  readonly codes: CodeCounts;
  readonly cooccurrence: Cooccurrence;
  readonly colours: ReadonlyMap<string, SchemeColours>;
}

export type ChartId = 'themes' | 'codes' | 'cooccurrence';
export const CHART_IDS: readonly ChartId[] = ['themes', 'codes', 'cooccurrence'];

/**
 * The three comparisons: theme frequencies per plan (from the documents' text), and the team's codes per
 * document and their co-occurrence (from the documents' annotations, already re-anchored). `codes` are the
 * codes on offer (themes, then the codebook's): their labels and colours.
 */
export function compareData(pack: KnowledgePack, documents: readonly FrequencyDocument[], annotated: readonly AnnotatedDocument[], codes: readonly Code[], matcher?: ThemeMatcher): CompareData {
  const known: ChartCode[] = codes.map((c) => ({ id: c.id, label: c.label }));
  const counts = codeCounts(annotated, known);
  return {
    frequencies: themeFrequencies(pack, documents, { matcher }),
    codes: counts,
    cooccurrence: cooccurrence(annotated, known),
    colours: codeColours(pack.themes, [...codes, ...counts.codes.filter((c) => !codes.some((k) => k.id === c.id))]),
  };
}

/** The passages behind a bar or a cell, as the webview names it (data-chart, data-a, data-b); [] when unknown. */
export function passagesBehind(d: CompareData, chart: string, a: string, b: string): readonly Passage[] {
  if (chart === 'themes') return d.frequencies.passages(a, b);
  if (chart === 'codes') return d.codes.passages(a, b);
  if (chart === 'cooccurrence' && /^\d+$/.test(a) && /^\d+$/.test(b)) {
    const n = d.cooccurrence.codes.length;
    return Number(a) < n && Number(b) < n ? d.cooccurrence.passages(Number(a), Number(b)) : [];
  }
  return [];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${formatNumber(n)} ${n === 1 ? one : many}`;

export function themesSpec(d: CompareData): BarChartSpec {
  const { plans } = d.frequencies;
  const themes = plans[0]?.themes ?? [];
  const top = plans.map((p) => {
    const best = [...p.themes].sort((a, b) => b.per1000 - a.per1000)[0];
    return best && best.count > 0 ? `${p.shortTitle}: ${best.label} (${formatNumber(best.per1000)} per 1,000 words)` : `${p.shortTitle}: no themed phrases`;
  });
  return {
    chart: 'themes',
    title: 'Theme frequencies per plan',
    desc: plans.length
      ? `Themed phrases per 1,000 words in ${plural(plans.length, 'plan')} (${plans.map((p) => `${p.shortTitle}, ${plural(p.words, 'word')}`).join('; ')}), for ${plural(themes.length, 'theme')}. Most frequent: ${top.join('; ')}.`
      : 'No document is a known plan.',
    axisLabel: 'themed phrases per 1,000 words',
    emptyText: 'No document is a known plan.',
    groups: themes.map((th, k) => ({
      label: th.label,
      bars: plans.map((p) => {
        const t = p.themes[k]!;
        return {
          label: p.shortTitle,
          value: t.per1000,
          valueText: `${formatNumber(t.per1000)} (${formatNumber(t.count)})`,
          description: `${th.label}, ${p.shortTitle}: ${plural(t.count, 'phrase')}, ${formatNumber(t.per1000)} per 1,000 words`,
          colours: d.colours.get(th.theme)!,
          keys: [p.plan, th.theme] as const,
        };
      }),
    })),
  };
}

export function codesSpec(d: CompareData): BarChartSpec {
  const label = new Map(d.codes.codes.map((c) => [c.id, c.label]));
  const total = d.codes.documents.reduce((n, doc) => n + doc.counts.reduce((k, c) => k + c.count, 0), 0);
  return {
    chart: 'codes',
    title: 'Codes per document',
    desc: d.codes.documents.length
      ? `Annotations per code in ${plural(d.codes.documents.length, 'annotated document')}: ${plural(d.codes.codes.length, 'code')}, ${plural(total, 'coded passage')}.`
      : 'No annotations yet.',
    axisLabel: 'annotations',
    integer: true,
    emptyText: 'No annotations yet: annotate a passage (Ctrl+Alt+A) to see the team’s codes here.',
    groups: d.codes.documents.map((doc) => ({
      label: doc.label,
      bars: doc.counts.map((c) => ({
        label: label.get(c.code) ?? c.code,
        value: c.count,
        valueText: formatNumber(c.count),
        description: `${doc.label}, ${label.get(c.code) ?? c.code}: ${plural(c.count, 'annotation')}`,
        colours: d.colours.get(c.code)!,
        keys: [doc.document, c.code] as const,
      })),
    })),
  };
}

export function cooccurrenceSpec(d: CompareData): MatrixSpec {
  const { codes, counts } = d.cooccurrence;
  let best: [number, number, number] | undefined;
  for (let i = 0; i < codes.length; i++) for (let j = i + 1; j < codes.length; j++) if (counts[i]![j]! > (best?.[2] ?? 0)) best = [i, j, counts[i]![j]!];
  return {
    chart: 'cooccurrence',
    title: 'Code co-occurrence',
    desc: codes.length
      ? `Pairs of overlapping annotations for each pair of ${plural(codes.length, 'code')}; on the diagonal, the annotations with that code. ${best ? `Most frequent pair: ${codes[best[0]]!.label} and ${codes[best[1]]!.label} (${best[2]}).` : 'No two codes overlap.'}`
      : 'No annotations yet.',
    labels: codes.map((c) => c.label),
    counts,
    emptyText: 'No annotations yet.',
    describe: (i, j) =>
      i === j ? `${codes[i]!.label}: ${plural(counts[i]![i]!, 'annotation')}` : `${codes[i]!.label} with ${codes[j]!.label}: ${plural(counts[i]![j]!, 'overlap')}`,
  };
}

function part(d: CompareData, chart: ChartId, colours: ColourClasses, o: RenderOptions): ChartPart {
  if (chart === 'themes') return barChart(themesSpec(d), colours, o);
  if (chart === 'codes') return barChart(codesSpec(d), colours, o);
  return matrixChart(cooccurrenceSpec(d), colours, o);
}

/** One chart as the webview shows it: focusable marks, colours of the editor's current scheme. */
export function renderChart(d: CompareData, chart: ChartId, scheme: ColourScheme): string {
  const o: RenderOptions = { scheme, interactive: true, idPrefix: `pl-${chart}` };
  const colours = new ColourClasses(scheme);
  const p = part(d, chart, colours, o);
  return svgDocument([p], colours, { ...o, title: p.title, desc: p.desc, standalone: false });
}

/**
 * The three charts in one standalone SVG file (`report --chart`): light colours in the markup, a style
 * sheet for dark and high-contrast viewers, one title and summary for the picture and one per chart.
 */
export function renderCompareSvg(d: CompareData, scheme: ColourScheme = 'light'): string {
  const o: RenderOptions = { scheme, interactive: false, idPrefix: 'pl-compare' };
  const colours = new ColourClasses(scheme);
  const parts = CHART_IDS.map((c) => part(d, c, colours, o));
  const plans = d.frequencies.plans.map((p) => p.shortTitle).join(' and ') || 'no known plan';
  return svgDocument(parts, colours, {
    ...o,
    title: `Policy Lens: comparing ${plans}`,
    desc: parts.map((p) => `${p.title}: ${p.desc}`).join(' '),
    standalone: true,
  });
}
