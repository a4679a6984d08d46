// ui-steps.js - the `steps` of a screenshots.js config: drive the workbench like a user (cursor, command palette,
// keys) and take pictures of one part of it (the quick pick, the peek view, the whole window), each checked by what
// the DOM shows: texts, ticked and unticked picker rows, editors side by side, explorer rows nested.
//
// Why: a picture alone proves nothing in CI; every shot here fails the pass unless the widget it claims to show is
// there with the expected content. Steps (each an object with one action key):
//   {"goto": "text", "offset": 0}  cursor at the first occurrence of the text in the opened file (Go to Line line:col)
//   {"command": "Label"}           command palette: type the label, Enter once the first row shows it
//   {"click": "<css selector>", "text": "..."}   click the first visible match containing the text (a code lens)
//   {"waitFor": "<css selector>", "text": "...", "timeout": ms}   until a match with the text is visible
//   {"widen": "<css selector>", "by": px}   drag the sash on the part's right edge (the side bar)
//   {"keys": ["Escape", ...], "until": "<css selector>", "tries": 3}   key presses (again until the widget shows)
//   {"type": "text"}  typing;  {"wait": ms}
//   {"shot": "name", "of": "quickInput" | "peek" | "page" | "<css selector>", "margin": 20, "height": <max px>,
//    "with": "<css selector>", "withText": "...",   another widget in the picture (and the checks), e.g. a menu
//    "expect": ["text", ...],       substrings of the part's text (innerText)
//    "checked": ["row label", ...], "unchecked": [...]   picker rows wholly in view, their checkbox on / off
//    "editors": [{"tab": "file name", "text": "visible text"}, ...]   editor groups, left to right
//    "nested": [["child row", "parent row"], ...]   explorer rows: parent expanded, child right after it, indented}
// A shot waits (up to "timeout" ms, 10 s) until its checks pass, then writes <out>/<name>-<theme slug>.png; its
// report entry has the part's text and the problems found.
'use strict';
const fs = require('fs');
const path = require('path');
const c = require('./common');

const PARTS = {
  quickInput: '.quick-input-widget',
  peek: '.peekview-widget',
  page: '.monaco-workbench',
};
const EDITOR = '.editor-group-container.active .monaco-editor';


/** Text of the first (focused) row of the quick input list, once it contains `label` (or after 10 s). */
async function waitFirstRow(page, label) {
  return page.waitForFunction((l) => {
    const row = document.querySelector('.quick-input-widget .monaco-list-row.focused') || document.querySelector('.quick-input-widget .monaco-list-row');
    return row && row.textContent.includes(l) ? row.textContent : false;
  }, label, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
}

async function gotoText(page, file, text, offset = 0) {
  const src = fs.readFileSync(file, 'utf8');
  const at = src.indexOf(text);
  if (at < 0) return `"${text}" is not in ${path.basename(file)}`;
  const before = src.slice(0, at + offset).split('\n');
  await page.focus(`${EDITOR} textarea`);
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
  await page.keyboard.type(`${before.length}:${before[before.length - 1].length + 1}`);
  await page.keyboard.press('Enter');
  await c.sleep(500);
  return null;
}

/** Click the first visible element matching the selector whose text contains `text` (e.g. a code lens). */
async function clickText(page, sel, text) {
  const el = page.locator(sel).filter({ hasText: text || /\S/ }).first();
  try {
    await el.waitFor({ state: 'visible', timeout: 15000 });
    await el.click();
  } catch { return `nothing to click: ${sel} with "${text}"`; }
  await c.sleep(1000);
  return null;
}

/** What the DOM shows of a part: its text, picker rows with their checkbox, editor groups, explorer rows. */
function inspect(page, sel) {
  return page.evaluate((s) => {
    const el = [...document.querySelectorAll(s)].find((e) => e.offsetParent !== null || e === document.querySelector('.monaco-workbench'));
    if (!el) return null;
    const b = el.getBoundingClientRect();
    const label = (row) => ((row.querySelector('.label-name, .monaco-icon-label .label-name') || row).textContent || '').trim();
    const list = (document.querySelector('.quick-input-widget .monaco-list') || el).getBoundingClientRect();
    const rows = [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].map((r) => {
      const box = r.querySelector('.quick-input-list-checkbox, input[type=checkbox], [role=checkbox]');
      const on = box ? (box.checked === true || box.getAttribute('aria-checked') === 'true' || box.classList.contains('checked')) : r.getAttribute('aria-checked') === 'true';
      const rb = r.getBoundingClientRect();
      return { label: label(r), checked: on, whole: rb.top >= list.top - 1 && rb.bottom <= list.bottom + 1 }; // not scrolled off or cut
    });
    const editors = [...document.querySelectorAll('.editor-group-container')].map((g) => ({
      tab: ((g.querySelector('.tab.active') || {}).textContent || '').trim(),
      text: [...g.querySelectorAll('.view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'),
      left: g.getBoundingClientRect().left,
    })).sort((x, y) => x.left - y.left);
    const tree = [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')]
      .map((r) => ({ label: label(r), expanded: r.getAttribute('aria-expanded') === 'true', index: Number(r.getAttribute('data-index')),
        indent: parseFloat(getComputedStyle(r.querySelector('.monaco-tl-twistie') || r).paddingLeft) || 0 }))
      .sort((x, y) => x.index - y.index);
    return { text: el.innerText, box: { x: b.x, y: b.y, width: b.width, height: b.height }, rows, editors, tree };
  }, sel);
}

// Wrapped lines are several rows of the view: compare texts with all white space as one space.
const flat = (t) => t.replace(/\s+/g, ' ');

function check(step, seen) {
  const problems = [];
  for (const t of step.expect || []) if (!seen.text.includes(t)) problems.push(`"${t}" not shown`);
  const row = (l) => seen.rows.find((r) => r.label === l || r.label.includes(l));
  const rowProblem = (l, on) => {
    const r = row(l);
    if (!r) return `no picker row "${l}"`;
    if (!r.whole) return `picker row "${l}" is not wholly in view`;
    return r.checked !== on ? `row "${l}" is ${on ? 'not ' : ''}ticked` : null;
  };
  for (const l of step.checked || []) problems.push(rowProblem(l, true));
  for (const l of step.unchecked || []) problems.push(rowProblem(l, false));
  if (step.editors) {
    if (seen.editors.length !== step.editors.length) problems.push(`${seen.editors.length} editor group(s), expected ${step.editors.length}`);
    step.editors.forEach((e, i) => {
      const g = seen.editors[i];
      if (!g) return;
      if (e.tab && !g.tab.includes(e.tab)) problems.push(`editor ${i + 1} shows "${g.tab}", expected ${e.tab}`);
      if (e.text && !flat(g.text).includes(flat(e.text))) problems.push(`editor ${i + 1} does not show "${e.text}"`);
    });
  }
  for (const [child, parent] of step.nested || []) {
    const p = seen.tree.findIndex((r) => r.label === parent);
    const k = seen.tree.findIndex((r) => r.label === child);
    if (p < 0 || k < 0) problems.push(`explorer rows "${child}" / "${parent}" not both shown`);
    // (aria-level does not count nesting: the file row is expanded, the nested one right after it and indented)
    else if (!seen.tree[p].expanded || k !== p + 1 || seen.tree[k].indent <= seen.tree[p].indent) problems.push(`"${child}" is not nested right under "${parent}"`);
  }
  return problems.filter(Boolean);
}

/** The part (and the `with` widget) as seen now, and what its checks find wrong. */
async function look(page, step, sel) {
  const seen = await inspect(page, sel);
  if (!seen) return { problems: [`${step.of || 'page'} (${sel}) not visible`] };
  if (step.with) {
    // A widget outside the part (the Quick Fix menu floats over the workbench): in the picture and the checks too.
    const w = await page.locator(step.with).filter({ visible: true, ...(step.withText ? { hasText: step.withText } : {}) }).first()
      .evaluate((e) => ({ text: e.innerText, b: e.getBoundingClientRect().toJSON() }), null, { timeout: 2000 }).catch(() => null);
    if (!w) return { problems: [`${step.with} not visible`] };
    const [x0, y0] = [Math.min(seen.box.x, w.b.x), Math.min(seen.box.y, w.b.y)];
    seen.box = { x: x0, y: y0, width: Math.max(seen.box.x + seen.box.width, w.b.x + w.b.width) - x0, height: Math.max(seen.box.y + seen.box.height, w.b.y + w.b.height) - y0 };
    seen.text += `\n${w.text}`;
  }
  return { seen, problems: check(step, seen) };
}

async function shot(page, step, file) {
  const sel = PARTS[step.of || 'page'] || step.of;
  await page.waitForSelector(sel, { state: 'visible', timeout: 15000 }).catch(() => {});
  if ((step.of || 'page') === 'page') await page.mouse.move(170, Math.round(page.viewportSize().height * 0.6)); // no tooltip
  await c.sleep(step.settleMs || 800); // icons, late rows, webview media
  const t0 = Date.now();
  let r = await look(page, step, sel);
  while (r.problems.length && Date.now() - t0 < (step.timeout || 10000)) {
    await c.sleep(500);
    r = await look(page, step, sel);
  }
  if (!r.seen) {
    await page.screenshot({ path: file });
    return { ok: false, problems: r.problems };
  }
  const { seen, problems } = r;
  const m = step.margin ?? 20;
  const vp = page.viewportSize();
  const x = Math.max(0, seen.box.x - m); const y = Math.max(0, seen.box.y - m);
  const clip = { x, y, width: Math.min(vp.width, seen.box.x + seen.box.width + m) - x, height: Math.min(vp.height, seen.box.y + seen.box.height + m, step.height ? y + step.height : Infinity) - y };
  await page.screenshot({ path: file, clip });
  return { ok: problems.length === 0, text: seen.text.slice(0, 4000), rows: seen.rows.length ? seen.rows : undefined, editors: step.editors ? seen.editors.map((e) => e.tab) : undefined,
    tree: step.nested ? seen.tree : undefined, problems };
}

/** Run the steps; returns { shots: {name: result}, problems: [...] } (an action that failed stops the rest). */
async function runSteps(page, steps, { outDir, suffix, target, log }) {
  const shots = {};
  const problems = [];
  for (const step of steps) {
    let problem = null;
    if (step.goto) problem = await gotoText(page, target, step.goto, step.offset);
    else if (step.command) {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
      await page.keyboard.type(step.command);
      const first = await waitFirstRow(page, step.command);
      if (!first) problem = `command "${step.command}" not in the palette`;
      else await page.keyboard.press('Enter');
      await c.sleep(1000);
    } else if (step.waitFor) {
      const ok = await page.locator(step.waitFor).filter({ hasText: step.text || /\S/ }).first().waitFor({ state: 'visible', timeout: step.timeout || 60000 }).then(() => true, () => false);
      if (!ok) problem = `${step.waitFor} with "${step.text}" never shown`;
    } else if (step.widen) {
      // Drag the sash on the part's right edge (the side bar's width has no setting).
      const b = await page.locator(step.widen).first().boundingBox().catch(() => null);
      if (!b) problem = `${step.widen} not shown`;
      else {
        const [x, y] = [b.x + b.width, b.y + b.height / 2];
        await page.mouse.move(x, y); await page.mouse.down(); await page.mouse.move(x + step.by, y, { steps: 8 }); await page.mouse.up();
        await c.sleep(500);
      }
    } else if (step.click) problem = await clickText(page, step.click, step.text);
    else if (step.keys) {
      // With "until": press again (up to "tries" times) until that widget shows: providers may not be ready at once.
      for (let i = 0; i < (step.until ? step.tries || 3 : 1); i++) {
        for (const k of step.keys) { await page.keyboard.press(k); await c.sleep(300); }
        if (!step.until) break;
        if (await page.locator(step.until).filter({ visible: true }).first().waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
        if (i === (step.tries || 3) - 1) problem = `${step.until} not shown after ${step.keys.join(' ')}`;
        else await page.keyboard.press('Escape');
      }
    }
    else if (step.type) await page.keyboard.type(step.type);
    else if (step.wait) await c.sleep(step.wait);
    else if (step.shot) {
      const file = path.join(outDir, `${step.shot}-${suffix}.png`);
      const r = await shot(page, step, file);
      shots[step.shot] = r;
      log(`  shot ${path.basename(file)}: ${r.ok ? 'ok' : r.problems.join('; ')}`);
      problems.push(...r.problems.map((p) => `${step.shot}: ${p}`));
      continue;
    } else problem = `unknown step ${JSON.stringify(step)}`;
    if (problem) { problems.push(problem); break; }
  }
  return { shots, problems };
}

module.exports = { runSteps };
