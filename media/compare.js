// The Compare Plans page: sends the extension which bar, cell or number was activated (click, Enter or
// Space), and lists the passages it answers with. Runs under the page's CSP: this file only, no inline code;
// every text shown is set with textContent, and a link is kept only when it runs our open-passage command.
/* global acquireVsCodeApi, document, window, Element, KeyboardEvent */
'use strict';
(function () {
  const vscode = acquireVsCodeApi();
  const LINK_PREFIX = 'command:policyLens.openPassage?';
  const marks = () => Array.from(document.querySelectorAll('svg [data-chart][tabindex="0"]'));
  let selected;

  function activate(el) {
    if (selected) selected.classList.remove('selected');
    selected = el;
    el.classList.add('selected');
    vscode.postMessage({ type: 'select', chart: el.getAttribute('data-chart'), a: el.getAttribute('data-a'), b: el.getAttribute('data-b') });
  }

  document.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest('[data-chart]') : null;
    if (el && (el.getAttribute('tabindex') === '0' || el.tagName === 'BUTTON')) activate(el);
  });
  document.addEventListener('keydown', (e) => {
    const el = e.target instanceof Element ? e.target.closest('svg [data-chart][tabindex="0"]') : null;
    // Buttons (the tables' numbers) turn Enter and Space into a click themselves.
    if (!el || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    activate(el);
  });
  document.getElementById('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));

  function showPassages(m) {
    document.getElementById('passages-title').textContent = String(m.title);
    const list = document.getElementById('passages-list');
    list.replaceChildren();
    let links = 0;
    for (const item of Array.isArray(m.items) ? m.items : []) {
      const li = document.createElement('li');
      const href = String(item.href);
      if (href.startsWith(LINK_PREFIX)) {
        const a = document.createElement('a');
        a.href = href;
        a.textContent = String(item.label);
        li.append(a);
        links++;
      } else li.append(document.createTextNode(String(item.label)));
      const q = document.createElement('q');
      q.textContent = String(item.excerpt);
      li.append(' ', q);
      list.append(li);
    }
    vscode.postMessage({ type: 'shown', links });
  }

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'passages') showPassages(m);
    else if (m.type === 'test-press' && document.body.dataset.testHooks === '1') {
      // The extension-host test presses a key on a tab stop, as a keyboard user would.
      const el = marks()[m.index];
      if (!el) return;
      el.focus();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: m.key, bubbles: true, cancelable: true }));
    }
  });

  const firstBar = document.querySelector('svg .pl-bar');
  vscode.postMessage({
    type: 'ready',
    focusable: marks().length,
    tables: document.querySelectorAll('table').length,
    charts: document.querySelectorAll('.chart svg').length,
    // What the page looks like to its reader: VS Code's theme kind on the body, and the first bar's colour.
    themeKind: document.body.getAttribute('data-vscode-theme-kind') || '',
    firstBarFill: firstBar ? firstBar.getAttribute('fill') || '' : '',
  });
})();
