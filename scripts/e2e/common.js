// common.js - shared plumbing of the Policy Lens real-VS-Code harness (run-code-server-tests.js,
// run-electron-tests.js, screenshots.js, ../start.js). Plain Node (no build step), CommonJS.
//
// What lives here and why:
//  - paths: the repo root, the shared cache (POLICY_LENS_E2E_CACHE, default ~/.cache/policy-lens-e2e, reused by
//    every checkout/CI clone on the machine) and a fresh per-run dir under $CACHE/runs/ (user data, extensions,
//    XDG dirs, chromium profile, the COPY of samples/ the tests may modify; TMPDIR is a short /tmp/plens-* dir
//    because of the unix-socket path limit). Stale run dirs of dead processes are pruned; free ports are picked,
//    so concurrent runs (a session and CI on one machine) do not collide.
//  - process hygiene: code-server is started in its own session/process group (detached = setsid) because it keeps
//    extension hosts alive for hours after the browser leaves; every exit path (normal, error, timeout, SIGINT,
//    SIGTERM, SIGHUP, uncaught exception) kills the whole group (SIGTERM, then SIGKILL; SIGKILL synchronously in
//    process.on('exit') as the last resort), and a detached watcher kills it even after a `kill -9` of the harness.
//  - the browser: Debian chromium (CHROME_PATH overrides) via the project's own playwright-core, with the flags this
//    closed network needs.
//  - Workspace Trust: kept ENABLED; the workspace copy is made trusted by seeding the workbench's trusted-folder list
//    (application storage = IndexedDB `vscode-web-state-db-global`, key `content.trust.model.key`) in the fresh
//    chromium profile before the workbench loads. So `vscode.workspace.isTrusted === true` and restricted mode never
//    kicks in, while the trust feature itself stays on (unlike the kit's --disable-workspace-trust).
//  - the summary-file contract: summary.js.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const http = require('http');
const { spawn, spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const CACHE = path.resolve(process.env.POLICY_LENS_E2E_CACHE || path.join(os.homedir(), '.cache', 'policy-lens-e2e'));
const CS_VERSION = process.env.POLICY_LENS_E2E_CS_VERSION || '4.100.3';
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const INSTALLER = path.join(__dirname, 'install-code-server.sh');
const SYS_TMP = os.tmpdir();

// ------------------------------------------------------------------------------------------------ logging
function makeLogger(tag) {
  const t0 = Date.now();
  return (...msg) => console.log(`[${tag} ${new Date().toTimeString().slice(0, 8)} +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...msg);
}

// ------------------------------------------------------------------------------------------------ cleanup / exit
const cleanups = [];          // async functions, run in reverse order
const groupsToKill = new Set(); // process-group ids (= leader pids) that must not outlive us
let shuttingDown = null;

function onCleanup(fn) { cleanups.push(fn); }
const stopping = () => !!shuttingDown;

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

async function killGroup(pgid, graceMs = 3000) {
  if (!pgid) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { groupsToKill.delete(pgid); return; }
  const until = Date.now() + graceMs;
  while (Date.now() < until && groupAlive(pgid)) await sleep(100);
  if (groupAlive(pgid)) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
  groupsToKill.delete(pgid);
}

process.on('exit', () => {
  for (const pgid of groupsToKill) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
});

/** Run all cleanups (each bounded), then exit with `code`. Safe to call more than once. */
function exitWith(code) {
  if (!shuttingDown) {
    shuttingDown = (async () => {
      for (const fn of cleanups.splice(0).reverse()) {
        await Promise.race([Promise.resolve().then(fn).catch((e) => console.error('cleanup:', e && e.message)), sleep(10000)]);
      }
      process.exit(code);
    })();
  }
  return shuttingDown;
}

let signalled = false;
for (const [sig, num] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(sig, () => {
    if (signalled) process.exit(128 + num); // second signal: exit now ('exit' handler still SIGKILLs the groups)
    signalled = true;
    console.error(`\n${sig} received - stopping (again to force)`);
    exitWith(128 + num);
  });
}
process.on('uncaughtException', (e) => { console.error('harness error:', e && e.stack || e); exitWith(2); });
process.on('unhandledRejection', (e) => { console.error('harness error:', e && e.stack || e); exitWith(2); });

// ------------------------------------------------------------------------------------------------ misc helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

function parseArgs(argv, known) {
  // --name value | --name=value | --flag ; positional args collected in _
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { out._.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (!(name in known)) throw new Error(`unknown option --${name} (known: ${Object.keys(known).map((k) => '--' + k).join(' ')})`);
    if (known[name] === 'flag') out[name] = true;
    else out[name] = eq >= 0 ? a.slice(eq + 1) : argv[++i];
  }
  return out;
}

function rmrf(p) { try { fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ } }

// ------------------------------------------------------------------------------------------------ project checks
/** Fail early (and clearly) when the extension was not built or the tests were not compiled. */
function checkExtension(extDir) {
  const pkgFile = path.join(extDir, 'package.json');
  if (!fs.existsSync(pkgFile)) throw new Error(`no package.json in extension dir ${extDir}`);
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  if (pkg.main) {
    const main = path.resolve(extDir, pkg.main);
    if (![main, main + '.js', path.join(main, 'index.js')].some((f) => fs.existsSync(f) && fs.statSync(f).isFile())) {
      throw new Error(`extension entry ${pkg.main} not found in ${extDir} - run \`npm run build\` first`);
    }
  }
  return pkg;
}

function resolveTests(testsPath) {
  const p = path.resolve(testsPath);
  const file = fs.existsSync(p) && fs.statSync(p).isDirectory() ? path.join(p, 'index.js') : p;
  if (!fs.existsSync(file)) throw new Error(`test suite ${file} not found - compile the extension-host tests first`);
  return p;
}

// ------------------------------------------------------------------------------------------------ run dir
function pruneRuns(root) {
  const entries = (d, re) => (fs.existsSync(d) ? fs.readdirSync(d) : []).filter((n) => re.test(n)).map((n) => path.join(d, n));
  for (const dir of [...entries(root, /^[a-z]+-\d+-/), ...entries(SYS_TMP, /^plens-\d+-/)]) {
    const m = /^[a-z]+-(\d+)-/.exec(path.basename(dir));
    let ageH;
    try { ageH = (Date.now() - fs.statSync(dir).mtimeMs) / 3.6e6; } catch { continue; }
    const owner = m ? Number(m[1]) : 0;
    let ownerAlive = false;
    if (owner) { try { process.kill(owner, 0); ownerAlive = true; } catch (e) { ownerAlive = e.code === 'EPERM'; } }
    const kept = fs.existsSync(path.join(dir, 'KEEP'));
    if ((!ownerAlive && !kept && ageH > 0.05) || ageH > 72) rmrf(dir);
  }
}

/** Fresh dir $CACHE/runs/<kind>-<pid>-<time>/ with ud/User, ext, tmp, xdg; removed at exit unless keep. */
function makeRunDir(kind, { keep = false } = {}) {
  const root = path.join(CACHE, 'runs');
  fs.mkdirSync(root, { recursive: true });
  pruneRuns(root);
  const dir = path.join(root, `${kind}-${process.pid}-${Date.now().toString(36)}`);
  for (const sub of ['ud/User', 'ext', 'xdg/config', 'xdg/data', 'xdg/cache']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  // TMPDIR gets VS Code's vscode-ipc-<uuid>.sock files: unix socket paths must stay < 108 bytes, so it is a short
  // dir in the system temp dir (symlinked as <run>/tmp for inspection) rather than inside the cache.
  const tmp = fs.mkdtempSync(path.join(SYS_TMP, `plens-${process.pid}-`));
  fs.symlinkSync(tmp, path.join(dir, 'tmp'));
  if (keep) fs.writeFileSync(path.join(dir, 'KEEP'), 'kept by POLICY_LENS_E2E_KEEP / --keep\n');
  onCleanup(() => { rmrf(tmp); if (!fs.existsSync(path.join(dir, 'KEEP'))) rmrf(dir); });
  return dir;
}

/** Environment for everything started inside a run dir: temp files, sockets and app config stay inside it. */
function runEnv(runDir, extra = {}) {
  return {
    ...process.env,
    TMPDIR: fs.realpathSync(path.join(runDir, 'tmp')),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    ...extra,
  };
}

/** Copy samples/ (or another folder) to <runDir>/<basename>; the tests may modify the copy freely. */
function copyWorkspace(src, runDir) {
  if (!fs.existsSync(src) || !fs.statSync(src).isDirectory()) throw new Error(`sample workspace ${src} does not exist`);
  const dest = path.join(runDir, path.basename(src));
  fs.cpSync(src, dest, { recursive: true, dereference: true });
  return dest;
}

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',        // the Welcome page steals focus (Quick Open) and time
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,                     // no git repo in the workspace copy; saves a process
  'security.workspace.trust.enabled': true, // trust stays ON; the workspace is trusted by seeding (see header)
  'security.workspace.trust.startupPrompt': 'never', // never a modal that blocks UI driving
  'security.workspace.trust.banner': 'never',
};

function writeUserSettings(runDir, extra = {}) {
  const file = path.join(runDir, 'ud', 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2) + '\n');
  return file;
}

// ------------------------------------------------------------------------------------------------ code-server
/** Make sure code-server is installed (runs the idempotent installer: ~0.3 s when warm). */
function ensureCodeServer(log) {
  const stampFile = path.join(CACHE, `code-server-${CS_VERSION}`, 'policy-lens-ready.json');
  log(`ensuring code-server ${CS_VERSION} in ${CACHE}`);
  const r = spawnSync('bash', [INSTALLER], { stdio: 'inherit', env: { ...process.env, POLICY_LENS_E2E_CACHE: CACHE, POLICY_LENS_E2E_CS_VERSION: CS_VERSION } });
  if (r.status !== 0 || !fs.existsSync(stampFile)) throw new Error(`install-code-server.sh failed (exit ${r.status})`);
  return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
}

/**
 * Start code-server in its own process group; resolves when /healthz answers.
 * opts: { runDir, port, env, log, userDataDir?, extensionsDir?, disableTrust?, logFile? }
 */
async function startCodeServer(cs, opts) {
  const { runDir, port, log } = opts;
  const ud = opts.userDataDir || path.join(runDir, 'ud');
  const ext = opts.extensionsDir || path.join(runDir, 'ext');
  const logFile = opts.logFile || path.join(runDir, 'code-server.log');
  const args = [cs.entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', ud, '--extensions-dir', ext];
  if (opts.disableTrust) args.push('--disable-workspace-trust');
  // Newer VS Code web builds honour extensionDevelopmentPath/extensionTestsPath from the URL payload only with
  // the smoke-test driver enabled; code-server versions that have the passthrough flag get it.
  const help = spawnSync(cs.node, [cs.entry, '--help'], { encoding: 'utf8', env: opts.env });
  if (/--vscode-option/.test(help.stdout || '')) args.push('--vscode-option=enable-smoke-test-driver');

  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cs.node, args, { detached: true, stdio: ['ignore', fd, fd], env: opts.env });
  fs.closeSync(fd);
  groupsToKill.add(child.pid);
  onCleanup(() => killGroup(child.pid));
  orphanGuard(child.pid);
  let exited = null;
  child.on('exit', (code, sig) => { exited = { code, sig }; });

  const origin = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  while (!(await httpOk(`${origin}/healthz`))) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.sig}); log:\n${tail(logFile, 30)}`);
    if (Date.now() - t0 > 60000) throw new Error(`code-server did not answer /healthz within 60 s; log:\n${tail(logFile, 30)}`);
    await sleep(150);
  }
  log(`code-server up on ${origin} after ${((Date.now() - t0) / 1000).toFixed(1)}s (pgid ${child.pid}, log ${logFile})`);
  return { child, pgid: child.pid, port, origin, host: `127.0.0.1:${port}`, logFile, exited: () => exited };
}

/**
 * Even `kill -9` of the harness must not leave code-server (and its hours-long extension-host grace period) behind:
 * a tiny detached watcher kills the group once our process is gone, and exits by itself when the group is gone.
 */
function orphanGuard(pgid) {
  const src = `const [p, g] = [${process.pid}, ${pgid}]; const alive = (x) => { try { process.kill(x, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => { if (!alive(-g)) process.exit(0); if (!alive(p)) { try { process.kill(-g, 'SIGKILL'); } catch {} process.exit(0); } }, 1000);`;
  spawn(process.execPath, ['-e', src], { detached: true, stdio: 'ignore' }).unref();
}

function tail(file, n) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n - 1).join('\n'); } catch { return '(no log)'; }
}

const remoteUri = (host, p) => `vscode-remote://${host}${p}`;

/** Workbench URL: ?folder=<abs>&payload=[[key, value], ...] (the mechanism of "Extension Development Host" in the browser). */
function workbenchUrl(origin, folder, payload) {
  let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload && payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

// ------------------------------------------------------------------------------------------------ browser
function loadPlaywright() {
  let p;
  try { p = require.resolve('playwright-core', { paths: [REPO] }); } catch {
    throw new Error(`playwright-core not found from ${REPO} - run \`npm ci\` (it is a devDependency)`);
  }
  return require(p);
}

async function launchBrowser(runDir, { viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROME)) throw new Error(`chromium not found at ${CHROME} (apt-get install chromium, or set CHROME_PATH)`);
  const { chromium } = loadPlaywright();
  const ctx = await chromium.launchPersistentContext(path.join(runDir, 'chromium-profile'), {
    executablePath: CHROME,
    headless: true,
    viewport,
    env: runEnv(runDir),
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // our own handlers close it (exitWith)
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
      '--disable-features=Translate,MediaRouter,OptimizationHints'],
  });
  onCleanup(() => ctx.close().catch(() => {}));
  const page = ctx.pages()[0] || await ctx.newPage();
  return { ctx, page };
}

/**
 * Trust `folders` (absolute paths on the code-server machine) in this browser profile before the workbench loads:
 * the workbench reads its trusted-folder list from application storage (IndexedDB) at startup.
 */
async function seedWorkspaceTrust(page, server, folders) {
  await page.goto(`${server.origin}/healthz`); // any page of the same origin: IndexedDB is per origin
  const value = JSON.stringify({
    uriTrustInfo: folders.map((f) => ({ uri: { scheme: 'vscode-remote', authority: server.host, path: f }, trusted: true })),
  });
  await page.evaluate(({ key, value }) => new Promise((resolve, reject) => {
    const req = indexedDB.open('vscode-web-state-db-global');
    req.onupgradeneeded = () => { if (!req.result.objectStoreNames.contains('ItemTable')) req.result.createObjectStore('ItemTable'); };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('ItemTable', 'readwrite');
      tx.objectStore('ItemTable').put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { key: 'content.trust.model.key', value });
}

const { SUMMARY_CONTRACT, checkSummary, describeSummary } = require('./summary');

module.exports = {
  REPO, CACHE, CS_VERSION, CHROME, SUMMARY_CONTRACT, BASE_SETTINGS,
  makeLogger, onCleanup, exitWith, stopping, killGroup, groupsToKill, sleep, freePort, portFree, httpOk, parseArgs, rmrf, tail,
  checkExtension, resolveTests, makeRunDir, runEnv, copyWorkspace, writeUserSettings,
  ensureCodeServer, startCodeServer, remoteUri, workbenchUrl, loadPlaywright, launchBrowser, seedWorkspaceTrust,
  checkSummary, describeSummary,
};
