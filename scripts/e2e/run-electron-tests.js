#!/usr/bin/env node
// run-electron-tests.js - run the same extension-host suite (out/test/e2e/index.js) in desktop VS Code through
// @vscode/test-electron's runTests, for machines where VS Code can be downloaded or is installed.
//
// Why a second runner: desktop VS Code (Electron) is what users run; code-server is the fallback for machines where
// it cannot be had (like the project's CI machine: no download site reachable, no Electron in Debian).
//
// VS Code: env VSCODE_EXECUTABLE (the Electron binary, e.g. /usr/share/code/code; the `code` launcher script is
// resolved to it, since the launcher returns at once) or else downloaded by test-electron (env VSCODE_VERSION,
// default "stable") into $CACHE/vscode-test. The same pass/fail contract as the code-server runner: exit 0 only if
// VS Code exited 0 AND the suite wrote a valid, non-empty, green summary to POLICY_LENS_E2E_SUMMARY (passed through
// runTests' extensionTestsEnv). Workspace Trust: test-electron always passes --disable-workspace-trust, so trust is
// OFF here and vscode.workspace.isTrusted is true (POLICY_LENS_E2E_TRUST=disabled tells the suite).
// VS Code runs in its own process group (this script re-executes itself detached with --inner), so a timeout or
// Ctrl+C kills all of it. On Linux without DISPLAY, Xvfb is started when available.
//   exit 1 tests failed | 2 harness/setup error (incl. download failure) | 3 summary missing/invalid/empty
//   | 124 timeout | 128+n signal
//
// usage: node scripts/e2e/run-electron-tests.js [--extension DIR] [--tests FILE|DIR] [--samples DIR] [--timeout SEC] [--keep]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

if (process.argv[2] === '--inner') { inner(); } else { outerMain(); }

// ------------------------------------------------------------------------------------------------ inner process
// Runs in its own process group; config in env POLICY_LENS_E2E_INNER (JSON). Exit code = VS Code's exit code.
function inner() {
  const cfg = JSON.parse(process.env.POLICY_LENS_E2E_INNER);
  let te;
  try { te = require(require.resolve('@vscode/test-electron', { paths: [cfg.repo] })); } catch (e) {
    console.error('@vscode/test-electron not found - run `npm ci`:', e.message); process.exit(2);
  }
  te.runTests({
    vscodeExecutablePath: cfg.executable || undefined,
    version: cfg.executable ? undefined : cfg.version,
    cachePath: cfg.cachePath,
    extensionDevelopmentPath: cfg.extDir,
    extensionTestsPath: cfg.tests,
    extensionTestsEnv: cfg.testsEnv,
    launchArgs: [cfg.workspace, `--user-data-dir=${cfg.userDataDir}`, `--extensions-dir=${cfg.extensionsDir}`,
      '--disable-extensions', '--disable-gpu', '--disable-telemetry', '--skip-add-to-recently-opened'],
  }).then((code) => process.exit(code), (e) => {
    console.error(e && e.message || e);
    process.exit(e instanceof te.TestRunFailedError ? (e.code || 1) : 2); // no code = download/launch problem
  });
}

// ------------------------------------------------------------------------------------------------ outer process
function resolveExecutable(p) {
  // The `code` launcher (shell script) starts VS Code detached and returns at once: use the Electron binary instead.
  const real = fs.realpathSync(p);
  const head = fs.readFileSync(real, { encoding: 'latin1' }).slice(0, 4096);
  if (!head.startsWith('#!') || !/cli\.js/.test(head)) return real; // VS Code's bin/code runs resources/app/out/cli.js
  const name = (/^NAME="([^"]+)"/m.exec(head) || [])[1] || 'code';
  for (const cand of [path.join(path.dirname(path.dirname(real)), name), path.join(path.dirname(real), '..', '..', name)]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile()) return path.resolve(cand);
  }
  throw new Error(`VSCODE_EXECUTABLE=${p} is a launcher script and the Electron binary next to it was not found; set VSCODE_EXECUTABLE to the binary (e.g. /usr/share/code/code)`);
}

async function startXvfb(c, log) {
  if (process.platform !== 'linux' || process.env.DISPLAY) return;
  if (spawnSync('sh', ['-c', 'command -v Xvfb']).status !== 0) {
    log('WARNING: no DISPLAY and no Xvfb - desktop VS Code will probably fail to start (apt-get install xvfb)');
    return;
  }
  const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  c.groupsToKill.add(x.pid);
  c.onCleanup(() => c.killGroup(x.pid));
  const display = await new Promise((resolve) => {
    let buf = '';
    x.stdio[3].on('data', (d) => { buf += d; if (buf.includes('\n')) resolve(buf.trim()); });
    x.on('exit', () => resolve(null));
    setTimeout(() => resolve(null), 10000);
  });
  if (!display) throw new Error('Xvfb did not start');
  process.env.DISPLAY = `:${display}`;
  log(`started Xvfb on DISPLAY=:${display}`);
}

async function outer() {
  const c = require('./common');
  const log = c.makeLogger('e2e:electron');
  const a = c.parseArgs(process.argv.slice(2), { extension: 1, tests: 1, samples: 1, timeout: 1, keep: 'flag' });
  const extDir = path.resolve(a.extension || process.env.POLICY_LENS_E2E_EXTENSION || c.REPO);
  const tests = path.resolve(a.tests || process.env.POLICY_LENS_E2E_TESTS || path.join(c.REPO, 'out/test/e2e/index.js'));
  const samples = path.resolve(a.samples || process.env.POLICY_LENS_E2E_SAMPLES || path.join(c.REPO, 'samples'));
  const timeoutS = Number(a.timeout || process.env.POLICY_LENS_E2E_TIMEOUT || 600);
  const outDir = path.join(c.REPO, 'test-output', 'e2e', 'electron');
  let executable = '';
  try {
    c.checkExtension(extDir);
    c.resolveTests(tests);
    if (!fs.existsSync(samples)) throw new Error(`sample workspace ${samples} does not exist`);
    if (process.env.VSCODE_EXECUTABLE) executable = resolveExecutable(process.env.VSCODE_EXECUTABLE);
  } catch (e) { log('SETUP ERROR:', e.message); return 2; }
  c.rmrf(outDir); fs.mkdirSync(outDir, { recursive: true });

  const runDir = c.makeRunDir('el', { keep: !!(a.keep || process.env.POLICY_LENS_E2E_KEEP === '1') });
  const ws = c.copyWorkspace(samples, runDir);
  const summaryFile = path.join(runDir, 'summary.json');
  c.writeUserSettings(runDir, { 'window.restoreWindows': 'none', 'window.newWindowDimensions': 'default' });
  c.onCleanup(() => { try { fs.copyFileSync(summaryFile, path.join(outDir, 'summary.json')); } catch { /* absent */ } });
  await startXvfb(c, log);

  const cfg = {
    repo: c.REPO, executable, version: process.env.VSCODE_VERSION || 'stable', cachePath: path.join(c.CACHE, 'vscode-test'),
    extDir, tests, workspace: ws, userDataDir: path.join(runDir, 'ud'), extensionsDir: path.join(runDir, 'ext'),
    testsEnv: { POLICY_LENS_E2E_SUMMARY: summaryFile, POLICY_LENS_E2E_MODE: 'electron', POLICY_LENS_E2E_WORKSPACE: ws,
      POLICY_LENS_E2E_REPO: c.REPO, POLICY_LENS_E2E_TRUST: 'disabled' },
  };
  log(executable ? `VS Code: ${executable}` : `VS Code: download "${cfg.version}" into ${cfg.cachePath} (needs the internet)`);
  log(`run dir ${runDir}; workspace copy ${ws}`);
  const child = spawn(process.execPath, [__filename, '--inner'], {
    detached: true, stdio: 'inherit', env: { ...c.runEnv(runDir), POLICY_LENS_E2E_INNER: JSON.stringify(cfg) },
  });
  c.groupsToKill.add(child.pid);
  c.onCleanup(() => c.killGroup(child.pid));

  const t0 = Date.now();
  const res = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ code: 124, why: `timeout after ${timeoutS}s` }), timeoutS * 1000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code: code ?? 128 }); });
  });
  if (c.stopping()) return 130;
  await c.killGroup(child.pid); // whatever VS Code left behind
  log(res.why ? `NO RESULT: ${res.why}` : `runTests ended with exit code ${res.code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (res.code === 2 && !executable) log('VS Code could not be downloaded/started - set VSCODE_EXECUTABLE, or use POLICY_LENS_E2E=code-server');

  const verdict = c.checkSummary(summaryFile);
  if (process.env.POLICY_LENS_E2E_RESULT_FILE && fs.existsSync(summaryFile)) fs.copyFileSync(summaryFile, process.env.POLICY_LENS_E2E_RESULT_FILE);
  log(`summary: ${c.describeSummary(verdict.summary)}`);
  for (const p of verdict.problems) log('  - ' + p);
  for (const f of (verdict.summary && Array.isArray(verdict.summary.failures) ? verdict.summary.failures : []).slice(0, 20)) {
    log(`  FAILED: ${f.title}: ${String(f.error || '').split('\n')[0]}`);
  }
  let rc;
  if (res.why) rc = res.code;
  else if (res.code === 2 && !verdict.summary) rc = 2;   // VS Code could not be downloaded / launched
  else if (res.code !== 0) rc = 1;
  else if (verdict.ok) rc = 0;
  else rc = verdict.summary && verdict.summary.failed > 0 ? 1 : 3;
  log(rc === 0 ? 'PASS' : `FAIL (exit ${rc})`);
  return rc;
}

function outerMain() {
  const c = require('./common');
  outer().then((rc) => c.exitWith(rc), (e) => { console.error('HARNESS ERROR:', e && e.stack || e); c.exitWith(2); });
}
