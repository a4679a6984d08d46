#!/usr/bin/env node
// Proves in real VS Code that every theme of the lexicon gets its own colour in Dark Modern, Light Modern and
// High Contrast with default settings: writes a gallery document (one line per theme, its first phrases), opens it
// with scripts/e2e/screenshots.js, and requires 16 groups with 16 distinct colours per colour theme. Also opens the
// US sample and hovers a phrase, then takes the checked pictures of e2e/ui-shots.js (legend, code picker, walkthrough,
// peek, side by side, nesting, Quick Fix). Screenshots and colour tables land in test-output/screenshots/.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const YAML = require('yaml');

const repo = path.resolve(__dirname, '..');
const { themes } = YAML.parse(fs.readFileSync(path.join(repo, 'annotations', 'themes.yaml'), 'utf8'));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-gallery-'));
fs.cpSync(path.join(repo, 'samples'), workspace, { recursive: true });

const expect = {};
const lines = ['# Theme gallery', '', 'One line per theme of the Policy Lens lexicon.', ''];
for (const t of themes) {
  const phrases = t.phrases.filter((p) => !p.ambiguous).slice(0, 3).map((p) => p.text);
  expect[phrases[0]] = t.id;
  lines.push(`- ${t.label}: ${phrases.join(', ')}.`);
}
fs.writeFileSync(path.join(workspace, 'gallery.policy.md'), `${lines.join('\n')}\n`);

const out = path.join(repo, 'test-output', 'screenshots');
const run = (config, sub) =>
  spawnSync(process.execPath, [path.join(__dirname, 'e2e', 'screenshots.js'), JSON.stringify(config), '--samples', workspace, '--out', path.join(out, sub)], { stdio: 'inherit' }).status;

// A few annotations on the US sample, added with the CLI (the editor's own code), so the pictures show them.
const usDoc = path.join(workspace, 'plans', 'us-ai-action-plan-2025.policy.md');
const usLines = fs.readFileSync(usDoc, 'utf8').split('\n');
const annotate = (phrase, codes, note) => {
  const line = usLines.findIndex((l) => l.includes(phrase));
  const ch = usLines[line].indexOf(phrase);
  const args = [path.join(repo, 'dist', 'cli.js'), 'annotate', usDoc, `${line}:${ch}-${line}:${ch + phrase.length}`, ...codes.flatMap((c) => ['--code', c]), '--note', note];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`annotate failed: ${r.stderr}`);
};
annotate('contest for worldwide leadership', ['international-cooperation'], 'Race framing: compare the CN preamble (AI as a global public good).');
annotate('Invest in Biosecurity', ['safety-security'], 'Check whether CN item 10 covers biological risks at all.');

// POLICY_LENS_SHOTS_ONLY=<sub> (e.g. ui-side) runs that one config: for working on a picture.
const only = process.env.POLICY_LENS_SHOTS_ONLY;
let status = only ? 0 : run({ file: 'gallery.policy.md', expect, distinct: true, expectGroups: themes.length, expectLanguage: 'Policy Markdown' }, 'themes');
if (status === 0 && !only) {
  status = run({ file: 'plans/us-ai-action-plan-2025.policy.md', themes: ['Default Dark Modern'], settleMs: 5000, expectLanguage: 'Policy Markdown', hover: { word: 'Biosecurity', expect: 'us-3.7' } }, 'sample');
}
// The legend, the code picker, the walkthrough, peek, side by side, nesting, Quick Fix: checked pictures (e2e/ui-shots.js).
const ui = require('./e2e/ui-shots');
ui.prepare(workspace, path.join(repo, 'dist', 'cli.js'));
for (const { sub, config } of ui.shots) if (status === 0 && (!only || only === sub)) status = run(config, sub);
fs.rmSync(workspace, { recursive: true, force: true });
console.log(status === 0 ? `theme colours: ${themes.length} themes, distinct in every colour theme; screenshots in ${path.relative(repo, out)}` : 'theme screenshots FAILED');
process.exit(status ?? 1);
