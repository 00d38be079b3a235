#!/usr/bin/env bash
# Installs what the test suite needs that a fresh machine lacks: Graphviz's
# `dot`, which the tests use to render every flowchart. Safe to run twice.
set -euo pipefail
if ! command -v dot >/dev/null 2>&1; then
  echo "installing graphviz (for the flowchart tests)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >/dev/null
fi
dot -V
bash "$(dirname "$0")/setup-ci.sh"
bash "$(dirname "$0")/setup-editor.sh"
bash "$(dirname "$0")/setup-cases.sh"
bash "$(dirname "$0")/setup-bpmn.sh"
bash "$(dirname "$0")/setup-site.sh"
