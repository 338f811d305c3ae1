#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the last release whose engines accept Node 20) for the
# real-editor tests, offline-safe: only the npm registry is reached. Idempotent: a complete install is kept.
#
#   test/e2e/install-code-server.sh [DEST]      DEST defaults to $SYLLABUS_E2E_HOME/code-server,
#                                                SYLLABUS_E2E_HOME to $HOME/.cache/syllabus-e2e
# Debian packages it needs: build-essential pkg-config python3 libkrb5-dev ripgrep (and chromium for the tests).
set -euo pipefail
E2E_HOME=${SYLLABUS_E2E_HOME:-$HOME/.cache/syllabus-e2e}
DEST=${1:-$E2E_HOME/code-server}
CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11   # @vscode/ripgrep pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz   # the archive its postinstall would download
VS="$DEST/node_modules/code-server/lib/vscode"
NATIVE=(node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node
        native-watchdog/build/Release/watchdog.node kerberos/build/Release/kerberos.node)

complete() {
  [ -x "$DEST/node_modules/.bin/code-server" ] || return 1
  "$DEST/node_modules/.bin/code-server" --version 2>/dev/null | grep -q "^$CS_VERSION " || return 1
  for m in "${NATIVE[@]}"; do [ -f "$VS/node_modules/$m" ] || return 1; done
  [ -x "$VS/node_modules/@vscode/ripgrep/bin/rg" ]
}

if complete; then echo "code-server $CS_VERSION already installed in $DEST"; exit 0; fi

for tool in rg node npm make g++ pkg-config; do
  command -v "$tool" >/dev/null || { echo "missing '$tool': apt-get install -y build-essential pkg-config python3 libkrb5-dev ripgrep" >&2; exit 1; }
done
[ -f /usr/include/gssapi/gssapi.h ] || { echo "missing Kerberos headers: apt-get install -y libkrb5-dev" >&2; exit 1; }

mkdir -p "$DEST/.tmp"
export TMPDIR="$DEST/.tmp"   # keeps the seeded ripgrep cache and npm/gyp temp files inside DEST
# @vscode/ripgrep's postinstall downloads rg from GitHub unless its "download cache" already holds the archive:
# seed that cache with Debian's rg so the install never leaves the npm registry.
mkdir -p "$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION" "$TMPDIR/rgpkg"
cp "$(command -v rg)" "$TMPDIR/rgpkg/rg"
tar -czf "$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$TMPDIR/rgpkg" rg

cd "$DEST"
[ -f package.json ] || echo '{"name":"syllabus-e2e-code-server","private":true}' > package.json
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which aborts non-interactively when npmrc says yes=false.
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$CS_VERSION"

complete || { echo "code-server install in $DEST is incomplete (native modules or rg missing)" >&2; exit 1; }
node -e "require('$VS/node_modules/@parcel/watcher')"
"$DEST/node_modules/.bin/code-server" --version
