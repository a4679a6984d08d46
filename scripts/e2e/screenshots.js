#!/usr/bin/env node
// screenshots.js - UI-level check of Policy Lens in REAL VS Code (code-server workbench in headless Debian chromium):
// how a document actually looks per colour theme, as pixels (PNG) and as data (token text -> computed CSS colour).
//
// Why: the extension-host suite can assert scopes and API results, but not what the user sees after the colour
// theme, semantic tokens and decorations are applied. This script loads the extension as a development extension
// (URL payload extensionDevelopmentPath + openFile, no tests), and for each colour theme (user settings.json
// `workbench.colorTheme`, one workbench reload per theme) it:
//   - opens the file (payload openFile) in a fresh COPY of samples/, waits until the rendered tokens stop changing,
//   - screenshots the workbench           -> <out>/<theme-slug>.png
//   - scrolls through the whole file collecting every rendered token span of `.view-lines` with its computed
//     colour/font style                    -> <out>/<theme-slug>.json  { colors: {text: "#rrggbb"}, lines: [...] }
//   - optionally checks phrase -> group expectations: every phrase found, one colour per phrase, one colour per
//     group, and (distinct: true, the default) different groups never share a colour ("16 themes, 16 colours"),
//   - optionally hovers a word and screenshots the hover widget -> <out>/hover-<theme-slug>.png (+ its text).
// A report of everything is written to <out>/report.json. Exit 0 only if all checks passed; 1 check failed;
// 2 setup/harness error; 124 timeout.
//
// usage: node scripts/e2e/screenshots.js [CONFIG] [--extension DIR] [--samples DIR] [--out DIR] [--timeout SEC] [--keep]
//   CONFIG: inline JSON ('{"file": ...}'), a path to a .json file, or just the file to open (relative to samples/).
//   Config keys (all optional):
//     file               file to open, relative to samples/   (default plans/us-ai-action-plan-2025.policy.md)
//     themes             colour theme labels (default ["Default Dark Modern","Default Light Modern","Default High Contrast"])
//     expect             {"phrase": "group", ...} or [{"phrase": "...", "group": "..."}]
//     distinct           groups must have pairwise different colours (default true)
//     expectGroups       number of distinct groups/colours required, e.g. 16
//     expectLanguage     language name shown in the status bar, e.g. "Policy Markdown"
//     minDistinctColors  fail if the file shows fewer distinct token colours (default 2: "was it tokenised at all?")
//     hover              {"word": "...", "line": <1-based, optional>, "expect": "substring of the hover text"}
//     settings           extra user settings; viewport {width, height} (default 1600x1000); settleMs (default 1500);
//     scroll             collect tokens of the whole file (default true; false = visible part only); maxLines (5000)
//     commands           command palette entries run before the screenshot, e.g. ["Focus on Annotations View"]
//     steps              after the checks above: actions and checked pictures of widgets (ui-steps.js)
// env: POLICY_LENS_E2E_CACHE, CHROME_PATH, POLICY_LENS_E2E_KEEP=1.
'use strict';
const fs = require('fs');
const path = require('path');
const c = require('./common');
const { runSteps } = require('./ui-steps');

const log = c.makeLogger('screenshots');
// settings for calm, comparable pictures (no occurrence/selection highlights, no blinking cursor); config.settings wins
const SHOT_SETTINGS = { 'editor.occurrencesHighlight': 'off', 'editor.selectionHighlight': false, 'editor.cursorBlinking': 'solid',
  'workbench.tips.enabled': false, 'breadcrumbs.enabled': true };
const DEFAULTS = {
  file: 'plans/us-ai-action-plan-2025.policy.md',
  themes: ['Default Dark Modern', 'Default Light Modern', 'Default High Contrast'],
  distinct: true, minDistinctColors: 2, settleMs: 1500, scroll: true, maxLines: 5000,
  viewport: { width: 1600, height: 1000 },
};
// class that the workbench root gets for the built-in themes (ColorThemeData.classNames)
const THEME_CLASS = {
  'Default Dark Modern': 'dark_modern', 'Default Light Modern': 'light_modern', 'Default High Contrast': 'hc_black',
  'Default High Contrast Light': 'hc_light', 'Default Dark+': 'dark_plus', 'Default Light+': 'light_plus',
};
const slug = (s) => s.toLowerCase().replace(/\+/g, '-plus').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function loadConfig(arg) {
  let cfg = {};
  if (arg && arg.trim().startsWith('{')) cfg = JSON.parse(arg);
  else if (arg && arg.endsWith('.json') && fs.existsSync(arg)) cfg = JSON.parse(fs.readFileSync(arg, 'utf8'));
  else if (arg) cfg = { file: arg };
  cfg = { ...DEFAULTS, ...cfg };
  if (cfg.expect && !Array.isArray(cfg.expect)) cfg.expect = Object.entries(cfg.expect).map(([phrase, group]) => ({ phrase, group }));
  return cfg;
}

const toHex = (rgb) => {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(rgb || '');
  if (!m) return rgb;
  const h = (n) => Number(n).toString(16).padStart(2, '0');
  return '#' + h(m[1]) + h(m[2]) + h(m[3]) + (m[4] !== undefined && Number(m[4]) < 1 ? h(Math.round(Number(m[4]) * 255)) : '');
};

// ------------------------------------------------------------------------------------------------ page helpers
const EDITOR = '.editor-group-container.active .monaco-editor';

/** Visible logical lines of the active editor: [{ n, text, segs: [{ text, color, fontStyle, fontWeight, start }] }] */
function visibleLines(page) {
  return page.evaluate((sel) => {
    const ed = document.querySelector(sel);
    if (!ed) return [];
    const nums = new Map();
    for (const d of ed.querySelectorAll('.margin-view-overlays > div')) {
      const n = parseInt((d.querySelector('.line-numbers') || {}).textContent, 10);
      nums.set(parseFloat(d.style.top), Number.isFinite(n) ? n : null);
    }
    const rows = [...ed.querySelectorAll('.view-lines .view-line')].map((el) => ({ top: parseFloat(el.style.top), el })).sort((a, b) => a.top - b.top);
    const lines = [];
    let cur = null;
    for (const { top, el } of rows) {
      const n = nums.get(top);
      if (n != null || !cur) { cur = { n: n != null ? n : -1, text: '', segs: [] }; lines.push(cur); } // wrapped rows continue `cur`
      for (const s of el.querySelectorAll('span')) {
        if (s.children.length) continue; // leaf spans carry the token text
        const text = s.textContent.replace(/\u00a0/g, ' ');
        if (!text) continue;
        const st = getComputedStyle(s);
        cur.segs.push({ text, color: st.color, fontStyle: st.fontStyle, fontWeight: st.fontWeight, start: cur.text.length });
        cur.text += text;
      }
    }
    return lines.filter((l) => l.n > 0);
  }, EDITOR);
}

async function waitStable(page, minMs, maxMs = 20000) {
  const t0 = Date.now();
  let prev = null;
  let same = 0;
  for (;;) {
    const snap = JSON.stringify(await visibleLines(page));
    same = snap === prev && snap !== '[]' ? same + 1 : 0;
    prev = snap;
    if (same >= 2 && Date.now() - t0 >= minMs) return;
    if (Date.now() - t0 > maxMs) { log(`  (tokens still changing after ${maxMs} ms - continuing)`); return; }
    await c.sleep(250);
  }
}

async function collectAll(page, cfg) {
  const byLine = new Map();
  const add = (ls) => { for (const l of ls) byLine.set(l.n, l); };
  add(await visibleLines(page));
  if (cfg.scroll) {
    await page.focus(`${EDITOR} textarea`);
    await page.keyboard.press('Control+Home');
    await waitStable(page, 300);
    let last = -1;
    let still = 0;
    for (let i = 0; i < 2000; i++) {
      const vis = await visibleLines(page);
      add(vis);
      const max = Math.max(-1, ...vis.map((l) => l.n)); // last line in the viewport: stops moving at the end
      still = max === last ? still + 1 : 0; // on a busy machine one PageDown may not have moved yet: try thrice
      if (still >= 3 || max >= cfg.maxLines) break;
      if (still) await c.sleep(1000);
      last = max;
      await page.keyboard.press('PageDown');
      await waitStable(page, 300);
    }
    await page.keyboard.press('Control+Home');
  }
  return [...byLine.values()].sort((a, b) => a.n - b.n);
}

async function hoverWord(page, lines, h, outFile) {
  const line = h.line ? lines.find((l) => l.n === h.line) : lines.find((l) => l.text.includes(h.word));
  if (!line || !line.text.includes(h.word)) return { ok: false, problem: `hover word "${h.word}" not found${h.line ? ` on line ${h.line}` : ''}` };
  // reveal the line (Go to Line), then point the mouse at the word via a DOM Range (a span may hold many words)
  await page.focus(`${EDITOR} textarea`);
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
  await page.keyboard.type(String(line.n));
  await page.keyboard.press('Enter');
  await waitStable(page, 500);
  const box = await page.evaluate(({ sel, n, word }) => {
    const ed = document.querySelector(sel);
    let top = null;
    for (const d of ed.querySelectorAll('.margin-view-overlays > div')) {
      if (parseInt((d.querySelector('.line-numbers') || {}).textContent, 10) === n) top = parseFloat(d.style.top);
    }
    const row = [...ed.querySelectorAll('.view-lines .view-line')].find((el) => parseFloat(el.style.top) === top);
    if (!row) return null;
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = t.textContent.replace(/\u00a0/g, ' ').indexOf(word);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i); r.setEnd(t, i + word.length);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }
    return null;
  }, { sel: EDITOR, n: line.n, word: h.word });
  if (!box) return { ok: false, problem: `hover word "${h.word}" not rendered on line ${line.n} (wrapped across rows?)` };
  await page.mouse.move(box.x + box.width / 2 - 3, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: h.expect ? h.expect : /\S/ }).first();
  try {
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    await c.sleep(300); // let late hover parts render
  } catch {
    await page.screenshot({ path: outFile });
    return { ok: false, problem: `no hover${h.expect ? ` containing "${h.expect}"` : ''} for "${h.word}" on line ${line.n}`, line: line.n };
  }
  const text = (await hover.innerText()).trim();
  const hb = await hover.boundingBox();
  const x0 = Math.max(0, Math.min(hb.x, box.x) - 30); const y0 = Math.max(0, Math.min(hb.y, box.y) - 30);
  const x1 = Math.max(hb.x + hb.width, box.x + box.width) + 30; const y1 = Math.max(hb.y + hb.height, box.y + box.height) + 30;
  await page.screenshot({ path: outFile, clip: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  return { ok: true, line: line.n, text };
}

function checkExpectations(lines, cfg) {
  const problems = [];
  const phrases = {};
  const groupColors = {};
  for (const { phrase, group } of cfg.expect || []) {
    let found = null;
    for (const l of lines) {
      const i = l.text.indexOf(phrase);
      if (i < 0) continue;
      const colors = [...new Set(l.segs.filter((s) => s.start < i + phrase.length && s.start + s.text.length > i && s.text.trim())
        .map((s) => toHex(s.color)))];
      found = { line: l.n, colors };
      break;
    }
    if (!found) { problems.push(`phrase "${phrase}" (${group}) not found in the rendered file`); continue; }
    phrases[phrase] = { group, line: found.line, color: found.colors.length === 1 ? found.colors[0] : found.colors };
    if (found.colors.length !== 1) problems.push(`phrase "${phrase}" (${group}, line ${found.line}) is not one colour: ${found.colors.join(', ')}`);
    else (groupColors[group] = groupColors[group] || new Set()).add(found.colors[0]);
  }
  const groups = {};
  for (const [g, set] of Object.entries(groupColors)) {
    groups[g] = [...set].length === 1 ? [...set][0] : [...set];
    if (set.size > 1) problems.push(`group "${g}" has several colours: ${[...set].join(', ')}`);
  }
  if (cfg.distinct) {
    const byColor = {};
    for (const [g, col] of Object.entries(groups)) if (typeof col === 'string') (byColor[col] = byColor[col] || []).push(g);
    for (const [col, gs] of Object.entries(byColor)) if (gs.length > 1) problems.push(`groups ${gs.map((g) => `"${g}"`).join(', ')} share colour ${col}`);
  }
  const distinctColors = new Set(Object.values(groups).filter((v) => typeof v === 'string')).size;
  if (cfg.expectGroups != null && (Object.keys(groups).length !== cfg.expectGroups || distinctColors !== cfg.expectGroups)) {
    problems.push(`expected ${cfg.expectGroups} groups with ${cfg.expectGroups} distinct colours, got ${Object.keys(groups).length} groups / ${distinctColors} colours`);
  }
  return { problems, phrases, groups, distinctColors };
}

// ------------------------------------------------------------------------------------------------ main
async function main() {
  const a = c.parseArgs(process.argv.slice(2), { extension: 1, samples: 1, out: 1, timeout: 1, keep: 'flag' });
  const cfg = loadConfig(a._[0]);
  const extDir = path.resolve(a.extension || process.env.POLICY_LENS_E2E_EXTENSION || c.REPO);
  const samples = path.resolve(a.samples || process.env.POLICY_LENS_E2E_SAMPLES || path.join(c.REPO, 'samples'));
  const outDir = path.resolve(a.out || cfg.out || path.join(c.REPO, 'test-output', 'screenshots'));
  const timeoutS = Number(a.timeout || 300);
  try {
    c.checkExtension(extDir);
    if (!fs.existsSync(path.join(samples, cfg.file))) throw new Error(`${cfg.file} not found in ${samples}`);
  } catch (e) { log('SETUP ERROR:', e.message); return 2; }
  setTimeout(() => { log(`TIMEOUT after ${timeoutS}s`); c.exitWith(124); }, timeoutS * 1000).unref();
  fs.mkdirSync(outDir, { recursive: true });

  const cs = c.ensureCodeServer(log);
  const runDir = c.makeRunDir('shot', { keep: !!(a.keep || process.env.POLICY_LENS_E2E_KEEP === '1') });
  const ws = c.copyWorkspace(samples, runDir);
  const target = path.join(ws, cfg.file);
  c.writeUserSettings(runDir, { ...SHOT_SETTINGS, ...(cfg.settings || {}), 'workbench.colorTheme': cfg.themes[0] });
  const server = await c.startCodeServer(cs, { runDir, port: await c.freePort(), env: c.runEnv(runDir, { POLICY_LENS_E2E_MODE: 'screenshots' }), log });
  const { page } = await c.launchBrowser(runDir, { viewport: cfg.viewport });
  await c.seedWorkspaceTrust(page, server, [ws]);
  const url = c.workbenchUrl(server.origin, ws, [
    ['extensionDevelopmentPath', c.remoteUri(server.host, extDir)],
    ['openFile', c.remoteUri(server.host, target)],
    ['skipWelcome', 'true'],
  ]);

  const report = { file: cfg.file, extension: extDir, themes: {}, ok: true };
  for (const theme of cfg.themes) {
    const s = slug(theme);
    const problems = [];
    log(`theme "${theme}" -> ${s}.png / ${s}.json`);
    c.writeUserSettings(runDir, { ...SHOT_SETTINGS, ...(cfg.settings || {}), 'workbench.colorTheme': theme });
    await page.goto(url);
    await page.waitForSelector(`${EDITOR} .view-lines .view-line`, { timeout: 60000 });
    await page.waitForFunction((name) => [...document.querySelectorAll('.tabs-container .tab.active')].some((t) => t.textContent.includes(name)),
      path.basename(target), { timeout: 30000 }).catch(() => problems.push(`the active editor is not ${path.basename(target)}`));
    const classes = await page.evaluate(() => document.querySelector('.monaco-workbench').className);
    if (THEME_CLASS[theme] && !classes.includes(THEME_CLASS[theme])) {
      await page.waitForFunction((k) => document.querySelector('.monaco-workbench').className.includes(k), THEME_CLASS[theme], { timeout: 15000 })
        .catch(() => problems.push(`theme "${theme}" not applied (workbench classes: ${classes})`));
    }
    await waitStable(page, cfg.settleMs);
    for (const command of cfg.commands || []) {
      await page.focus(`${EDITOR} textarea`);
      await page.keyboard.press('F1');
      await page.keyboard.type(command);
      await c.sleep(600);
      await page.keyboard.press('Enter');
      await c.sleep(2000);
    }
    const language = await page.locator('[id="status.editor.mode"]').innerText({ timeout: 5000 }).catch(() => '?');
    if (cfg.expectLanguage && language.trim() !== cfg.expectLanguage) problems.push(`language is "${language.trim()}", expected "${cfg.expectLanguage}"`);
    // the window restores the previous editor view state: start every theme from the top, mouse out of the way
    await page.focus(`${EDITOR} textarea`);
    await page.keyboard.press('Control+Home');
    await page.mouse.move(170, Math.round((cfg.viewport.height || 1000) * 0.6)); // empty explorer area: no tooltip
    await waitStable(page, 300);
    await page.screenshot({ path: path.join(outDir, `${s}.png`) });
    // notification toasts (e.g. "Activating extension ... failed") explain many a broken picture
    const notifications = await page.evaluate(() => [...document.querySelectorAll('.notifications-toasts .notification-list-item')]
      .map((n) => n.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
    for (const n of notifications) log(`  notification: ${n.slice(0, 200)}`);

    const lines = await collectAll(page, cfg);
    const colors = {};
    const conflicts = {};
    for (const l of lines) for (const g of l.segs) {
      const t = g.text.trim();
      if (!t) continue;
      const hex = toHex(g.color);
      if (!(t in colors)) colors[t] = hex;
      else if (colors[t] !== hex) (conflicts[t] = conflicts[t] || new Set([colors[t]])).add(hex);
    }
    const distinct = new Set(Object.values(colors)).size;
    if (distinct < cfg.minDistinctColors) problems.push(`only ${distinct} distinct token colour(s) rendered - tokenisation/colouring missing?`);
    const exp = checkExpectations(lines, cfg);
    problems.push(...exp.problems);
    fs.writeFileSync(path.join(outDir, `${s}.json`), JSON.stringify({
      theme, file: cfg.file, language: language.trim(), lineCount: lines.length, distinctColors: distinct, colors,
      conflicts: Object.fromEntries(Object.entries(conflicts).map(([k, v]) => [k, [...v]])),
      lines: lines.map((l) => ({ n: l.n, tokens: l.segs.map((g) => ({ text: g.text, color: toHex(g.color), fontStyle: g.fontStyle, fontWeight: g.fontWeight })) })),
    }, null, 1));

    let hover;
    if (cfg.hover && cfg.hover.word) {
      hover = await hoverWord(page, lines, cfg.hover, path.join(outDir, `hover-${s}.png`));
      if (!hover.ok) problems.push(hover.problem);
      else log(`  hover on line ${hover.line}: ${JSON.stringify(hover.text.slice(0, 160))}`);
    }
    const steps = cfg.steps ? await runSteps(page, cfg.steps, { outDir, suffix: s, target, log }) : undefined;
    if (steps) problems.push(...steps.problems);
    report.themes[theme] = { slug: s, language: language.trim(), notifications, lines: lines.length, distinctColors: distinct,
      groups: exp.groups, phrases: exp.phrases, hover, shots: steps && steps.shots, problems };
    log(`  ${lines.length} lines, ${distinct} distinct token colours, language "${language.trim()}"` +
      (cfg.expect ? `, ${Object.keys(exp.groups).length} groups / ${exp.distinctColors} group colours` : ''));
    for (const p of problems) log('  FAIL ' + p);
    if (problems.length) report.ok = false;
  }
  fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 1));
  log(`${report.ok ? 'ALL PASS' : 'FAILED'} - ${path.relative(process.cwd(), outDir) || outDir}/report.json`);
  return report.ok ? 0 : 1;
}

main().then((rc) => c.exitWith(rc), (e) => { log('ERROR:', e && e.stack || e); c.exitWith(2); });
