#!/usr/bin/env bash
# Installs what the browser tests of the published site need (tests/suite/site.rs):
# Debian's chromium and nodejs, and the npm packages of tests/clients/site
# (puppeteer-core, axe-core, html-validate, mermaid) from its lockfile. Puppeteer's own
# browser download is skipped: the tests drive /usr/bin/chromium. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (for the browser tests of the site)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -d tests/clients/site/node_modules/puppeteer-core ] \
  || [ tests/clients/site/package-lock.json -nt tests/clients/site/node_modules/.package-lock.json ]; then
  (cd tests/clients/site && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
node --version
