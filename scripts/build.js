#!/usr/bin/env node
// Bundles the extension (dist/extension.js), the CLI (dist/cli.js) and the generator used by
// scripts/generate.js, with esbuild. Type checking is separate: npm run typecheck.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };

async function main() {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['vscode-oniguruma/release/onig.wasm'], banner: { js: '#!/usr/bin/env node' } }),
    esbuild.build({ ...common, minify: false, sourcemap: false, entryPoints: ['src/tools/generate.ts'], outfile: 'out/tools/generate.js' }),
  ]);
  fs.copyFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'), path.join(root, 'dist', 'onig.wasm'));
  fs.chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
