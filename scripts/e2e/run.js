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
// The runner copies the suite's summary to this private path (POLICY_LENS_E2E_RESULT_FILE) for the double check.
const summaryCopy = path.join(os.tmpdir(), `plens-result-${process.pid}.json`);
fs.rmSync(summaryCopy, { force: true });
process.on('exit', () => fs.rmSync(summaryCopy, { force: true }));
say(`runner: ${mode} (${runners[mode]})`);
const t0 = Date.now();
// The runner gets its own process group so that a terminal Ctrl+C reaches it exactly once (forwarded by us) and it
// can shut down gracefully (a second SIGINT makes it exit at once).
const child = spawn(process.execPath, [path.join(__dirname, runners[mode]), ...process.argv.slice(2)], {
  stdio: 'inherit', detached: true, env: { ...process.env, POLICY_LENS_E2E_RESULT_FILE: summaryCopy },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { try { child.kill(sig); } catch { /* gone */ } });
child.on('error', (e) => { say(`could not start the runner: ${e.message}`); process.exit(2); });
child.on('exit', (code, sig) => {
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (code !== 0) {
    say(`FAIL: ${mode} runner exited with ${code ?? sig} after ${secs}s`);
    process.exit(code || 1);
  }
  const v = checkSummary(summaryCopy);
  if (!v.ok) {
    say(`FAIL: runner exited 0 but ${summaryCopy} does not confirm it: ${v.problems.join('; ')}`);
    process.exit(3);
  }
  say(`PASS (${mode}): ${describeSummary(v.summary)} in ${secs}s`);
  process.exit(0);
});
