#!/usr/bin/env bash
# Installs what the iCalendar tests need (tests/suite/ics.rs): Python's
# `icalendar` library, pinned, in a virtual environment at target/venv-ics,
# which the tests look for. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/venv-ics
ICALENDAR=7.3.0
if [ -x "$VENV/bin/python" ] &&
  "$VENV/bin/python" -c "import icalendar, sys; sys.exit(icalendar.__version__ != '$ICALENDAR')" 2>/dev/null; then
  echo "icalendar $ICALENDAR is installed in $VENV"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
if ! command -v python3 >/dev/null 2>&1; then
  echo "installing python3 (for the iCalendar tests)"
  apt_install python3 python3-venv
fi
mkdir -p target
rm -rf "$VENV"
# Debian's python3 makes a venv only with python3-venv installed.
if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
  echo "installing python3-venv (for the iCalendar tests)"
  rm -rf "$VENV"
  apt_install python3-venv
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "icalendar==$ICALENDAR"
"$VENV/bin/python" -c "import icalendar; print('icalendar', icalendar.__version__)"
