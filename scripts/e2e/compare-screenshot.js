#!/usr/bin/env node
// compare-screenshot.js - pictures of *Policy Lens: Compare Plans* in real VS Code (code-server in headless Debian
// chromium), one per colour theme, of a copy of samples/ annotated as scripts/compare-chart.js does: the panel as
// opened from the command palette, then after Enter on the first focused bar (the passage list). Checks that the
// page drew three charts with tab stops and listed links. PNGs land in test-output/compare/. Exit 0 when every
// check passed; 1 a check failed; 2 setup error; 124 timeout. Needs `npm run build`.
//
// usage: node scripts/e2e/compare-screenshot.js [--out DIR] [--timeout SEC] [--keep]
'use strict';
const fs = require('fs');
const path = require('path');
const c = require('./common');
const { annotatedSamples } = require('../compare-chart');

const log = c.makeLogger('compare-shots');
const THEMES = ['Default Dark Modern', 'Default Light Modern', 'Default High Contrast'];
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const SETTINGS = { 'workbench.tips.enabled': false, 'editor.cursorBlinking': 'solid', 'workbench.startupEditor': 'none' };

/** The webview's inner frame (the page with our script), once it has drawn its charts. */
async function chartFrame(page) {
  for (let i = 0; i < 120; i++) {
    for (const f of page.frames()) {
      const n = await f.evaluate(() => document.querySelectorAll('.chart svg').length).catch(() => 0);
      if (n === 3) return f;
    }
    await c.sleep(500);
  }
  throw new Error('the Compare Plans page never drew its three charts');
}

async function main() {
  const a = c.parseArgs(process.argv.slice(2), { out: 1, timeout: 1, keep: 'flag' });
  const outDir = path.resolve(a.out || path.join(c.REPO, 'test-output', 'compare'));
  setTimeout(() => { log(`TIMEOUT after ${a.timeout || 600}s`); c.exitWith(124); }, Number(a.timeout || 600) * 1000).unref();
  c.checkExtension(c.REPO);
  fs.mkdirSync(outDir, { recursive: true });
  const cs = c.ensureCodeServer(log);
  const runDir = c.makeRunDir('compare', { keep: !!a.keep });
  const ws = path.join(runDir, 'samples');
  annotatedSamples(ws);
  c.writeUserSettings(runDir, { ...SETTINGS, 'workbench.colorTheme': THEMES[0] });
  const server = await c.startCodeServer(cs, { runDir, port: await c.freePort(), env: c.runEnv(runDir, { POLICY_LENS_E2E_MODE: 'screenshots' }), log });
  const { page } = await c.launchBrowser(runDir, { viewport: { width: 1500, height: 1000 } });
  await c.seedWorkspaceTrust(page, server, [ws]);
  const url = c.workbenchUrl(server.origin, ws, [
    ['extensionDevelopmentPath', c.remoteUri(server.host, c.REPO)],
    ['openFile', c.remoteUri(server.host, path.join(ws, 'plans', 'us-ai-action-plan-2025.policy.md'))],
    ['skipWelcome', 'true'],
  ]);
  const problems = [];
  for (const theme of THEMES) {
    const s = slug(theme);
    c.writeUserSettings(runDir, { ...SETTINGS, 'workbench.colorTheme': theme });
    await page.goto(url);
    await page.waitForSelector('.monaco-editor .view-lines .view-line', { timeout: 90000 });
    await c.sleep(1500);
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
    await page.keyboard.type('Policy Lens: Compare Plans');
    await c.sleep(800);
    await page.keyboard.press('Enter');
    const frame = await chartFrame(page);
    const seen = await frame.evaluate(() => ({
      tabStops: document.querySelectorAll('svg [data-chart][tabindex="0"]').length,
      kind: document.body.getAttribute('data-vscode-theme-kind'),
      scripts: document.querySelectorAll('script').length,
    }));
    log(`${theme}: ${seen.tabStops} tab stops, page theme ${seen.kind}`);
    if (seen.tabStops < 10) problems.push(`${theme}: only ${seen.tabStops} tab stops`);
    await c.sleep(800);
    await page.screenshot({ path: path.join(outDir, `${s}.png`) });
    // The keyboard path: focus the first bar of the codes chart, press Enter, see the list.
    await frame.focus('svg [data-chart="codes"][tabindex="0"]');
    await page.keyboard.press('Enter');
    const links = await frame.waitForFunction(() => document.querySelectorAll('#passages-list a').length, null, { timeout: 15000 }).then((h) => h.jsonValue()).catch(() => 0);
    if (!links) problems.push(`${theme}: Enter on a bar listed no passage links`);
    await frame.evaluate(() => document.getElementById('passages').scrollIntoView());
    await c.sleep(500);
    await page.screenshot({ path: path.join(outDir, `${s}-passages.png`) });
    log(`  Enter on a codes bar: ${links} link(s); ${s}.png, ${s}-passages.png`);
  }
  for (const p of problems) log(`FAIL ${p}`);
  return problems.length ? 1 : 0;
}

main().then((rc) => c.exitWith(rc), (e) => { log('ERROR:', (e && e.stack) || e); c.exitWith(2); });
