#!/usr/bin/env node
// start.js - `npm start`: open VS Code with Policy Lens loaded as a development extension on samples/.
//
//  - Desktop VS Code on PATH (`code`): runs  code --extensionDevelopmentPath=<repo> <repo>/samples  and returns.
//  - Otherwise (headless/remote machines, like this project's): installs code-server if needed
//    (scripts/e2e/install-code-server.sh, cached in ~/.cache/policy-lens-e2e), starts it on 127.0.0.1:$PORT
//    (default 8080) with --auth none, and PRINTS the URL to open; the URL carries the extension as development
//    extension (payload extensionDevelopmentPath). Runs until Ctrl+C, then stops code-server's whole process group.
//    Settings, UI state and Workspace Trust decisions persist in $CACHE/start/ between runs.
//    After `npm run build`, use "Developer: Reload Window" in the browser to load the new build.
// env: PORT (8080), POLICY_LENS_START=code-server (skip the desktop `code` even if present), POLICY_LENS_E2E_CACHE.
// It works on samples/ itself (not a copy): edits made while trying the extension are real.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const REPO = path.resolve(__dirname, '..');
const SAMPLES = path.join(REPO, 'samples');

function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const f = path.join(dir, cmd);
    try { fs.accessSync(f, fs.constants.X_OK); if (fs.statSync(f).isFile()) return f; } catch { /* next */ }
  }
  return null;
}

function desktop(code) {
  console.log(`starting ${code} --extensionDevelopmentPath=${REPO} ${SAMPLES}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${REPO}`, SAMPLES], { stdio: 'inherit' });
  child.on('exit', (rc) => process.exit(rc ?? 1));
  child.on('error', (e) => { console.error(e.message); process.exit(1); });
}

async function codeServer() {
  const c = require('./e2e/common');
  const log = c.makeLogger('start');
  try {
    c.checkExtension(REPO);
    if (!fs.existsSync(SAMPLES)) throw new Error(`${SAMPLES} does not exist`);
  } catch (e) { log('ERROR:', e.message); return 1; }
  const port = Number(process.env.PORT || 8080);
  if (!(await c.portFree(port))) { log(`ERROR: port ${port} is in use - set PORT to another port`); return 1; }

  const cs = c.ensureCodeServer(log);
  const state = path.join(c.CACHE, 'start');
  const ud = path.join(state, 'ud');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(path.join(state, 'ext'), { recursive: true });
  const settings = path.join(ud, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.writeFileSync(settings, JSON.stringify({
      'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false, 'workbench.enableExperiments': false, 'chat.disableAIFeatures': true,
    }, null, 2) + '\n');
  }
  // short TMPDIR (VS Code's IPC socket paths must stay < 108 bytes), removed at exit
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `plens-${process.pid}-`));
  c.onCleanup(() => c.rmrf(tmp));
  const env = { ...process.env, TMPDIR: tmp, XDG_CONFIG_HOME: path.join(state, 'xdg/config'), XDG_DATA_HOME: path.join(state, 'xdg/data') };
  const server = await c.startCodeServer(cs, {
    runDir: state, port, env, log, userDataDir: ud, extensionsDir: path.join(state, 'ext'), logFile: path.join(state, 'code-server.log'),
  });
  const url = c.workbenchUrl(server.origin, SAMPLES, [['extensionDevelopmentPath', c.remoteUri(server.host, REPO)]]);
  console.log(`
  Policy Lens in VS Code (code-server ${cs.version.split(' ')[0]}), extension loaded from ${REPO}
  Open this URL (use it exactly - the host is part of the extension path):

    ${url}

  (remote machine? forward the port first, e.g.  ssh -L ${port}:127.0.0.1:${port} <host>)
  After \`npm run build\`: "Developer: Reload Window" in the browser. Log: ${server.logFile}
  Ctrl+C to stop.
`);
  await new Promise((resolve) => server.child.on('exit', resolve));
  if (c.stopping()) return 0;
  log(`code-server exited (${JSON.stringify(server.exited())}); log tail:\n${c.tail(server.logFile, 20)}`);
  return 1;
}

const code = process.env.POLICY_LENS_START === 'code-server' ? null : onPath('code');
if (code) desktop(code);
else {
  const c = require('./e2e/common');
  codeServer().then((rc) => c.exitWith(rc), (e) => { console.error(e && e.stack || e); c.exitWith(1); });
}
