import { escapeXml } from '../core/charts/svgText';

/** What a webview page of ours declares in its head. */
export interface WebviewHead {
  readonly title: string;
  /** The page's Content-Security-Policy: every page starts from `default-src 'none'` and adds what it needs. */
  readonly allow: readonly string[];
}

/**
 * The head every Policy Lens webview shares: UTF-8, a Content-Security-Policy that allows nothing but what
 * the page lists, the viewport and the title. One place, so no page can forget `default-src 'none'`.
 * Free of `vscode`, so the pages are tested in plain Node.
 */
export function webviewHead(h: WebviewHead): string {
  const csp = ["default-src 'none'", ...h.allow].join('; ');
  return `<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(`${csp};`)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeXml(h.title)}</title>`;
}
