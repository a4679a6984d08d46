#!/usr/bin/env node
// compare-chart.js - draws docs/compare-plans.svg, the README's picture of `report --chart`, from samples/:
// a copy of samples/ gets a small codebook and a dozen annotations made with the CLI itself (as an analyst
// would), then `policy-lens report COPY --chart docs/compare-plans.svg`. Needs `npm run build` first.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

const CODEBOOK = `version: 1
relations: []
codes:
  - id: commitment
    label: Commitment
    description: The plan commits to doing something.
  - id: tension
    label: Tension
    description: Sits uneasily with the other plan.
  - id: follow-up
    label: Follow up
    colour: "#C586C0"
`;

// [document, passage (may cross a line break), codes]
const ANNOTATIONS = [
  ['us-ai-action-plan-2025.policy.md', 'open\nsource and open-weight releases could become de facto global standards', ['open-source', 'tension']],
  ['us-ai-action-plan-2025.policy.md', "Whether to publish a model openly remains each developer's call, the plan says,\nbut the government should make the environment friendly to open models", ['open-source']],
  ['us-ai-action-plan-2025.policy.md', 'the government should make the environment friendly to open models', ['commitment']],
  ['us-ai-action-plan-2025.policy.md', 'making large-scale compute affordable for small players', ['infrastructure-compute', 'commitment']],
  ['cn-global-ai-governance-2025.txt', 'national sovereignty is to be respected', ['sovereignty', 'tension']],
  ['cn-global-ai-governance-2025.txt', 'open cooperation should be fostered instead of closed blocs', ['international-cooperation', 'commitment']],
  ['cn-global-ai-governance-2025.txt', 'open\nsource treated as a channel for international exchange', ['open-source', 'international-cooperation']],
  ['cn-global-ai-governance-2025.txt', 'international exchange', ['tension']],
  ['cn-global-ai-governance-2025.txt', 'gaps in connectivity and computing do not harden into a permanent divide', ['global-south-capacity', 'follow-up']],
  ['cn-global-ai-governance-2025.txt', 'intelligent\ncomputing power and data centers', ['infrastructure-compute']],
];

function position(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return `${before.length - 1}:${before[before.length - 1].length}`;
}

function run(...args) {
  return execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** A copy of samples/ in `dir` (made if need be) with the codebook and the annotations above. */
function annotatedSamples(dir) {
  fs.cpSync(path.join(root, 'samples'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.policy-lens'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.policy-lens', 'codebook.yaml'), CODEBOOK);
  for (const [name, passage, codes] of ANNOTATIONS) {
    const file = path.join(dir, 'plans', name);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(passage);
    if (at < 0) throw new Error(`'${passage}' is not in ${name}`);
    run('annotate', file, `${position(text, at)}-${position(text, at + passage.length)}`, ...codes.flatMap((c) => ['--code', c]), '--author', 'analyst');
  }
}

module.exports = { annotatedSamples };

if (require.main === module) {
  const out = path.resolve(process.argv[2] || path.join(root, 'docs', 'compare-plans.svg'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-compare-'));
  try {
    annotatedSamples(work);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    run('report', work, '--chart', out);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
