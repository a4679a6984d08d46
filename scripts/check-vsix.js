#!/usr/bin/env node
// check-vsix.js FILE - the packaged extension stays small and holds both entries: fails (exit 1) over
// 1 MB, without dist/extension.js (desktop), dist/web/extension.js (web) or the English strings (package.nls.json,
// l10n/bundle.l10n.json), or with test bundles or source maps.
'use strict';
const fs = require('fs');
const { unzipSync } = require('fflate');

const LIMIT = 1_000_000;
const file = process.argv[2] || 'policy-lens.vsix';
const size = fs.statSync(file).size;
const problems = [];
if (size >= LIMIT) problems.push(`${size} bytes, over the limit of ${LIMIT}`);
const names = [];
try {
  // Lists the entries without inflating any.
  unzipSync(fs.readFileSync(file), { filter: (f) => (names.push(f.name), false) });
} catch (e) {
  problems.push(`not a readable zip (${e.message})`);
}
for (const entry of ['extension/dist/extension.js', 'extension/dist/web/extension.js', 'extension/package.nls.json', 'extension/l10n/bundle.l10n.json']) if (!names.includes(entry)) problems.push(`${entry} is missing`);
for (const n of names) if (/\.map$|^extension\/dist\/web\/test\/|^extension\/(src|test|out|node_modules)\//.test(n)) problems.push(`${n} should not ship`);
if (problems.length) {
  console.error(`${file}: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`${file}: ${(size / 1024).toFixed(1)} KB (limit ${LIMIT / 1000} KB), ${names.length} files, both entries present`);
