#!/usr/bin/env node
// run-code-server-tests.js - run the extension-host test suite of Policy Lens inside REAL VS Code (code-server
// 1.100.3 workbench + Node extension host) driven by headless Debian chromium through playwright-core.
//
// Why: @vscode/test-electron cannot download VS Code on this kind of machine; code-server comes from npm and runs
// the very same `extensionTestsPath` module (exports run(): Promise<void>) in a real Node extension host.
//
// How: install code-server if needed (install-code-server.sh) -> fresh run dir in the cache with a COPY of samples/
// -> start code-server (own process group, --auth none, telemetry/update checks off, user data + extensions inside
// the run dir) -> chromium opens  /?folder=<copy>&payload=[["extensionDevelopmentPath","vscode-remote://HOST<repo>"],
// ["extensionTestsPath","vscode-remote://HOST<tests>"]]  -> the workbench reports the suite's log lines and its exit
// code through window.codeAutomationLog / window.codeAutomationExit, which we expose and relay to stdout.
//
// Pass/fail: exit 0 ONLY when run() resolved AND the suite's summary file (env POLICY_LENS_E2E_SUMMARY, set on the
// code-server process and inherited by the extension host) exists, is well-formed, reports >= 1 test and 0
// failures. A run that never started, ran nothing, timed out or crashed can never exit 0.
//   exit 1 tests failed | 2 harness/setup error | 3 summary missing/invalid/empty | 124 timeout | 128+n signal
//
// usage: node scripts/e2e/run-code-server-tests.js [--extension DIR] [--tests FILE|DIR] [--samples DIR]
//                                                  [--timeout SEC] [--port N] [--keep] [--verbose]
// env:   POLICY_LENS_E2E_TIMEOUT (s, default 600), POLICY_LENS_E2E_TESTS, POLICY_LENS_E2E_SAMPLES,
//        POLICY_LENS_E2E_EXTENSION, POLICY_LENS_E2E_KEEP=1 (keep run dir), POLICY_LENS_E2E_VERBOSE=1 (browser console),
//        POLICY_LENS_E2E_MIN_TESTS (default 1), POLICY_LENS_E2E_CACHE, CHROME_PATH,
//        POLICY_LENS_E2E_TRUST = seed (default: Workspace Trust ON, the workspace copy pre-trusted, see common.js)
//                              | disabled (--disable-workspace-trust, like @vscode/test-electron and the kit)
//                              | untrusted (trust ON, nothing trusted: restricted mode, for testing that).
// The extension host sees: POLICY_LENS_E2E_SUMMARY, POLICY_LENS_E2E_MODE=code-server, POLICY_LENS_E2E_WORKSPACE
// (the copy), POLICY_LENS_E2E_REPO, POLICY_LENS_E2E_TRUST. Artifacts (code-server log, summary, timeout screenshot): test-output/e2e/code-server/.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const c = require('./common');

const log = c.makeLogger('e2e:code-server');
// workbench chatter that is not test output (the no-network gallery errors, connection set-up lines)
const NOISE = /getaddrinfo ENOTFOUND|open-vsx\.org|marketplace\.visualstudio|AgentHost|ChatModelSelection|^Creating a socket|^Resolv(ing|ed) connection token|^Updating additional builtin extensions cache|^\[Service Worker\]|^ChatSessionStore:/;

async function main() {
  const a = c.parseArgs(process.argv.slice(2), { extension: 1, tests: 1, samples: 1, timeout: 1, port: 1, keep: 'flag', verbose: 'flag', help: 'flag' });
  if (a.help) { console.log(fs.readFileSync(__filename, 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n')); return 0; }
  const extDir = path.resolve(a.extension || process.env.POLICY_LENS_E2E_EXTENSION || c.REPO);
  const tests = path.resolve(a.tests || process.env.POLICY_LENS_E2E_TESTS || path.join(c.REPO, 'out/test/e2e/index.js'));
  const samples = path.resolve(a.samples || process.env.POLICY_LENS_E2E_SAMPLES || path.join(c.REPO, 'samples'));
  const timeoutS = Number(a.timeout || process.env.POLICY_LENS_E2E_TIMEOUT || 600);
  const keep = !!(a.keep || process.env.POLICY_LENS_E2E_KEEP === '1');
  const verbose = !!(a.verbose || process.env.POLICY_LENS_E2E_VERBOSE === '1');
  const outDir = path.join(c.REPO, 'test-output', 'e2e', 'code-server');
  const trust = process.env.POLICY_LENS_E2E_TRUST || 'seed';
  if (!['seed', 'disabled', 'untrusted'].includes(trust)) { log(`SETUP ERROR: POLICY_LENS_E2E_TRUST=${trust} (seed|disabled|untrusted)`); return 2; }

  // Fail fast (exit 2) on anything that would make the run meaningless.
  try {
    c.checkExtension(extDir);
    c.resolveTests(tests);
    if (!fs.existsSync(samples)) throw new Error(`sample workspace ${samples} does not exist`);
  } catch (e) { log('SETUP ERROR:', e.message); return 2; }
  c.rmrf(outDir); fs.mkdirSync(outDir, { recursive: true });
  // hard deadline for the whole run including set-up (the suite's own timeout below starts when the page opens)
  setTimeout(() => { log(`TIMEOUT: no result within ${timeoutS + 60}s`); c.exitWith(124); }, (timeoutS + 60) * 1000).unref();

  const cs = c.ensureCodeServer(log);
  const runDir = c.makeRunDir('cs', { keep });
  const ws = c.copyWorkspace(samples, runDir);
  const summaryFile = path.join(runDir, 'summary.json');
  c.writeUserSettings(runDir);
  const env = c.runEnv(runDir, {
    POLICY_LENS_E2E_SUMMARY: summaryFile, POLICY_LENS_E2E_MODE: 'code-server',
    POLICY_LENS_E2E_WORKSPACE: ws, POLICY_LENS_E2E_REPO: c.REPO, POLICY_LENS_E2E_TRUST: trust,
  });
  log(`run dir ${runDir}; workspace copy ${ws}`);
  const copyArtifacts = () => {
    for (const f of ['code-server.log', 'summary.json']) {
      try { fs.copyFileSync(path.join(runDir, f), path.join(outDir, f)); } catch { /* absent */ }
    }
  };
  c.onCleanup(copyArtifacts); // runs before the run dir is removed (cleanups run in reverse order)

  const port = Number(a.port || 0) || await c.freePort();
  const server = await c.startCodeServer(cs, { runDir, port, env, log, disableTrust: trust === 'disabled' });
  const { page } = await c.launchBrowser(runDir);

  let finish;
  const done = new Promise((r) => { finish = (v) => { if (!c.stopping()) r(v); }; }); // a signal-driven stop owns the exit
  let relayed = 0;
  await page.exposeFunction('codeAutomationLog', (type, messages) => {
    const text = util.format(...(Array.isArray(messages) ? messages : [messages])); // printf-style, like console.log
    if (NOISE.test(text)) return;
    relayed++;
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) }));
  page.on('crash', () => finish({ code: 2, why: 'the workbench page crashed' }));
  if (verbose) page.on('console', (m) => console.log('[browser]', m.type(), m.text().slice(0, 400)));

  if (trust === 'seed') {
    try {
      await c.seedWorkspaceTrust(page, server, [ws]);
    } catch (e) { log('WARNING: could not seed workspace trust (the workspace may open in restricted mode):', e.message); }
  }

  const payload = [
    ['extensionDevelopmentPath', c.remoteUri(server.host, extDir)],
    ['extensionTestsPath', c.remoteUri(server.host, tests)],
    ['skipWelcome', 'true'],
  ];
  const url = c.workbenchUrl(server.origin, ws, payload);
  log('opening', url);
  const tOpen = Date.now();
  await page.goto(url);

  // Watchdogs: overall timeout; extension host gone without reporting; code-server gone.
  const timer = setTimeout(() => finish({ code: 124, why: `timeout after ${timeoutS}s` }), timeoutS * 1000);
  let hostExitSeen = 0;
  const watch = setInterval(() => {
    if (server.exited()) finish({ code: 2, why: `code-server exited (${JSON.stringify(server.exited())})` });
    const m = /Extension Host Process exited with code: (\d+)/.exec(c.tail(server.logFile, 200));
    if (m && !hostExitSeen) hostExitSeen = Date.now();
    if (hostExitSeen && Date.now() - hostExitSeen > 20000) finish({ code: 2, why: `extension host exited (code ${m && m[1]}) without reporting a result` });
  }, 1000);

  const res = await done;
  clearTimeout(timer); clearInterval(watch);
  const secs = ((Date.now() - tOpen) / 1000).toFixed(1);
  if (res.why) {
    log(`NO RESULT: ${res.why}`);
    await page.screenshot({ path: path.join(outDir, 'no-result.png') }).catch(() => {});
    log(`screenshot: ${path.join(outDir, 'no-result.png')}; code-server log tail:\n${c.tail(server.logFile, 25)}`);
  } else {
    log(`suite finished after ${secs}s: run() ${res.code === 0 ? 'resolved' : `rejected (exit code ${res.code})`}; ${relayed} log line(s) relayed`);
  }

  // The suite writes its summary synchronously before run() settles; allow a moment for slow file systems.
  for (let i = 0; i < 20 && !res.why && !fs.existsSync(summaryFile); i++) await c.sleep(100);
  const verdict = c.checkSummary(summaryFile);
  if (process.env.POLICY_LENS_E2E_RESULT_FILE && fs.existsSync(summaryFile)) fs.copyFileSync(summaryFile, process.env.POLICY_LENS_E2E_RESULT_FILE);
  copyArtifacts();
  log(`summary: ${c.describeSummary(verdict.summary)}`);
  for (const p of verdict.problems) log('  - ' + p);
  if (verdict.summary && Array.isArray(verdict.summary.failures)) {
    for (const f of verdict.summary.failures.slice(0, 20)) log(`  FAILED: ${f.title}: ${String(f.error || '').split('\n')[0]}`);
  }

  let rc;
  if (res.why) rc = res.code;                  // timeout / crash / extension host died: never 0
  else if (res.code !== 0) rc = 1;             // run() rejected
  else if (verdict.ok) rc = 0;                 // the ONLY way to 0: run() resolved + valid, non-empty, green summary
  else rc = verdict.summary && verdict.summary.failed > 0 ? 1 : 3;
  log(rc === 0 ? 'PASS' : `FAIL (exit ${rc})`);
  return rc;
}

main().then((rc) => c.exitWith(rc), (e) => { log('HARNESS ERROR:', e && e.stack || e); c.exitWith(2); });
