#!/usr/bin/env bash
# Installs what the browser editor's build and tests need on a fresh
# machine: the wasm32 target, wasm-bindgen-cli of exactly the version in
# Cargo.lock, Node.js and npm, the editor's npm packages (esbuild,
# CodeMirror, Graphviz in WebAssembly, puppeteer-core, axe-core) from the
# lockfile, and Debian's Chromium. Then builds the editor into
# target/editor, which the tests use. Safe to run twice: it skips what is
# there.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "adding the wasm32-unknown-unknown target (for the browser editor)"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be the very version of the wasm-bindgen crate.
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wanted" ]; then
  echo "installing wasm-bindgen-cli $wanted (for the browser editor)"
  start=$(date +%s)
  # --force: cargo may remember an install whose binary is gone, or another
  # version is on the PATH; this step only runs when the right one is not.
  cargo install --locked --force wasm-bindgen-cli --version "$wanted"
  echo "wasm-bindgen-cli installed in $(( $(date +%s) - start )) s"
fi

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (for the browser editor)"
  apt_install "${missing[@]}"
fi

if [ ! -f xtask/editor/node_modules/.package-lock.json ] ||
   [ xtask/editor/package-lock.json -nt xtask/editor/node_modules/.package-lock.json ]; then
  echo "installing the editor's npm packages from xtask/editor/package-lock.json"
  (cd xtask/editor && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

start=$(date +%s)
cargo xtask editor --out target/editor
echo "editor built in $(( $(date +%s) - start )) s"
