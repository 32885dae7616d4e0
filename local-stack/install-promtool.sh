#!/usr/bin/env bash
# Installs promtool (Debian's prometheus package) for the alert-rule tests (AlertRulesTest), only when it is missing.
# Called by the test itself, so `mvn -B verify` on a fresh Debian machine needs nothing else. Needs root, or sudo
# without a password. `apt-get update` runs only if the first install attempt fails. The package's own Prometheus
# server is not wanted: on a machine with systemd it is stopped and disabled again.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
install() { "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends prometheus; }
if ! install; then
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update
  install
fi
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  "${SUDO[@]}" systemctl disable --now prometheus || true
fi
command -v promtool >/dev/null
