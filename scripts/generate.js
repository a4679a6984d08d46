#!/usr/bin/env node
// Regenerates the grammars in syntaxes/ and the colour contributions in package.json from
// annotations/themes.yaml. With --check, changes nothing and fails when a checked-in file is stale.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const check = process.argv.includes('--check');

async function main() {
  const { generatedFiles } = require(path.join(root, 'out', 'tools', 'generate.js'));
  const files = await generatedFiles(root, fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const stale = [];
  for (const [rel, content] of files) {
    const file = path.join(root, rel);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === content) continue;
    stale.push(rel);
    if (!check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  if (check && stale.length) {
    console.error(`stale generated files (run npm run generate): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'generated files are up to date');
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
