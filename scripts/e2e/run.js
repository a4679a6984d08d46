#!/usr/bin/env node
// run.js - entry point of the real-VS-Code (extension-host) tests: picks a runner and re-checks its verdict.
//
//   POLICY_LENS_E2E=electron     -> run-electron-tests.js   (@vscode/test-electron; VS Code downloaded or VSCODE_EXECUTABLE)
//   POLICY_LENS_E2E=code-server  -> run-code-server-tests.js (code-server + Debian chromium; works offline)
//   unset: electron when VSCODE_EXECUTABLE is set, otherwise code-server.
//
// Builds nothing: expects `npm run build` (dist/extension.js) and the compiled suite (out/test/e2e/index.js).
// Extra arguments are passed to the runner (e.g. --timeout 300 --keep). There is no "skip": an unknown mode, a runner
// that cannot start, or a run without a valid non-empty summary (the runner copies the suite's summary to the file
// named by POLICY_LENS_E2E_RESULT_FILE, which run.js checks again) is a failure. Exit code = the runner's (0 only after the double check).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { checkSummary, describeSummary } = require('./summary');

const mode = process.env.POLICY_LENS_E2E || (process.env.VSCODE_EXECUTABLE ? 'electron' : 'code-server');
const runners = { electron: 'run-electron-tests.js', 'code-server': 'run-code-server-tests.js' };
const say = (m) => console.log(`[e2e ${new Date().toTimeString().slice(0, 8)}] ${m}`);

if (!runners[mode]) {
  say(`POLICY_LENS_E2E=${mode} is not a known runner (electron | code-server) - failing, not skipping`);
  process.exit(2);
}
// Passes: the whole suite (trust as the runner sets it), then, for code-server, the small untrusted suite in
// restricted mode (POLICY_LENS_E2E_TRUST=untrusted; test/e2e/untrusted.test.ts). POLICY_LENS_E2E_PASSES=main|untrusted
// runs one of them; an explicit POLICY_LENS_E2E_TRUST runs that one pass only.
const wanted = process.env.POLICY_LENS_E2E_PASSES || 'all';
const passes = [];
if (wanted !== 'untrusted') passes.push({ name: 'main', env: {} });
if (wanted !== 'main' && mode === 'code-server' && !process.env.POLICY_LENS_E2E_TRUST) passes.push({ name: 'untrusted', env: { POLICY_LENS_E2E_TRUST: 'untrusted' } });
if (passes.length === 0) {
  say(`POLICY_LENS_E2E_PASSES=${wanted} selects no pass for ${mode} - failing, not skipping`);
  process.exit(2);
}
// The runner copies the suite's summary to this private path (POLICY_LENS_E2E_RESULT_FILE) for the double check.
const summaryCopy = path.join(os.tmpdir(), `plens-result-${process.pid}.json`);
process.on('exit', () => fs.rmSync(summaryCopy, { force: true }));
say(`runner: ${mode} (${runners[mode]}); passes: ${passes.map((p) => p.name).join(', ')}`);
const t0 = Date.now();
let child;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { try { child && child.kill(sig); } catch { /* gone */ } });

/** One pass of the runner; resolves with 0 only after the double check of its summary. */
function runPass(pass) {
  fs.rmSync(summaryCopy, { force: true });
  const started = Date.now();
  return new Promise((resolve) => {
    // The runner gets its own process group so that a terminal Ctrl+C reaches it exactly once (forwarded by us) and it
    // can shut down gracefully (a second SIGINT makes it exit at once).
    child = spawn(process.execPath, [path.join(__dirname, runners[mode]), ...process.argv.slice(2)], {
      stdio: 'inherit', detached: true, env: { ...process.env, ...pass.env, POLICY_LENS_E2E_RESULT_FILE: summaryCopy },
    });
    child.on('error', (e) => { say(`could not start the runner: ${e.message}`); resolve(2); });
    child.on('exit', (code, sig) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (code !== 0) {
        say(`FAIL (${pass.name} pass): ${mode} runner exited with ${code ?? sig} after ${secs}s`);
        return resolve(code || 1);
      }
      const v = checkSummary(summaryCopy);
      if (!v.ok) {
        say(`FAIL (${pass.name} pass): runner exited 0 but ${summaryCopy} does not confirm it: ${v.problems.join('; ')}`);
        return resolve(3);
      }
      say(`pass ${pass.name}: ${describeSummary(v.summary)} in ${secs}s`);
      resolve(0);
    });
  });
}

(async () => {
  for (const pass of passes) {
    const rc = await runPass(pass);
    if (rc !== 0) process.exit(rc);
  }
  say(`PASS (${mode}): ${passes.length} pass(es) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.exit(0);
})();
