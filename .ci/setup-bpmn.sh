#!/usr/bin/env bash
# Installs the BPMN clients the test suite runs on `ladder bpmn` output:
# bpmn-moddle, bpmnlint and bpmnlint-plugin-camunda-compat (npm, pinned by
# tests/clients/bpmn/package-lock.json)
# and SpiffWorkflow (PyPI, pinned here) in a virtual environment under target/.
# Safe to run twice: what is already installed is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing node and npm (for bpmn-moddle and bpmnlint)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d tests/clients/bpmn/node_modules/bpmnlint ] || [ ! -d tests/clients/bpmn/node_modules/bpmn-moddle ] \
  || [ ! -d tests/clients/bpmn/node_modules/bpmnlint-plugin-camunda-compat ]; then
  echo "installing bpmn-moddle, bpmnlint and Camunda's compatibility rules"
  (cd tests/clients/bpmn && npm ci --no-audit --no-fund --silent)
fi
SPIFF_VERSION=3.2.0
VENV=target/bpmn-venv
if ! "$VENV/bin/python" -c "import SpiffWorkflow, importlib.metadata as m; assert m.version('SpiffWorkflow') == '$SPIFF_VERSION'" >/dev/null 2>&1; then
  echo "installing SpiffWorkflow $SPIFF_VERSION"
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 python3-venv >/dev/null
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "SpiffWorkflow==$SPIFF_VERSION"
fi
echo "bpmn clients: bpmnlint $(node -p "require('./tests/clients/bpmn/node_modules/bpmnlint/package.json').version"), SpiffWorkflow $SPIFF_VERSION"
