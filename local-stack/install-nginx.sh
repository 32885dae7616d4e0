#!/usr/bin/env bash
# Installs Debian's nginx for the scale-out tests (a real reverse proxy in front of several shops), only when it is
# missing. Called by the tests themselves, like install-chromium.sh. Needs root, or sudo without a password. Debian's
# own nginx service is kept from starting (policy-rc.d): the tests run nginx with their own configuration and ports.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod +x "$policy"
  trap '"${SUDO[@]}" rm -f "$policy"' EXIT
fi
install() { "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends nginx; }
if ! install; then
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update
  install
fi
test -x /usr/sbin/nginx
