#!/usr/bin/env node
// Bundles the extension (dist/extension.js for the desktop, dist/web/extension.js for the web worker of
// vscode.dev / github.dev), the CLI (dist/cli.js) and the generator used by scripts/generate.js, with
// esbuild. Type checking is separate: npm run typecheck.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };

/** The bundled knowledge pack as a module for the web entry (src/types/bundledPack.d.ts): relative path → text. */
const bundledPackPlugin = {
  name: 'bundled-pack',
  setup(build) {
    build.onResolve({ filter: /^policy-lens:bundled-pack$/ }, (args) => ({ path: args.path, namespace: 'bundled-pack' }));
    build.onLoad({ filter: /.*/, namespace: 'bundled-pack' }, () => {
      const dir = path.join(root, 'annotations');
      const files = {};
      for (const name of ['themes.yaml', 'counterparts.yaml']) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const name of fs.readdirSync(path.join(dir, 'plans')).filter((n) => /\.ya?ml$/i.test(n)).sort()) files[`plans/${name}`] = fs.readFileSync(path.join(dir, 'plans', name), 'utf8');
      return { contents: `export default ${JSON.stringify(files)};`, loader: 'js', watchFiles: Object.keys(files).map((n) => path.join(dir, n)) };
    });
  },
};

/**
 * The web worker has no Node: platform 'browser' already refuses to resolve a Node built-in (the build fails),
 * and this refuses any module of the Node or CLI layers, even one that would happen to bundle.
 */
function checkWebInputs(metafile) {
  const bad = Object.keys(metafile.inputs).filter((f) => /^src\/(node|cli)\//.test(f) || /^node:/.test(f));
  if (bad.length) throw new Error(`the web bundle must not include Node-only modules: ${bad.join(', ')}`);
}

/** The web worker's bundle: platform browser, no Node polyfills, `vscode` the only external. */
// A library's `typeof Buffer !== 'undefined' && Buffer.isBuffer(x)` (fast-xml-parser) is always false in the
// worker: defining Buffer as undefined says so, and keeps every Node global out of the bundle.
const web = { ...common, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], external: ['vscode'], metafile: true, plugins: [bundledPackPlugin], define: { Buffer: 'undefined' } };

async function main() {
  const [, webBuild] = await Promise.all([
    esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    esbuild.build({ ...web, entryPoints: ['src/webExtension.ts'], outfile: 'dist/web/extension.js' }),
    // The web suite (scripts/e2e/web.js), bundled as the extension is; not shipped (.vscodeignore).
    esbuild.build({ ...web, metafile: false, plugins: [], entryPoints: ['test/web/index.ts'], outfile: 'dist/web/test/index.js' }),
    esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
    esbuild.build({ ...common, minify: false, sourcemap: false, entryPoints: ['src/tools/generate.ts'], outfile: 'out/tools/generate.js' }),
  ]);
  checkWebInputs(webBuild.metafile);
  fs.writeFileSync(path.join(root, 'dist', 'web', 'meta.json'), JSON.stringify(webBuild.metafile));
  fs.chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
}

module.exports = { web, checkWebInputs };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
