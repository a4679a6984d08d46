import { CHROME, type ColourScheme, type SchemeColours } from './palette';
import { el, escapeXml } from './svgText';

/** How a chart is drawn: the colour scheme whose colours go in the markup, and whether it is the webview's. */
export interface RenderOptions {
  readonly scheme: ColourScheme;
  /**
   * The webview's charts: bars and cells are focusable buttons with aria labels, and carry data-* keys the
   * webview sends back when one is activated. A file (the CLI's) is one image with a title per mark.
   */
  readonly interactive: boolean;
  /** Prefix of the ids inside the SVG (several charts share one webview document). */
  readonly idPrefix: string;
}

/**
 * The colours one SVG uses, each with a class. Marks carry the scheme's colour as a presentation attribute
 * (readable anywhere, CSS or not) and the class; a standalone file adds a <style> that recolours the classes
 * for the other schemes (prefers-color-scheme, prefers-contrast), and the webview's stylesheet overrides the
 * chrome classes with VS Code's theme variables.
 */
export class ColourClasses {
  private readonly classes = new Map<string, { name: string; colours: SchemeColours; property: 'fill' | 'stroke' }>();

  constructor(readonly scheme: ColourScheme) {
    this.add('pl-text', CHROME.text);
    this.add('pl-muted', CHROME.muted);
    this.add('pl-grid', CHROME.grid, 'stroke');
    this.add('pl-cell', CHROME.cell);
    this.add('pl-halo', CHROME.background, 'stroke');
  }

  private add(name: string, colours: SchemeColours, property: 'fill' | 'stroke' = 'fill'): string {
    this.classes.set(`${property}:${name}`, { name, colours, property });
    return name;
  }

  /** The class of a series colour (one per distinct colour set). */
  series(colours: SchemeColours): string {
    const key = `fill:${colours.light}|${colours.dark}|${colours.highContrast}|${colours.highContrastLight}`;
    const found = this.classes.get(key);
    if (found) return found.name;
    const name = `pl-k${this.classes.size}`;
    this.classes.set(key, { name, colours, property: 'fill' });
    return name;
  }

  /** CSS for the schemes other than the markup's own, chosen by the viewer's preferences. */
  css(): string {
    const block = (scheme: ColourScheme): string => [...this.classes.values()].map((c) => `.${c.name}{${c.property}:${c.colours[scheme]}}`).join('');
    const dark = this.scheme === 'dark' || this.scheme === 'highContrast';
    return [
      `@media (prefers-color-scheme: ${dark ? 'light' : 'dark'}){${block(dark ? 'light' : 'dark')}}`,
      `@media (prefers-color-scheme: dark) and (prefers-contrast: more){${block('highContrast')}}`,
      `@media (prefers-color-scheme: light) and (prefers-contrast: more){${block('highContrastLight')}}`,
      '.pl-bar:focus,.pl-cellbox:focus{outline:2px solid;outline-offset:1px}',
    ].join('\n');
  }
}

/** A chart's own colour (text, grid, cells) in the markup's scheme. */
export function chrome(c: ColourClasses, what: keyof typeof CHROME): string {
  return CHROME[what][c.scheme];
}

/** One drawn chart: its size, its name and summary, and its marks. */
export interface ChartPart {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly desc: string;
  /** Markup inside the chart's coordinate system (0,0 at its top left). */
  readonly body: string;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Ubuntu, sans-serif" font-size="12"';

/** Title and summary as the first children, named by aria-labelledby / aria-describedby. */
function labelled(prefix: string, part: Pick<ChartPart, 'title' | 'desc'>): { attrs: string; children: string } {
  return {
    attrs: ` aria-labelledby="${escapeXml(prefix)}-title" aria-describedby="${escapeXml(prefix)}-desc"`,
    children: el('title', { id: `${prefix}-title` }, escapeXml(part.title)) + el('desc', { id: `${prefix}-desc` }, escapeXml(part.desc)),
  };
}

/**
 * A whole SVG document of one or more charts stacked top to bottom. A file is role="img" (one picture, its
 * title and summary read out); the webview's is role="group", since its bars are buttons inside it.
 */
export function svgDocument(parts: readonly ChartPart[], colours: ColourClasses, o: RenderOptions & { readonly title: string; readonly desc: string; readonly standalone: boolean }): string {
  const width = Math.max(...parts.map((p) => p.width));
  const gap = 24;
  let y = 0;
  let body = '';
  parts.forEach((p, i) => {
    const id = `${o.idPrefix}-${i}`;
    const l = labelled(id, p);
    body += parts.length === 1 ? p.body : `<g role="group" transform="translate(0,${y})"${l.attrs}>${l.children}${p.body}</g>`;
    y += p.height + gap;
  });
  const height = y - gap;
  const l = labelled(o.idPrefix, parts.length === 1 ? parts[0]! : o);
  const role = o.interactive ? 'group' : 'img';
  const style = o.standalone ? el('style', {}, escapeXml(colours.css())) : '';
  const head = o.standalone ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
  return `${head}<svg xmlns="http://www.w3.org/2000/svg" class="pl-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="${role}"${l.attrs} ${FONT}>${l.children}${style}${body}</svg>\n`;
}
