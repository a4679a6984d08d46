// ui-shots.js - screenshots.js configs for the parts of Policy Lens a daily user meets besides the colours: the theme
// legend, the code picker, the walkthrough, a counterpart to the side and in a peek, sidecars nested in the Explorer,
// the Quick Fix on an orphaned annotation. Each picture is checked by what the widget shows (ui-steps.js); scripts/theme-screenshots.js runs them on its
// annotated copy of samples/ (the US plan has a sidecar) and the pictures land in test-output/screenshots/ui-*/.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const US = 'plans/us-ai-action-plan-2025.policy.md';
const CN = 'cn-global-ai-governance-2025.txt';
// Colours are the themes run's check (a busy machine may colour the file after the first look): 1 colour is enough.
const base = { file: US, themes: ['Default Dark Modern'], scroll: false, settleMs: 3000, minDistinctColors: 1, expectLanguage: 'Policy Markdown' };

const BRIEF = 'notes/briefing.policy.md';
const GONE = 'This sentence was coded and then deleted.';

/** A document with an orphaned annotation, for the Quick Fix: annotated with the CLI, then the passage removed. */
function prepare(workspace, cli) {
  const doc = path.join(workspace, BRIEF);
  const keep = 'The US plan treats open-weight models as a strategic asset; the CN plan backs open-source communities. Neither says much about export controls here.';
  fs.mkdirSync(path.dirname(doc), { recursive: true });
  fs.writeFileSync(doc, `# Briefing notes\n\n${GONE}\n\n${keep}\n`);
  const r = spawnSync(process.execPath, [cli, 'annotate', doc, `2:0-2:${GONE.length}`, '--code', 'open-source', '--note', 'To compare with CN action 5.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`annotate failed: ${r.stderr}`);
  fs.writeFileSync(doc, `# Briefing notes\n\n${keep}\n`);
}

const shots = [
  {
    // Pickers are long (16 themes with their descriptions): a tall window shows them whole.
    sub: 'ui-pickers',
    config: { ...base, viewport: { width: 1400, height: 2100 }, settings: { 'policyLens.themes.hidden': ['sovereignty'] },
      steps: [
        { command: 'Policy Lens: Show Themes' },
        { shot: 'theme-legend', of: 'quickInput', expect: ['Policy Lens: themes (checked ones are highlighted)', 'Science and research'],
          checked: ['International cooperation', 'Science and research'], unchecked: ['Sovereignty and self-reliance'] },
        { keys: ['Escape'] },
        // No selection: the sentence under the cursor is coded; us-2.6's themes start ticked.
        { goto: 'stand to gain from AI-enabled' },
        { command: 'Policy Lens: Annotate Selection' },
        { shot: 'annotate-codes', of: 'quickInput', expect: ['Annotate selection: codes', 'New code…'],
          checked: ['Safety and security', 'Infrastructure and compute'], unchecked: ['International cooperation', 'New code…'] },
        { keys: ['Escape'] },
      ] },
  },
  {
    sub: 'ui-walkthrough',
    config: { ...base, viewport: { width: 1400, height: 900 },
      steps: [
        { command: 'View: Close Primary Side Bar' }, // the page's columns get the room
        { command: 'Welcome: Open Walkthrough' },
        { type: 'Policy Lens' }, { wait: 800 }, { keys: ['Enter'] },
        { shot: 'walkthrough', of: '.part.editor', margin: 0, settleMs: 3000,
          expect: ['Compare policy documents with Policy Lens', 'Open the sample plans', 'Hover a provision', 'Jump to the counterpart', 'Annotate a passage', 'Export your coding'] },
      ] },
  },
  {
    sub: 'ui-side',
    config: { ...base, viewport: { width: 1400, height: 900 },
      steps: [
        // The lens above us-1.3 peeks its one counterpart, cn-5, with the relation on the lens.
        { goto: 'Models that anyone may download' },
        { click: '.contentWidgets .codelens-decoration a', text: 'cn-5' },
        { shot: 'peek-counterpart', of: 'peek', with: '.contentWidgets .codelens-decoration', withText: 'cn-5', margin: 8, expect: ['aligned', 'Building a pluralistic and open innovation ecosystem', CN] },
        { keys: ['Escape'] },
        // Sidecars nest under their document (the workspace turns nesting on; the pattern is the extension's default).
        { widen: '.part.sidebar', by: 110 }, // room for the sidecar's whole name
        { command: 'File: Reveal Active File in Explorer View' },
        { keys: ['ArrowRight'] },
        { shot: 'file-nesting', of: '.part.sidebar', margin: 0, height: 240,
          nested: [['us-ai-action-plan-2025.policy.md.annotations.yaml', 'us-ai-action-plan-2025.policy.md']] },
        { command: 'View: Close Primary Side Bar' },
        { goto: 'Models that anyone may download' },
        { command: 'Policy Lens: Open Counterpart to the Side' },
        { wait: 2000 },
        { shot: 'counterpart-to-side', of: '.part.editor', margin: 0, height: 640,
          editors: [{ tab: 'us-ai-action-plan-2025.policy.md', text: 'Encourage Open-Source and Open-Weight AI' }, { tab: CN, text: 'Building a pluralistic and open innovation ecosystem' }] },
      ] },
  },
  {
    sub: 'ui-quickfix',
    config: { ...base, file: BRIEF, viewport: { width: 1300, height: 560 },
      steps: [
        { waitFor: '[id="status.problems"]', text: '1' }, // the orphan's warning
        { keys: ['Control+Shift+M'] }, // the Problems panel, for the warning's text
        { goto: 'The US plan treats' },
        { keys: ['Control+.'], until: '.action-widget' },
        { shot: 'quick-fix-orphan', of: '.part.editor', with: '.part.panel', margin: 0, height: 420,
          expect: ['Orphaned annotation (open-source)', 'Re-attach the annotation…', 'Delete the annotation'] },
        { keys: ['Escape'] },
      ] },
  },
];

module.exports = { shots, prepare };
