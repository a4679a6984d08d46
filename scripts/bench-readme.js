#!/usr/bin/env node
// bench-readme.js - writes the README's Performance table from bench/results.json (npm run bench does this
// itself; this is for a results.json edited or merged by hand). Needs the compiled bench (npx tsc -p tsconfig.json).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { withReadmeTable } = require(path.join(root, 'out', 'bench', 'readmeTable.js'));
const results = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'results.json'), 'utf8'));
const readme = path.join(root, 'README.md');
const updated = withReadmeTable(fs.readFileSync(readme, 'utf8'), results);
if (updated === undefined) {
  console.error('README.md has no bench-table markers');
  process.exit(1);
}
fs.writeFileSync(readme, updated);
console.log('README.md: Performance table written from bench/results.json');
